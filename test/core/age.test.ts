import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ageLibrary from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, NoIdentityMatchedError } from '../../src/core/backup/age/age';
import { armor, dearmor } from '../../src/core/backup/age/armor';
import { AgeFormatError } from '../../src/core/backup/age/header';
import { ScryptIdentity, ScryptRecipient } from '../../src/core/backup/age/scrypt';
import {
  generateIdentity,
  identityToRecipient,
  parseRecipient,
  X25519Identity,
  X25519Recipient,
} from '../../src/core/backup/age/x25519';
import { tempDir } from '../support/fixtures';

// The age format over Node's cryptography (src/core/backup/age), against two oracles in
// both directions: Debian's `age` (Go, the reference) and age-encryption (the JavaScript
// library this app used before). Sizes sit on the 64 KiB chunk boundaries, where a
// STREAM implementation goes wrong.

const SIZES = [0, 1, 65_535, 65_536, 65_537, 131_072, 200_000];
let dir: string;
let identity: string;
let recipient: string;
let identityFile: string;

beforeAll(async () => {
  dir = await tempDir('jaas-age-');
  identityFile = join(dir, 'identity.txt');
  execFileSync('age-keygen', ['-o', identityFile], { stdio: 'ignore' });
  identity = readFileSync(identityFile, 'utf8')
    .split('\n')
    .find((line) => line.startsWith('AGE-SECRET-KEY-'))!;
  recipient = execFileSync('age-keygen', ['-y', identityFile]).toString().trim();
});

function ageDecrypt(file: Buffer): { status: number | null; out: Buffer; err: string } {
  const path = join(dir, `in-${randomBytes(4).toString('hex')}.age`);
  writeFileSync(path, file);
  const result = spawnSync('age', ['-d', '-i', identityFile, path], { maxBuffer: 1 << 26 });
  return { status: result.status, out: result.stdout, err: result.stderr.toString() };
}

function ageEncrypt(plain: Buffer, args: string[]): Buffer {
  const path = join(dir, 'plain.bin');
  writeFileSync(path, plain);
  return execFileSync('age', [...args, path], { maxBuffer: 1 << 26 });
}

describe('age files made here', () => {
  it('open in age, binary and armored, at every chunk boundary', async () => {
    for (const size of SIZES) {
      const plain = randomBytes(size);
      const file = await encrypt(plain, [new X25519Recipient(recipient)]);
      for (const form of [file, Buffer.from(armor(file))]) {
        const opened = ageDecrypt(form);
        expect(opened.err, `${size} bytes`).toBe('');
        expect(opened.out.equals(plain), `${size} bytes`).toBe(true);
      }
    }
  });

  it('open in age-encryption, to several recipients and to a passphrase', async () => {
    const other = await ageLibrary.generateX25519Identity();
    const plain = randomBytes(70_000);
    const file = await encrypt(plain, [
      new X25519Recipient(recipient),
      new X25519Recipient(await ageLibrary.identityToRecipient(other)),
    ]);
    for (const key of [identity, other]) {
      const decrypter = new ageLibrary.Decrypter();
      decrypter.addIdentity(key);
      expect(Buffer.from(await decrypter.decrypt(file)).equals(plain)).toBe(true);
    }
    const locked = await encrypt(plain, [new ScryptRecipient('correct horse battery staple', 12)]);
    const decrypter = new ageLibrary.Decrypter();
    decrypter.addPassphrase('correct horse battery staple');
    expect(Buffer.from(await decrypter.decrypt(locked)).equals(plain)).toBe(true);
  });

  it('have identities and recipients in age-keygen’s own spelling', () => {
    const made = generateIdentity();
    expect(made).toMatch(/^AGE-SECRET-KEY-1[02-9ACDEFGHJKLMNPQRSTUVWXYZ]{58}$/);
    const path = join(dir, 'made.txt');
    writeFileSync(path, `${made}\n`);
    expect(identityToRecipient(made)).toBe(execFileSync('age-keygen', ['-y', path]).toString().trim());
    expect(identityToRecipient(identity)).toBe(recipient);
    expect(parseRecipient(recipient)).toHaveLength(32);
    const typo = recipient.slice(0, -1) + (recipient.endsWith('q') ? 'p' : 'q');
    for (const bad of [recipient.toUpperCase(), typo, 'age1', identity]) expect(parseRecipient(bad), bad).toBeNull();
  });
});

describe('age files made elsewhere', () => {
  it('open here when age made them, binary and armored, at every chunk boundary', async () => {
    for (const size of SIZES) {
      const plain = randomBytes(size);
      const binary = ageEncrypt(plain, ['-r', recipient]);
      const armored = ageEncrypt(plain, ['-a', '-r', recipient]).toString();
      expect((await decrypt(binary, [new X25519Identity(identity)])).equals(plain), `${size} bytes`).toBe(true);
      expect((await decrypt(dearmor(armored), [new X25519Identity(identity)])).equals(plain), `${size}`).toBe(true);
    }
  });

  it('open here when age-encryption made them, to a recipient among others and to a passphrase', async () => {
    const plain = randomBytes(66_000);
    const encrypter = new ageLibrary.Encrypter();
    encrypter.addRecipient(await ageLibrary.identityToRecipient(await ageLibrary.generateX25519Identity()));
    encrypter.addRecipient(recipient);
    expect((await decrypt(await encrypter.encrypt(plain), [new X25519Identity(identity)])).equals(plain)).toBe(true);
    const locked = new ageLibrary.Encrypter();
    locked.setPassphrase('correct horse battery staple');
    locked.setScryptWorkFactor(12);
    const file = await locked.encrypt(plain);
    expect((await decrypt(file, [new ScryptIdentity('correct horse battery staple')])).equals(plain)).toBe(true);
    await expect(decrypt(file, [new ScryptIdentity('wrong horse')])).rejects.toBeInstanceOf(NoIdentityMatchedError);
  });

  it('say "no identity matched" for another identity, as age does', async () => {
    const file = ageEncrypt(Buffer.from('hello'), ['-r', recipient]);
    await expect(decrypt(file, [new X25519Identity(generateIdentity())])).rejects.toBeInstanceOf(
      NoIdentityMatchedError,
    );
  });
});

describe('damaged age files', () => {
  /** A file whose payload is `chunks` whole chunks, made by age, and the same file's parts. */
  async function twoChunkFile() {
    const plain = randomBytes(2 * 65_536);
    const file = ageEncrypt(plain, ['-r', recipient]);
    const headerEnd = file.indexOf('\n', file.indexOf('\n--- ') + 1) + 1;
    return { plain, file, headerEnd };
  }

  it('are refused as malformed where age refuses them too', async () => {
    const { file, headerEnd } = await twoChunkFile();
    const sealed = 65_536 + 16;
    const cases: Record<string, Buffer> = {
      'one chunk dropped (cut at a chunk boundary)': file.subarray(0, headerEnd + 16 + sealed),
      'cut inside a chunk': file.subarray(0, file.length - 7),
      'a byte added': Buffer.concat([file, Buffer.from([0])]),
      'an empty last chunk appended': Buffer.concat([file, randomBytes(16)]),
      'a payload byte changed': Buffer.from(file.map((byte, n) => (n === headerEnd + 100 ? byte ^ 1 : byte))),
      'the header MAC changed': Buffer.from(
        file.toString('latin1').replace(/\n--- (.)/, (_, c: string) => `\n--- ${c === 'A' ? 'B' : 'A'}`),
        'latin1',
      ),
      'no payload nonce': file.subarray(0, headerEnd + 8),
      'a CR in the header': Buffer.from(file.toString('latin1').replace('v1\n', 'v1\r\n'), 'latin1'),
    };
    for (const [what, damaged] of Object.entries(cases)) {
      expect(ageDecrypt(damaged).status, `age on: ${what}`).not.toBe(0);
      await expect(decrypt(damaged, [new X25519Identity(identity)]), what).rejects.toBeInstanceOf(AgeFormatError);
    }
  });

  it('refuse a stanza body in non-canonical base64, and a scrypt stanza beside another', async () => {
    const file = ageEncrypt(Buffer.from('hello'), ['-r', recipient]).toString('latin1');
    const lines = file.split('\n');
    const body = lines[2]!;
    // The last base64 character of a 32-byte body carries 4 unused bits: set one.
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const twisted = body.slice(0, -1) + last[last.indexOf(body.at(-1)!) ^ 1];
    const bad = Buffer.from([lines[0], lines[1], twisted, ...lines.slice(3)].join('\n'), 'latin1');
    expect(ageDecrypt(bad).status).not.toBe(0);
    await expect(decrypt(bad, [new X25519Identity(identity)])).rejects.toBeInstanceOf(AgeFormatError);

    const locked = await encrypt(Buffer.from('x'), [new ScryptRecipient('correct horse battery staple', 10)]);
    const text = locked.toString('latin1');
    const mixed = Buffer.from(text.replace('\n-> scrypt', `\n${lines[1]}\n${lines[2]}\n-> scrypt`), 'latin1');
    await expect(decrypt(mixed, [new ScryptIdentity('correct horse battery staple')])).rejects.toBeInstanceOf(
      AgeFormatError,
    );
  });

  it('refuse armor that is not age’s strict PEM', () => {
    const good = armor(randomBytes(100));
    expect(dearmor(`\n  ${good.replaceAll('\n', '\r\n')}  \n`).length).toBe(100);
    const lines = good.split('\n');
    for (const bad of [
      good.replace('AGE ENCRYPTED FILE', 'PGP MESSAGE'),
      [lines[0], `${lines[1]}A`, ...lines.slice(2)].join('\n'),
      [lines[0], lines[1]!.slice(0, 60), lines[1]!.slice(60), ...lines.slice(2)].join('\n'),
      good.replace(lines[1]!.slice(0, 4), '!!!!'),
      lines.slice(0, -2).join('\n'),
    ])
      expect(() => dearmor(bad)).toThrow(AgeFormatError);
  });
});
