import { createCipheriv, createDecipheriv } from 'node:crypto';

// How every age recipient type wraps the 16-byte file key in its stanza body (C2SP age
// spec): ChaCha20-Poly1305 with a zero nonce, safe because each wrapping key is used once
// (a fresh salt for scrypt, a fresh ephemeral share for X25519).

const ZERO_NONCE = Buffer.alloc(12);

export function sealFileKey(key: Buffer, fileKey: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: 16 });
  return Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
}

/** The file key, or null when this key did not wrap it (another passphrase, another recipient). */
export function openFileKey(key: Buffer, body: Uint8Array): Buffer | null {
  if (body.length !== 32) return null;
  const decipher = createDecipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: 16 });
  decipher.setAuthTag(body.subarray(16));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, 16)), decipher.final()]);
  } catch {
    return null;
  }
}
