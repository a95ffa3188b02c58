import { randomBytes, scrypt } from 'node:crypto';
import { openFileKey, sealFileKey } from './fileKeyWrap';
import { AgeFormatError, decodeRawBase64, encodeRawBase64, type Identity, type Recipient, type Stanza } from './header';

// age's passphrase mode (C2SP age spec, "The scrypt recipient type") with Node's own
// scrypt, which runs on the thread pool: age-encryption's built-in one is JavaScript on
// the event loop, and a work factor of 2^18 held the loop for seconds: in the app that
// loop is Electron's main thread, so the window froze ("Not Responding" on Windows).
// The stanza and the file key's wrapping are exactly age's, so `age -d` opens the file.

const LABEL = 'age-encryption.org/v1/scrypt';
/** age's own default work factor. */
export const SCRYPT_LOG_N = 18;
/** age refuses more on decryption; so do we, before any work. */
const MAX_LOG_N = 20;

function derive(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    // 128 · N · r bytes of memory, with room to spare (Node's default limit is 32 MB).
    scrypt(
      passphrase,
      Buffer.concat([Buffer.from(LABEL), salt]),
      32,
      { N, r: 8, p: 1, maxmem: 256 * N * 8 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/**
 * age's scrypt recipient. The key is derived as soon as it is made, on the thread pool, so
 * its caller can check the passphrase's strength and read the keychain meanwhile; it wraps
 * one file key only (one salt per file, as age requires: the wrapping uses a zero nonce).
 */
export class ScryptRecipient implements Recipient {
  private readonly salt = randomBytes(16);
  private readonly key: Promise<Buffer>;
  private used = false;

  constructor(
    passphrase: string,
    private readonly logN = SCRYPT_LOG_N,
  ) {
    this.key = derive(passphrase, this.salt, logN);
    // Awaited in wrapFileKey; a backup refused before then (a weak passphrase) must not leave it unhandled.
    this.key.catch(() => undefined);
  }

  async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
    if (this.used) throw new Error('a scrypt recipient wraps one file key only');
    this.used = true;
    const key = await this.key;
    return [{ args: ['scrypt', encodeRawBase64(this.salt), String(this.logN)], body: sealFileKey(key, fileKey) }];
  }
}

export class ScryptIdentity implements Identity {
  constructor(private readonly passphrase: string) {}

  async unwrapFileKey(stanzas: readonly Stanza[]): Promise<Uint8Array | null> {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== 'scrypt') continue;
      // age's rules: the scrypt stanza is alone in its header, and well formed.
      if (stanzas.length !== 1) throw new AgeFormatError('scrypt recipient is not the only one in the header');
      if (stanza.args.length !== 3 || !/^[1-9][0-9]*$/.test(stanza.args[2]!) || stanza.body.length !== 32)
        throw new AgeFormatError('invalid scrypt stanza');
      const salt = decodeRawBase64(stanza.args[1]!);
      if (salt.length !== 16) throw new AgeFormatError('invalid scrypt stanza');
      const logN = Number(stanza.args[2]);
      if (logN > MAX_LOG_N) throw new AgeFormatError('scrypt work factor is too high');
      return openFileKey(await derive(this.passphrase, salt, logN), stanza.body);
    }
    return null;
  }
}
