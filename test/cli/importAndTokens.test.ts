import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, KID, clearService, tempDir, uniqueService } from '../support/fixtures';
import { runJaasKeys } from '../support/cli';
import { sshKeygenFingerprint } from '../support/oracles';

describe('jaas-keys import, token and check', () => {
  let env: NodeJS.ProcessEnv;
  let service: string;
  let dir: string;
  const run = (args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}) =>
    runJaasKeys(args, { ...env, ...extraEnv }, input);

  beforeAll(async () => {
    dir = await tempDir();
    service = uniqueService();
    env = { ...process.env, JAAS_KEYS_DATA_DIR: join(dir, 'data'), JAAS_KEYS_SERVICE: service };
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'rsa',
      '-b',
      '4096',
      '-N',
      'correct horse',
      '-f',
      join(dir, 'console-key'),
    ]);
  });
  afterAll(() => clearService(service));

  it('imports an encrypted OpenSSH key with --passphrase-env and reminds that the file remains', async () => {
    const path = join(dir, 'console-key');
    const refused = await run(['import', path, '--label', 'imported']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/passphrase.*--passphrase-env VAR/);
    const wrong = await run(['import', path, '--label', 'imported', '--passphrase-env', 'KEY_PASS'], undefined, {
      KEY_PASS: 'nope',
    });
    expect(wrong).toMatchObject({ status: 1, stderr: expect.stringMatching(/passphrase is wrong/) });
    const done = await run(
      ['import', path, '--label', 'imported', '--passphrase-env', 'KEY_PASS', '--json'],
      undefined,
      { KEY_PASS: 'correct horse' },
    );
    expect(done.status).toBe(0);
    const key = JSON.parse(done.stdout);
    expect(key).toMatchObject({ label: 'imported', format: 'openssh-encrypted', bits: 4096, source: 'imported' });
    expect(key.fingerprint).toBe(sshKeygenFingerprint(`${path}.pub`).fingerprint);
    const again = await run(
      ['import', '-', '--label', 'twice', '--passphrase-env', 'KEY_PASS'],
      readFileSync(path, 'utf8'),
      { KEY_PASS: 'correct horse' },
    );
    expect(again).toMatchObject({ status: 1, stderr: expect.stringContaining('already stored as "imported"') });
    const plain = await run(['import', path, '--label', 'x', '--passphrase-env', 'UNSET_VARIABLE_FOR_TEST']);
    expect(plain.status).toBe(2);
  });

  it('refuses a public key with what to do instead', async () => {
    const result = await run(['import', join(dir, 'console-key.pub'), '--label', 'pub']);
    expect(result).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/This is a public key\. Importing needs the private key/),
    });
  });

  it('prints the token alone, refuses a key without a kid, and checks tokens', async () => {
    const noKid = await run(['token', 'imported']);
    expect(noKid).toMatchObject({ status: 1, stderr: expect.stringContaining('has no Key ID yet') });
    expect((await run(['kid', 'imported', KID])).status).toBe(0);

    const made = await run([
      'token',
      'imported',
      '--room',
      'standup',
      '--moderator',
      '--feature',
      'recording',
      '--feature',
      'transcription',
      '--name',
      'Ann',
      '--lifetime',
      '90m',
    ]);
    expect(made.status).toBe(0);
    const token = made.stdout.trim();
    expect(made.stdout).toBe(`${token}\n`);
    expect(token.split('.')).toHaveLength(3);
    const publicKey = await importSPKI((await run(['public', 'imported'])).stdout, 'RS256');
    const { payload } = await jwtVerify(token, publicKey, { audience: 'jitsi', issuer: 'chat' });
    expect(payload).toMatchObject({
      sub: APP_ID,
      room: 'standup',
      context: {
        user: { name: 'Ann', moderator: 'true' },
        features: { recording: 'true', transcription: 'true', livestreaming: 'false' },
      },
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(90 * 60);

    const json = JSON.parse((await run(['token', KID, '--room', 'standup', '--json'])).stdout);
    expect(json.link).toBe(`https://8x8.vc/${APP_ID}/standup#jwt=${json.token}`);
    expect(Object.keys(json)).toEqual(['token', 'header', 'claims', 'link', 'expiresAt', 'warnings']);

    const checked = await run(['check', token]);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain('✓ signature: The signature verifies with "imported"');
    expect((await run(['check', '-'], `${token}\n`)).status).toBe(0);

    const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const bad = await run(['check', tampered]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/✗ signature/);
  });

  it('answers bad token options as usage errors', async () => {
    expect((await run(['token', 'imported', '--feature', 'teleport'])).status).toBe(2);
    expect((await run(['token', 'imported', '--lifetime', 'soon'])).status).toBe(2);
    expect((await run(['check'])).status).toBe(2);
  });
});
