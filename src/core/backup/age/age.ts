import { randomBytes } from 'node:crypto';
import { AgeFormatError, readHeader, writeHeader, type Identity, type Recipient } from './header';
import { NONCE_BYTES, openPayload, sealPayload } from './stream';

// An age v1 file (C2SP age spec), made and opened with Node's own cryptography: a file
// key wraps once per recipient into the header, whose MAC it keys, and seals the payload.
// `age` and age-encryption are the oracles in test/core/age*.test.ts, in both directions.
// age-encryption itself cost this app 200 ms to load and 10-100 ms of JavaScript
// ChaCha20 on the event loop for each backup (docs/benchmarks.md).

const FILE_KEY_BYTES = 16;

/** No stanza opened with any identity given: the wrong passphrase, or another computer's file. */
export class NoIdentityMatchedError extends Error {
  constructor() {
    super('no identity matched any of the file’s recipients');
  }
}

export async function encrypt(plain: Uint8Array, recipients: readonly Recipient[]): Promise<Buffer> {
  if (recipients.length === 0) throw new Error('no recipients');
  const fileKey = randomBytes(FILE_KEY_BYTES);
  const stanzas = (await Promise.all(recipients.map((recipient) => recipient.wrapFileKey(fileKey)))).flat();
  const header = writeHeader(stanzas, fileKey);
  return Buffer.concat([header, await sealPayload(fileKey, randomBytes(NONCE_BYTES), plain)]);
}

/**
 * The plaintext of a binary age file. Throws NoIdentityMatchedError when no identity
 * opens a stanza, and AgeFormatError when the file is malformed or was changed.
 */
export async function decrypt(file: Uint8Array, identities: readonly Identity[]): Promise<Buffer> {
  const header = readHeader(file);
  let fileKey: Uint8Array | null = null;
  for (const identity of identities) {
    fileKey = await identity.unwrapFileKey(header.stanzas);
    if (fileKey) break;
  }
  if (!fileKey) throw new NoIdentityMatchedError();
  if (!header.macMatches(fileKey)) throw new AgeFormatError('the header MAC does not match');
  return openPayload(fileKey, file.subarray(header.end));
}
