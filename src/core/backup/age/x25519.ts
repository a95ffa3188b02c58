import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { bech32 } from '@scure/base';
import { openFileKey, sealFileKey } from './fileKeyWrap';
import { AgeFormatError, decodeRawBase64, encodeRawBase64, type Identity, type Recipient, type Stanza } from './header';

// age's X25519 recipients and identities (C2SP age spec, "The X25519 recipient type")
// with Node's own X25519: a recipient is `age1…` and an identity `AGE-SECRET-KEY-1…`
// (Bech32, as age-keygen prints them). Wrapping: an ephemeral key agreement, HKDF-SHA256
// with the two public keys as salt, and ChaCha20-Poly1305 with a zero nonce.

const LABEL = 'age-encryption.org/v1/X25519';
const RECIPIENT_PREFIX = 'age';
const IDENTITY_PREFIX = 'age-secret-key-';
/** PKCS#8 for an X25519 private key, before its 32 bytes: how Node takes a raw scalar. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

const fromBase64Url = (text: string | undefined) => Buffer.from(text ?? '', 'base64url');

function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
}

function rawPublic(key: KeyObject): Buffer {
  return fromBase64Url(key.export({ format: 'jwk' }).x);
}

function decodeBech32(text: string, prefix: string): Buffer | null {
  try {
    const { prefix: found, bytes } = bech32.decodeToBytes(text);
    return found === prefix && bytes.length === 32 ? Buffer.from(bytes) : null;
  } catch {
    return null;
  }
}

/**
 * The wrap key of one stanza, from the agreement of `privateKey` with `peer` (the sender
 * agrees with the recipient, the identity with the share); an all-zero shared secret (a
 * low-order point) is refused.
 */
function wrapKey(privateKey: KeyObject, peer: Buffer, share: Buffer, recipient: Buffer): Buffer {
  let secret: Buffer;
  try {
    secret = diffieHellman({ privateKey, publicKey: publicKeyObject(peer) });
  } catch {
    throw new AgeFormatError('invalid X25519 share'); // OpenSSL refuses some low-order points itself
  }
  if (secret.every((byte) => byte === 0)) throw new AgeFormatError('invalid X25519 share');
  return Buffer.from(hkdfSync('sha256', secret, Buffer.concat([share, recipient]), LABEL, 32));
}

export function generateIdentity(): string {
  const { privateKey } = generateKeyPairSync('x25519');
  return bech32.encodeFromBytes(IDENTITY_PREFIX, fromBase64Url(privateKey.export({ format: 'jwk' }).d)).toUpperCase();
}

/** The public key of an `age1…` recipient, or null when it does not decode. */
export function parseRecipient(text: string): Buffer | null {
  return text === text.toLowerCase() ? decodeBech32(text, RECIPIENT_PREFIX) : null;
}

function identityKey(identity: string): KeyObject {
  const scalar = identity === identity.toUpperCase() ? decodeBech32(identity.toLowerCase(), IDENTITY_PREFIX) : null;
  if (!scalar) throw new Error('not an age X25519 identity');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, scalar]), format: 'der', type: 'pkcs8' });
}

export function identityToRecipient(identity: string): string {
  return bech32.encodeFromBytes(RECIPIENT_PREFIX, rawPublic(createPublicKey(identityKey(identity))));
}

export class X25519Recipient implements Recipient {
  private readonly publicKey: Buffer;

  constructor(recipient: string) {
    const key = parseRecipient(recipient);
    if (!key) throw new Error('not an age X25519 recipient');
    this.publicKey = key;
  }

  async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
    const ephemeral = generateKeyPairSync('x25519');
    const share = rawPublic(ephemeral.publicKey);
    const body = sealFileKey(wrapKey(ephemeral.privateKey, this.publicKey, share, this.publicKey), fileKey);
    return [{ args: ['X25519', encodeRawBase64(share)], body }];
  }
}

export class X25519Identity implements Identity {
  private readonly privateKey: KeyObject;
  private readonly publicKey: Buffer;

  constructor(identity: string) {
    this.privateKey = identityKey(identity);
    this.publicKey = rawPublic(createPublicKey(this.privateKey));
  }

  async unwrapFileKey(stanzas: readonly Stanza[]): Promise<Uint8Array | null> {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== 'X25519') continue;
      if (stanza.args.length !== 2 || stanza.body.length !== 32) throw new AgeFormatError('invalid X25519 stanza');
      const share = decodeRawBase64(stanza.args[1]!);
      if (share.length !== 32) throw new AgeFormatError('invalid X25519 stanza');
      const fileKey = openFileKey(wrapKey(this.privateKey, share, share, this.publicKey), stanza.body);
      if (fileKey) return fileKey; // else another recipient's stanza: try the next
    }
    return null;
  }
}
