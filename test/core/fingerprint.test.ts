import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rsaRandomart, sshFingerprint } from '../../src/core/keys/fingerprint';
import { modulusBits, privatePkcs1Pem, publicSpkiPem } from '../../src/core/keys/rsa';
import { tempDir } from '../support/fixtures';
import { opensslPublicFromPrivate, sshKeygenFingerprint } from '../support/oracles';

// Keys made by ssh-keygen itself (-m PEM, as the JaaS docs say), so the oracle
// and the code under test look at keys neither of them produced.
describe('fingerprints, randomart and public export against ssh-keygen and openssl', () => {
  let dir: string;
  const files: string[] = [];

  beforeAll(async () => {
    dir = await tempDir();
    for (const [name, bits] of [
      ['a', 4096],
      ['b', 4096],
      ['c', 2048],
      ['d', 3072],
    ] as const) {
      const path = join(dir, name);
      execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', String(bits), '-m', 'PEM', '-N', '', '-C', '', '-f', path]);
      files.push(path);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints the same fingerprint and randomart as ssh-keygen -lvf', () => {
    for (const path of files) {
      const key = createPrivateKey(readFileSync(path));
      const oracle = sshKeygenFingerprint(path);
      expect(sshFingerprint(key)).toBe(oracle.fingerprint);
      expect(rsaRandomart(key, modulusBits(key))).toBe(oracle.randomart);
      expect(modulusBits(key)).toBe(oracle.bits);
    }
  });

  it('exports SPKI PEM byte-identical to openssl rsa -pubout', () => {
    for (const path of files) {
      expect(publicSpkiPem(createPrivateKey(readFileSync(path)))).toBe(opensslPublicFromPrivate(path));
    }
  });

  it('exports PKCS#1 PEM byte-identical to the file ssh-keygen -m PEM wrote', () => {
    for (const path of files) {
      expect(privatePkcs1Pem(createPrivateKey(readFileSync(path)))).toBe(readFileSync(path, 'utf8'));
    }
  });
});

describe('randomartFromFingerprint', () => {
  it('draws from the fingerprint alone what ssh-keygen draws from the key', async () => {
    const { randomartFromFingerprint } = await import('../../src/shared/randomart');
    const dir = await tempDir();
    const path = join(dir, 'k');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-f', path]);
    const oracle = sshKeygenFingerprint(path);
    expect(randomartFromFingerprint(oracle.fingerprint, oracle.bits)).toBe(oracle.randomart);
    expect(randomartFromFingerprint('SHA256:short', 4096)).toBeNull();
    await rm(dir, { recursive: true, force: true });
  });
});
