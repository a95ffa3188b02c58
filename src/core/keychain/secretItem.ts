import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { CoreError } from '../errors';

// One keychain item per secret, under Windows Credential Manager's 2,560-byte limit on
// every OS. A 4096-bit RSA private key is kept as its private numbers only (e, d, p, q:
// about 1.4 KB of base64); the modulus and the CRT values follow from them, so the
// PKCS#1 and PKCS#8 exports are byte for byte what they were. Any other secret (this
// computer's age identity) is kept as its text. Every item names its format version and
// carries a checksum, so a damaged item, or one from a newer version, is refused by name.
//
//   jaas-secret/2 rsa <base64 of the numbers> <first 16 hex digits of SHA-256 of them>
//   jaas-secret/2 text <base64 of the UTF-8 text> <checksum>

export const ITEM_PREFIX = 'jaas-secret/';
const VERSION = 2;
/** Windows Credential Manager's limit on one secret; a margin is kept below it. */
export const MAX_ITEM_BYTES = 2400;

function checksum(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** A big number's bytes, big-endian, without leading zeros. */
const fromBase64url = (text: string) => Buffer.from(text, 'base64url');
const toBigInt = (bytes: Buffer) => (bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`));
function toBytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** Length-prefixed fields (two bytes each), so the numbers keep their exact bytes. */
function pack(fields: Buffer[]): Buffer {
  return Buffer.concat(fields.flatMap((field) => [Buffer.from([field.length >> 8, field.length & 0xff]), field]));
}

function unpack(bytes: Buffer, count: number): Buffer[] | null {
  const fields: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) return null;
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (at + 2 + length > bytes.length) return null;
    fields.push(bytes.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return fields.length === count ? fields : null;
}

/** x⁻¹ mod m, for the CRT coefficient. */
function inverse(x: bigint, m: bigint): bigint {
  let [a, b, u, v] = [x % m, m, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b, u, v] = [b, a - q * b, v, u - q * v];
  }
  return ((u % m) + m) % m;
}

/** The item text for a secret: an RSA private key as its numbers, anything else as text. */
export function encodeItem(secret: string): string {
  let item: string;
  if (secret.startsWith('-----BEGIN PRIVATE KEY-----')) {
    const jwk = createPrivateKey(secret).export({ format: 'jwk' });
    if (jwk.kty !== 'RSA') throw new CoreError('not_rsa', 'Only RSA private keys are kept in the keychain.');
    const numbers = pack([jwk.e!, jwk.d!, jwk.p!, jwk.q!].map(fromBase64url));
    item = `${ITEM_PREFIX}${VERSION} rsa ${numbers.toString('base64')} ${checksum(numbers)}`;
  } else {
    const bytes = Buffer.from(secret, 'utf8');
    item = `${ITEM_PREFIX}${VERSION} text ${bytes.toString('base64')} ${checksum(bytes)}`;
  }
  if (Buffer.byteLength(item) > MAX_ITEM_BYTES) {
    throw new CoreError(
      'keychain_unavailable',
      `The secret is too large for one keychain item (${Buffer.byteLength(item)} bytes).`,
    );
  }
  return item;
}

export function isItem(text: string): boolean {
  return text.startsWith(ITEM_PREFIX);
}

/** The secret an item holds, as it was put: a PKCS#8 PEM for an RSA key. Refuses a damaged item by name. */
export function decodeItem(id: string, text: string): string {
  const damaged = (why: string) =>
    new CoreError('secret_corrupt', `The keychain entry for key ${id} is damaged (${why}).`);
  const match = /^jaas-secret\/(\d+) (rsa|text) ([A-Za-z0-9+/]*={0,2}) ([0-9a-f]{16})$/.exec(text);
  const version = Number(/^jaas-secret\/(\d+) /.exec(text)?.[1]);
  if (version > VERSION) {
    throw new CoreError(
      'secret_corrupt',
      `The keychain entry for key ${id} was written by a newer version (format ${version}). Update JaaS Key Manager.`,
    );
  }
  if (!match) throw damaged('not in the form this version writes');
  const bytes = Buffer.from(match[3]!, 'base64');
  if (checksum(bytes) !== match[4]) throw damaged('its checksum does not match');
  if (match[2] === 'text') return bytes.toString('utf8');
  const fields = unpack(bytes, 4);
  if (!fields) throw damaged('its numbers are cut short');
  return rsaPem(fields.map(toBigInt) as [bigint, bigint, bigint, bigint], damaged);
}

function rsaPem([e, d, p, q]: [bigint, bigint, bigint, bigint], damaged: (why: string) => CoreError): string {
  const b64 = (value: bigint) => toBytes(value).toString('base64url');
  let key: KeyObject;
  try {
    const jwk = {
      kty: 'RSA',
      n: b64(p * q),
      e: b64(e),
      d: b64(d),
      p: b64(p),
      q: b64(q),
      dp: b64(d % (p - 1n)),
      dq: b64(d % (q - 1n)),
      qi: b64(inverse(q, p)),
    };
    key = createPrivateKey({ key: jwk, format: 'jwk' });
  } catch {
    throw damaged('its numbers do not make an RSA key');
  }
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}
