import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeNow, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { opensslPublicFromPrivate, sshKeygenFingerprint } from '../support/oracles';

const run = (file: string, args: string[]) => execFileSync(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

// Fixtures made at test time by ssh-keygen and openssl themselves, in every format people have.
describe('importing the keys people already have', () => {
  let dir: string;
  let box: Sandbox;
  let sshBase: string; // a 4096-bit key from ssh-keygen, OpenSSH format
  let sslBase: string; // a 4096-bit key from openssl genpkey, PKCS#8
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = await tempDir();
    box = await sandbox();
    sshBase = join(dir, 'ssh-base');
    sslBase = join(dir, 'ssl-base.pem');
    run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '4096', '-N', '', '-C', 'base', '-f', sshBase]);
    run('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096', '-out', sslBase]);
    const copy = (name: string, from: string) => {
      files[name] = join(dir, name);
      execFileSync('cp', [from, files[name]!]);
      return files[name]!;
    };
    // OpenSSH, plain and with a passphrase (bcrypt-pbkdf, aes256-ctr): ssh-keygen's default format.
    copy('openssh', sshBase);
    run('ssh-keygen', ['-q', '-p', '-N', 'open sesame', '-f', copy('openssh-encrypted', sshBase)]);
    // PKCS#1 PEM (ssh-keygen -m PEM), plain and with legacy PEM encryption (Proc-Type: 4,ENCRYPTED).
    run('ssh-keygen', ['-q', '-p', '-m', 'PEM', '-N', '', '-f', copy('pkcs1', sshBase)]);
    run('ssh-keygen', ['-q', '-p', '-m', 'PEM', '-N', 'open sesame', '-f', copy('pkcs1-encrypted', sshBase)]);
    // PKCS#8, plain (openssl genpkey) and encrypted (openssl pkcs8 -topk8).
    copy('pkcs8', sslBase);
    files['pkcs8-encrypted'] = join(dir, 'pkcs8-encrypted');
    run('openssl', [
      'pkcs8',
      '-topk8',
      '-in',
      sslBase,
      '-v2',
      'aes-256-cbc',
      '-passout',
      'pass:open sesame',
      '-out',
      files['pkcs8-encrypted'],
    ]);
    // Things that are not importable JaaS keys.
    files['ssh-pub'] = `${sshBase}.pub`;
    files.spki = join(dir, 'spki.pem');
    run('openssl', ['rsa', '-in', sslBase, '-pubout', '-out', files.spki]);
    files.ed25519 = join(dir, 'ed25519');
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', files.ed25519]);
    files.ec = join(dir, 'ec.pem');
    run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', files.ec]);
    // The same EC key as SEC1 ("BEGIN EC PRIVATE KEY", openssl's traditional form), and a DSA block as old tools wrote it.
    files['ec-sec1'] = join(dir, 'ec-sec1.pem');
    run('openssl', ['ec', '-in', files.ec, '-out', files['ec-sec1']]);
    files['dsa-traditional'] = join(dir, 'dsa.pem');
    run('openssl', [
      'genpkey',
      '-genparam',
      '-algorithm',
      'DSA',
      '-pkeyopt',
      'dsa_paramgen_bits:1024',
      '-out',
      join(dir, 'dsa-params.pem'),
    ]);
    run('openssl', ['genpkey', '-paramfile', join(dir, 'dsa-params.pem'), '-out', join(dir, 'dsa8.pem')]);
    run('openssl', ['pkey', '-in', join(dir, 'dsa8.pem'), '-traditional', '-out', files['dsa-traditional']]);
    // Each must reach the check of its PEM label, not a parse that fails the same way.
    expect(readFileSync(files['ec-sec1']!, 'utf8')).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    expect(readFileSync(files['dsa-traditional']!, 'utf8')).toMatch(/^-----BEGIN DSA PRIVATE KEY-----\n/);
    files.rsa2048 = join(dir, 'rsa2048');
    run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-f', files.rsa2048]);
  });
  afterAll(async () => {
    await box.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['openssh', 'ssh', undefined],
    ['openssh-encrypted', 'ssh', 'open sesame'],
    ['pkcs1', 'ssh', undefined],
    ['pkcs1-encrypted', 'ssh', 'open sesame'],
    ['pkcs8', 'ssl', undefined],
    ['pkcs8-encrypted', 'ssl', 'open sesame'],
  ] as const)(
    'imports %s with the fingerprint ssh-keygen gives, into the keychain, leaving the file as it was',
    async (format, base, passphrase) => {
      const path = files[format]!;
      const before = sha(path);
      // openssl cannot read the OpenSSH format, so its oracle reads the same key as PKCS#1.
      const [sshOracle, sslOracle] = base === 'ssh' ? [sshBase, files.pkcs1!] : [sslBase, sslBase];
      const { key, format: detected } = await box.keys.importKey(readFileSync(path, 'utf8'), {
        label: `imported ${format}`,
        passphrase,
      });
      try {
        expect(detected).toBe(format);
        expect(key).toMatchObject({ bits: 4096, source: 'imported' });
        expect(key.fingerprint).toBe(sshKeygenFingerprint(sshOracle).fingerprint);
        expect(await box.keys.publicPem(key.id)).toBe(opensslPublicFromPrivate(sslOracle));
        expect((await keytar.findCredentials(box.service)).map((c) => c.account)).toContain(key.id);
        expect(sha(path)).toBe(before);
      } finally {
        await purgeNow(box.keys, key.id);
      }
    },
  );

  it('refuses a key that is already stored, naming the key that holds it', async () => {
    await box.keys.importKey(readFileSync(files.pkcs1!, 'utf8'), { label: 'first copy' });
    await expect(
      box.keys.importKey(readFileSync(files.openssh!, 'utf8'), { label: 'second copy' }),
    ).rejects.toMatchObject({
      code: 'key_exists',
      message: expect.stringContaining('"first copy"'),
    });
    await purgeNow(box.keys, 'first copy');
  });

  it.each([
    ['ssh-pub', 'public_key_only', /This is a public key/],
    ['spki', 'public_key_only', /This is a public key/],
    ['ed25519', 'not_rsa', /^This is an ssh-ed25519 key, not RSA\. JaaS API keys are 4096-bit RSA keys\.$/],
    ['ec', 'not_rsa', /^This is an EC key, not RSA\. JaaS API keys are 4096-bit RSA keys\.$/],
    ['ec-sec1', 'not_rsa', /^This is an EC key, not RSA\. JaaS API keys are 4096-bit RSA keys\.$/],
    ['dsa-traditional', 'not_rsa', /^This is an DSA key, not RSA\. JaaS API keys are 4096-bit RSA keys\.$/],
    ['rsa2048', 'weak_key', /^This is a 2048-bit RSA key; JaaS expects 4096 bits\. Make a new key instead\.$/],
  ])('refuses %s with %s', async (name, code, message) => {
    await expect(box.keys.importKey(readFileSync(files[name]!, 'utf8'), { label: name })).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
  });

  it.each(['openssh-encrypted', 'pkcs1-encrypted', 'pkcs8-encrypted'])(
    'asks for the passphrase of %s and refuses a wrong one',
    async (name) => {
      const text = readFileSync(files[name]!, 'utf8');
      const kind = name.startsWith('openssh') ? 'OpenSSH private key' : 'private key';
      await expect(box.keys.importKey(text, { label: name })).rejects.toMatchObject({
        code: 'passphrase_required',
        message: `This ${kind} is protected by a passphrase. Enter it to import the key.`,
      });
      await expect(box.keys.importKey(text, { label: name, passphrase: 'wrong' })).rejects.toMatchObject({
        code: 'wrong_passphrase',
        message: 'The passphrase is wrong: the key did not decrypt. Check it and try again.',
      });
    },
  );

  it('names an EC or DSA block by its label, even when its content is damaged', async () => {
    for (const kind of ['EC', 'DSA']) {
      await expect(
        box.keys.importKey(`-----BEGIN ${kind} PRIVATE KEY-----\nAAAA\n-----END ${kind} PRIVATE KEY-----\n`, {
          label: kind,
        }),
      ).rejects.toMatchObject({
        code: 'not_rsa',
        message: `This is an ${kind} key, not RSA. JaaS API keys are 4096-bit RSA keys.`,
      });
    }
  });

  it.each([
    ['', /No private key found/],
    ['hello world', /No private key found/],
    ['-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n', /could not be read/],
    [
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
      /cut short or damaged/,
    ],
  ])('refuses text that is no key: %j', async (text, message) => {
    await expect(box.keys.importKey(text, { label: 'nothing' })).rejects.toMatchObject({
      code: 'invalid_key_file',
      message: expect.stringMatching(message),
    });
  });

  it('leaves nothing behind after the refusals', async () => {
    expect(await box.keys.list()).toEqual([]);
    expect(await keytar.findCredentials(box.service)).toEqual([]);
  });
});
