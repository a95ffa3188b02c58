import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOpenSshPrivateKey } from '../../src/core/keys/openssh';
import { tempDir } from '../support/fixtures';

// The OpenSSH private key reader, against ssh-keygen itself: every cipher ssh-keygen
// offers for key files, each read back and compared byte for byte with the PKCS#1
// file ssh-keygen writes for the same key (so n, e, d, p, q and the CRT values dp,
// dq, qi must all be right), and files damaged field by field. Key size does not
// matter to the reader, so these keys are 2048-bit, made quickly.

const PASS = 'open sesame';
const SUPPORTED = ['aes128-ctr', 'aes192-ctr', 'aes256-ctr', 'aes128-cbc', 'aes192-cbc', 'aes256-cbc'];
const UNSUPPORTED = ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'chacha20-poly1305@openssh.com'];

let dir: string;
let plainText: string;
let pkcs1: string; // what `ssh-keygen -m PEM` writes for the same key
const keygen = (...args: string[]) =>
  execFileSync('ssh-keygen', ['-q', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });

/** A copy of the key, re-saved by ssh-keygen with `args` (a passphrase, a cipher, rounds). */
function resaved(name: string, ...args: string[]): string {
  const path = join(dir, name);
  copyFileSync(join(dir, 'base'), path);
  keygen('-p', '-P', '', ...args, '-f', path);
  return readFileSync(path, 'utf8');
}

/** The key file's binary form, changed by `edit`, armored again. */
function edited(text: string, edit: (blob: Buffer) => Buffer): string {
  const blob = Buffer.from(text.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const lines = edit(Buffer.from(blob))
    .toString('base64')
    .match(/.{1,70}/g)!
    .join('\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** Offsets of the header fields: cipher name, kdf name, kdf options (salt, rounds), key count. */
function layout(blob: Buffer) {
  let at = 15; // "openssh-key-v1\0"
  const skip = () => (at += 4 + blob.readUInt32BE(at));
  skip(); // cipher
  skip(); // kdf
  const kdfOptions = at;
  skip();
  return {
    saltLength: kdfOptions + 4,
    rounds: kdfOptions + 8 + (blob.readUInt32BE(kdfOptions) > 0 ? blob.readUInt32BE(kdfOptions + 4) : 0),
    keyCount: at,
  };
}

const refusal = (text: string, passphrase?: string) => {
  try {
    parseOpenSshPrivateKey(text, passphrase);
    return null;
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
};
const DAMAGED = { code: 'invalid_key_file', message: 'This OpenSSH private key is cut short or damaged.' };

beforeAll(async () => {
  dir = await tempDir();
  keygen('-t', 'rsa', '-b', '2048', '-N', '', '-C', 'reader test', '-f', join(dir, 'base'));
  plainText = readFileSync(join(dir, 'base'), 'utf8');
  pkcs1 = resaved('pkcs1', '-N', '', '-m', 'PEM');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading OpenSSH private keys', () => {
  it('reads an unencrypted key to exactly the key ssh-keygen writes as PKCS#1', () => {
    const { key, encrypted } = parseOpenSshPrivateKey(plainText);
    expect(encrypted).toBe(false);
    expect(key.export({ type: 'pkcs1', format: 'pem' })).toBe(pkcs1);
  });

  it.each(SUPPORTED)(
    'reads a key encrypted with %s (bcrypt-pbkdf) to the same key, and refuses a wrong or missing passphrase',
    (cipher) => {
      const text = resaved(cipher, '-N', PASS, '-Z', cipher);
      const { key, encrypted } = parseOpenSshPrivateKey(text, PASS);
      expect(encrypted).toBe(true);
      expect(key.export({ type: 'pkcs1', format: 'pem' })).toBe(pkcs1);
      expect(refusal(text, 'wrong')).toEqual({
        code: 'wrong_passphrase',
        message: 'The passphrase is wrong: the key did not decrypt. Check it and try again.',
      });
      for (const missing of [undefined, '']) {
        expect(refusal(text, missing)).toEqual({
          code: 'passphrase_required',
          message: 'This OpenSSH private key is protected by a passphrase. Enter it to import the key.',
        });
      }
    },
  );

  it.each(UNSUPPORTED)('names %s as a cipher it cannot read, and how to re-save the key', (cipher) => {
    expect(refusal(resaved(cipher, '-N', PASS, '-Z', cipher), PASS)).toEqual({
      code: 'invalid_key_file',
      message: `This OpenSSH key is encrypted with ${cipher}/bcrypt, which this app cannot read. Re-save it with: ssh-keygen -p -m PEM -f FILE`,
    });
  });

  it('refuses bcrypt round counts no ssh-keygen file asks for, before spending the time', () => {
    const text = resaved('rounds', '-N', PASS, '-a', '16');
    for (const rounds of [0, 1001, 0xffffffff]) {
      const changed = edited(text, (blob) => (blob.writeUInt32BE(rounds, layout(blob).rounds), blob));
      expect(refusal(changed, PASS)).toEqual({
        code: 'invalid_key_file',
        message: `This OpenSSH key asks for ${rounds} bcrypt rounds; a key file made by ssh-keygen asks for 16 to a few hundred. It may be damaged; re-save it with: ssh-keygen -p -f FILE`,
      });
    }
    // One round is allowed (and decrypts to garbage, so the passphrase looks wrong).
    expect(
      refusal(
        edited(text, (blob) => (blob.writeUInt32BE(1, layout(blob).rounds), blob)),
        PASS,
      )?.code,
    ).toBe('wrong_passphrase');
  });

  it('refuses a file that is not OpenSSH, or holds two keys', () => {
    expect(refusal(edited(plainText, (blob) => (blob.write('openssh-key-v2', 0, 'latin1'), blob)))).toEqual({
      code: 'invalid_key_file',
      message: 'This is not an OpenSSH private key.',
    });
    expect(refusal(edited(plainText, (blob) => (blob.writeUInt32BE(2, layout(blob).keyCount), blob)))).toEqual({
      code: 'invalid_key_file',
      message: 'This OpenSSH file holds more than one key; import one key per file.',
    });
    expect(refusal(edited(plainText, (blob) => (blob.writeUInt32BE(0, layout(blob).keyCount), blob)))).toEqual(DAMAGED);
  });

  it('says "cut short or damaged" for every shortened file and for mismatched check numbers, never a raw error', () => {
    const full = Buffer.from(plainText.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const tried: number[] = [];
    for (let length = 16; length < full.length; length += 37) {
      tried.push(length);
      expect(refusal(edited(plainText, (blob) => blob.subarray(0, length))), `cut at ${length}`).toEqual(DAMAGED);
    }
    expect(tried.length).toBeGreaterThan(30);
    // The private section starts with two equal check numbers; in an unencrypted file a difference is damage.
    const publicEnd = layout(full).keyCount + 4;
    const checkAt = publicEnd + 4 + full.readUInt32BE(publicEnd) + 4;
    expect(
      refusal(edited(plainText, (blob) => (blob.writeUInt32BE((blob.readUInt32BE(checkAt) ^ 1) >>> 0, checkAt), blob))),
    ).toEqual(DAMAGED);
  });
});
