import { createDecipheriv, createPrivateKey, type KeyObject } from 'node:crypto';
import { pbkdf } from 'bcrypt-pbkdf';
import { CoreError } from '../errors';
import { SshReader } from './sshWire';

// Reads the OpenSSH private key format ("BEGIN OPENSSH PRIVATE KEY"), what
// ssh-keygen writes without `-m PEM` and openssl cannot read, with or without a
// passphrase (bcrypt-pbkdf + aes256-ctr, or the other AES modes ssh-keygen offers).

const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
/** Far above any ssh-keygen -a a person uses; far below a count that takes hours. */
const MAX_BCRYPT_ROUNDS = 1_000;

/** A reader of OpenSSH data whose reads past the end say the key is cut short. */
function readerOf(buffer: Buffer, at = 0): SshReader {
  return new SshReader(buffer, at, truncated);
}

function truncated(): CoreError {
  return new CoreError('invalid_key_file', 'This OpenSSH private key is cut short or damaged.');
}

const CIPHERS: Record<string, { algorithm: string; keyLength: number; ivLength: number }> = {
  'aes256-ctr': { algorithm: 'aes-256-ctr', keyLength: 32, ivLength: 16 },
  'aes192-ctr': { algorithm: 'aes-192-ctr', keyLength: 24, ivLength: 16 },
  'aes128-ctr': { algorithm: 'aes-128-ctr', keyLength: 16, ivLength: 16 },
  'aes256-cbc': { algorithm: 'aes-256-cbc', keyLength: 32, ivLength: 16 },
  'aes192-cbc': { algorithm: 'aes-192-cbc', keyLength: 24, ivLength: 16 },
  'aes128-cbc': { algorithm: 'aes-128-cbc', keyLength: 16, ivLength: 16 },
};

function decrypt(
  cipherName: string,
  kdfName: string,
  kdfOptions: Buffer,
  sealed: Buffer,
  passphrase: string | undefined,
): Buffer {
  if (cipherName === 'none') return sealed;
  if (passphrase === undefined || passphrase === '')
    throw new CoreError(
      'passphrase_required',
      'This OpenSSH private key is protected by a passphrase. Enter it to import the key.',
    );
  const cipher = CIPHERS[cipherName];
  if (kdfName !== 'bcrypt' || !cipher) {
    throw new CoreError(
      'invalid_key_file',
      `This OpenSSH key is encrypted with ${cipherName}/${kdfName}, which this app cannot read. Re-save it with: ssh-keygen -p -m PEM -f FILE`,
    );
  }
  const options = readerOf(kdfOptions);
  const salt = options.bytes();
  const rounds = options.uint32();
  // ssh-keygen uses 16 (its -a option); a file asking for millions would hang the app for hours.
  if (rounds < 1 || rounds > MAX_BCRYPT_ROUNDS)
    throw new CoreError(
      'invalid_key_file',
      `This OpenSSH key asks for ${rounds} bcrypt rounds; a key file made by ssh-keygen asks for 16 to a few hundred. It may be damaged; re-save it with: ssh-keygen -p -f FILE`,
    );
  if (salt.length === 0 || salt.length > 1024) throw truncated();
  const pass = Buffer.from(passphrase, 'utf8');
  const derived = new Uint8Array(cipher.keyLength + cipher.ivLength);
  pbkdf(pass, pass.length, salt, salt.length, derived, derived.length, rounds);
  const decipher = createDecipheriv(
    cipher.algorithm,
    derived.subarray(0, cipher.keyLength),
    derived.subarray(cipher.keyLength),
  );
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}

function unsigned(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start);
}

function mod(a: bigint, m: bigint): bigint {
  return ((a % m) + m) % m;
}

function toBase64Url(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex').toString('base64url');
}

const big = (bytes: Buffer) => BigInt(`0x${unsigned(bytes).toString('hex') || '0'}`);

/** The key type named inside an OpenSSH file (ssh-rsa, ssh-ed25519, …), readable without the passphrase. */
function opensshKeyType(blob: Buffer): string {
  if (!blob.subarray(0, MAGIC.length).equals(MAGIC))
    throw new CoreError('invalid_key_file', 'This is not an OpenSSH private key.');
  const reader = readerOf(blob, MAGIC.length);
  reader.text();
  reader.text();
  reader.bytes();
  if (reader.uint32() < 1) throw truncated();
  return readerOf(reader.bytes()).text();
}

export function parseOpenSshPrivateKey(pem: string, passphrase?: string): { key: KeyObject; encrypted: boolean } {
  const body = pem.replace(/-----(BEGIN|END) OPENSSH PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  const blob = Buffer.from(body, 'base64');
  const type = opensshKeyType(blob);
  if (type !== 'ssh-rsa')
    throw new CoreError('not_rsa', `This is an ${type} key, not RSA. JaaS API keys are 4096-bit RSA keys.`);

  const reader = readerOf(blob, MAGIC.length);
  const cipherName = reader.text();
  const kdfName = reader.text();
  const kdfOptions = reader.bytes();
  if (reader.uint32() !== 1)
    throw new CoreError('invalid_key_file', 'This OpenSSH file holds more than one key; import one key per file.');
  reader.bytes(); // the public key, repeated inside the private section
  const plain = readerOf(decrypt(cipherName, kdfName, kdfOptions, reader.bytes(), passphrase));
  if (plain.uint32() !== plain.uint32()) {
    throw cipherName === 'none'
      ? truncated()
      : new CoreError('wrong_passphrase', 'The passphrase is wrong: the key did not decrypt. Check it and try again.');
  }
  if (plain.text() !== 'ssh-rsa') throw truncated();
  const n = big(plain.bytes());
  const e = big(plain.bytes());
  const d = big(plain.bytes());
  const iqmp = big(plain.bytes());
  const p = big(plain.bytes());
  const q = big(plain.bytes());
  try {
    const key = createPrivateKey({
      format: 'jwk',
      key: {
        kty: 'RSA',
        n: toBase64Url(n),
        e: toBase64Url(e),
        d: toBase64Url(d),
        p: toBase64Url(p),
        q: toBase64Url(q),
        dp: toBase64Url(mod(d, p - 1n)),
        dq: toBase64Url(mod(d, q - 1n)),
        qi: toBase64Url(iqmp),
      },
    });
    return { key, encrypted: cipherName !== 'none' };
  } catch {
    throw truncated();
  }
}
