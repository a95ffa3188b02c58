import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/errors';
import { sshFingerprint } from '../../src/core/keys/fingerprint';
import { diagnoseKey, MAX_KEY_BYTES } from '../../src/core/keys/keyCheck';
import { privatePkcs8Pem, publicSpkiPem } from '../../src/core/keys/rsa';
import { APP_ID, KID, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { bytesOf, keyMaterialPieces, MANGLINGS, pemsOf } from '../support/manglings';

// check-key's diagnosis in the core: each mangling made from a real 4096-bit key is
// named, the key is recovered whole (openssl reads the repaired copy and prints the same
// public key), the stored key is named with its status, and no report holds key material.

let key: KeyObject;
let pems: { pkcs8: string; pkcs1: string };
let secretPieces: string[];
let work: string;

beforeAll(async () => {
  work = await tempDir();
  key = await pooledKey();
  pems = pemsOf(key);
  secretPieces = [...keyMaterialPieces(pems.pkcs8), ...keyMaterialPieces(pems.pkcs1)];
});

function expectNoKeyMaterial(value: unknown): void {
  const text = JSON.stringify(value);
  for (const piece of secretPieces) expect(text.includes(piece), `key material in ${text.slice(0, 200)}`).toBe(false);
}

describe('each mangling, named and undone', () => {
  for (const mangling of MANGLINGS) {
    it(mangling.name, () => {
      const { report, repaired } = diagnoseKey(bytesOf(mangling.make(pems)), null, []);
      expect(report.problems.map((problem) => problem.id).filter((id) => id !== 'pkcs1-needs-pkcs8')).toEqual(
        mangling.names,
      );
      for (const problem of report.problems) {
        expect(problem.message).toMatch(/\.$/);
        expect(problem.fix).toMatch(/\.$/);
      }
      expectNoKeyMaterial(report);
      if (mangling.names.includes('damaged')) {
        expect(repaired).toBeNull();
        expect(report.ok).toBe(false);
        return;
      }
      expect(repaired && sshFingerprint(repaired)).toBe(sshFingerprint(key));
      expect(report.key).toMatchObject({ kind: 'private', bits: 4096, fingerprint: sshFingerprint(key) });
      // A clean key loads as it is; a mangled one that OpenSSL still reads (CRLF, a BOM) is OK with warnings only.
      const errors = report.problems.filter((problem) => problem.severity === 'error');
      expect(report.ok).toBe(errors.length === 0);
      if (mangling.names.length === 0) expect(report.ok).toBe(true);
    });
  }
});

describe('keys that are whole but wrong', () => {
  it('a public key (PEM or ssh-keygen -y) is refused as one, with its fingerprint', () => {
    const { report } = diagnoseKey(Buffer.from(publicSpkiPem(key)), null, []);
    expect(report.key.kind).toBe('public');
    expect(report.problems.map((problem) => problem.id)).toEqual(['public-key']);
    expect(report.repairable).toBe(false);
    const path = join(work, 'ssh.pem');
    writeFileSync(path, pems.pkcs1, { mode: 0o600 });
    const ssh = execFileSync('ssh-keygen', ['-y', '-f', path]).toString();
    expect(diagnoseKey(Buffer.from(ssh), null, []).report.key).toMatchObject({
      kind: 'public',
      fingerprint: sshFingerprint(key),
    });
  });

  it('an encrypted key (openssl pkcs8 -v2 aes-256-cbc) cannot load on a server', () => {
    const encrypted = execFileSync(
      'openssl',
      ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', 'pass:correct horse'],
      {
        input: pems.pkcs8,
      },
    ).toString();
    const { report, repaired } = diagnoseKey(Buffer.from(encrypted), 'python', []);
    expect(report.problems.map((problem) => problem.id)).toEqual(['encrypted']);
    expect(report.key.kind).toBe('encrypted');
    expect(report.readers.every((reader) => !reader.loads)).toBe(true);
    expect(repaired).toBeNull();
  });

  it('a 2048-bit key loads everywhere but is not a JaaS key', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const { report, repaired } = diagnoseKey(Buffer.from(privatePkcs8Pem(small)), 'java', []);
    expect(report.readers.every((reader) => reader.loads)).toBe(true);
    expect(report.problems.map((problem) => problem.id)).toEqual(['wrong-size']);
    expect(report.problems[0]!.message).toContain('2048 bits');
    expect(report.ok).toBe(false);
    expect(repaired).toBeNull();
  });

  it('an EC key is not RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const { report } = diagnoseKey(Buffer.from(ec.export({ type: 'pkcs8', format: 'pem' })), null, []);
    expect(report.problems.map((problem) => problem.id)).toEqual(['not-rsa']);
    expect(report.ok).toBe(false);
  });

  it('PKCS#1 is an error for the PKCS#8-only runtimes and a warning without one named', () => {
    const forGo = diagnoseKey(Buffer.from(pems.pkcs1), 'go', []).report;
    expect(forGo.problems.map((problem) => [problem.id, problem.severity])).toEqual([['pkcs1-needs-pkcs8', 'error']]);
    expect(forGo.ok).toBe(false);
    expect(forGo.loadsAsIs).toBe(false);
    const general = diagnoseKey(Buffer.from(pems.pkcs1), null, []).report;
    expect(general.problems.map((problem) => [problem.id, problem.severity])).toEqual([
      ['pkcs1-needs-pkcs8', 'warning'],
    ]);
    expect(general.ok).toBe(true);
    expect(general.loadsAsIs).toBe(true);
    expect(diagnoseKey(Buffer.from(pems.pkcs1), 'python', []).report.problems).toEqual([]);
  });

  it('an OpenSSH private key is named as one', () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '1024', '-N', '', '-f', join(work, 'id')]);
    const { report } = diagnoseKey(readFileSync(join(work, 'id')), null, []);
    expect(report.problems.map((problem) => problem.id)).toEqual(['openssh']);
    expect(report.key.format).toBe('OpenSSH private key');
  });

  it('refuses a text far bigger than one key, without reading it', () => {
    expect(() => diagnoseKey(Buffer.alloc(MAX_KEY_BYTES + 1, 0x2d), null, [])).toThrow(CoreError);
  });

  it('reads UTF-16 in either byte order, and an odd byte after a UTF-16 mark, without failing', () => {
    const big = Buffer.from(pems.pkcs8, 'utf16le').swap16();
    const { report } = diagnoseKey(Buffer.concat([Buffer.from([0xfe, 0xff]), big]), null, []);
    expect(report.problems.map((problem) => problem.id)).toEqual(['utf16']);
    expect(report.key.fingerprint).toBe(sshFingerprint(key));
    expect(diagnoseKey(Buffer.from([0xfe, 0xff, 0x41]), null, []).report.key.kind).toBe('unknown');
  });

  it('takes garbage and empty input as not a key, with no other failure', () => {
    for (const text of ['', ' ', 'hello', '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----', '{"a":1}']) {
      const { report } = diagnoseKey(Buffer.from(text), null, []);
      expect(report.ok).toBe(false);
      expect(report.key.kind).toBe('unknown');
      expect(report.problems.map((problem) => problem.id)).toContain('damaged');
    }
  });
});

describe('the key stored here, through KeyManager', () => {
  let box: Sandbox;
  let dir: string;
  beforeAll(async () => {
    box = await sandbox();
    dir = await tempDir();
    await box.keys.importKey(pems.pkcs1, { label: 'Prod web', appId: APP_ID });
    await box.keys.recordKid('Prod web', KID);
  });
  afterAll(() => box.cleanup());

  it('names the current key, then the same key once retired, with the day', async () => {
    const current = await box.keys.production.checkKey(Buffer.from(pems.pkcs8), 'node');
    expect(current.stored).toMatchObject({ label: 'Prod web', status: 'active', severity: 'info' });
    expect(current.stored!.message).toContain('the current key of');
    await box.keys.lifecycle.retire('Prod web');
    const retired = await box.keys.production.checkKey(Buffer.from(pems.pkcs8), 'node');
    expect(retired.stored).toMatchObject({ status: 'retired', severity: 'warning' });
    expect(retired.stored!.message).toMatch(/retired on \d{4}-\d\d-\d\d: the console may no longer accept it/);
    await box.keys.lifecycle.unretire('Prod web');
  });

  it('names the key whose public half was pasted', async () => {
    const report = await box.keys.production.checkKey(Buffer.from(publicSpkiPem(key)), null);
    expect(report.problems.map((problem) => problem.id)).toEqual(['public-key']);
    expect(report.stored).toMatchObject({ label: 'Prod web' });
  });

  it('writes a repaired copy as PKCS#8 at 0600 that openssl reads as the same key, and never over a file', async () => {
    const path = join(dir, 'fixed.pem');
    const mangled = Buffer.from(`"${pems.pkcs1.trimEnd().replace(/\n/g, '\\n')}"`);
    const report = await box.keys.production.saveRepaired(mangled, 'java', path, false);
    expect(report.ok).toBe(false);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const written = await readFile(path, 'utf8');
    expect(written).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const modulus = (pem: string) =>
      execFileSync('openssl', ['rsa', '-noout', '-modulus'], {
        input: pem,
        stdio: ['pipe', 'pipe', 'ignore'],
      }).toString();
    expect(modulus(written)).toBe(modulus(pems.pkcs1));
    expect(sshFingerprint(createPrivateKey(written))).toBe(sshFingerprint(key));
    await expect(box.keys.production.saveRepaired(mangled, 'java', path, false)).rejects.toMatchObject({
      code: 'file_exists',
    });
    await expect(
      box.keys.production.saveRepaired(Buffer.from('not a key'), null, join(dir, 'nothing.pem'), false),
    ).rejects.toMatchObject({ code: 'invalid_key_file' });
    await expect(stat(join(dir, 'nothing.pem'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
