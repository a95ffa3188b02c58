import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, KID, clearService, tempDir, uniqueService } from '../support/fixtures';
import { busConfigWithoutSecretService, lockedKeyring } from '../support/keychainFaults';
import { expectOneRefusal, runJaasKeys } from '../support/cli';
import { opensslPublicFromPrivate } from '../support/oracles';

describe('jaas-keys, as a person runs it', () => {
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let outDir: string;
  let service: string;
  const run = (...args: string[]) => runJaasKeys(args, env);

  beforeAll(async () => {
    dataDir = await tempDir();
    outDir = await tempDir();
    service = uniqueService();
    env = { ...process.env, JAAS_KEYS_DATA_DIR: dataDir, JAAS_KEYS_SERVICE: service };
  });
  afterAll(() => clearService(service));

  it('makes a key, lists it, records its kid and exports the public PEM', async () => {
    const made = await run('new', '--label', 'prod', '--json');
    expect(made.status).toBe(0);
    const key = JSON.parse(made.stdout);
    expect(key).toMatchObject({
      label: 'prod',
      appId: null,
      kid: null,
      bits: 4096,
      fingerprint: expect.stringMatching(/^SHA256:/),
      createdAt: expect.any(String),
    });

    const listed = await run('list', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: key.id, label: 'prod' })]);
    const table = await run('list');
    expect(table.stdout).toMatch(/ID\s+LABEL\s+STATUS\s+KID\s+CREATED/);
    expect(table.stdout).toMatch(/prod\s+Needs kid/);
    expect(table.stdout).toContain('(kid not recorded yet)');

    const kid = await run('kid', key.id.slice(0, 6), KID);
    expect(kid).toMatchObject({ status: 0, stdout: expect.stringContaining(`Recorded Key ID ${KID}`) });
    expect(JSON.parse((await run('show', 'prod', '--json')).stdout)).toMatchObject({ kid: KID, appId: APP_ID });

    const pubPath = join(outDir, 'prod.pub');
    expect((await run('public', KID, '--out', pubPath)).status).toBe(0);
    const privPath = join(outDir, 'prod.pem');
    const exported = await run('export-private', 'prod', '--out', privPath);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toContain('mode 0600');
    expect((await stat(privPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(pubPath, 'utf8')).toBe(opensslPublicFromPrivate(privPath));
    expect((await run('public', 'prod')).stdout).toBe(await readFile(pubPath, 'utf8'));

    const shown = await run('show', 'prod');
    expect(shown.stdout).toContain(`4096 ${key.fingerprint} (RSA)`);
    expect(shown.stdout).toContain('+---[RSA 4096]----+');
  });

  it('refuses an export over an existing file without --force, and keeps the file', async () => {
    const path = join(outDir, 'taken.pem');
    await writeFile(path, 'precious');
    const refused = await run('export-private', 'prod', '--out', path);
    expect(refused.status).toBe(1);
    expectOneRefusal(refused.stderr);
    expect(refused.stderr).toContain('already exists');
    expect(await readFile(path, 'utf8')).toBe('precious');
    expect((await run('export-private', 'prod', '--out', path, '--force', '--pkcs8')).status).toBe(0);
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('refuses bad kids with one clear line and exit 1', async () => {
    for (const [bad, reason] of [
      [`${KID} `, /spaces or line breaks/],
      [`${APP_ID}/4F4910`, /upper-case/],
      [`${APP_ID}/abc-SAMPLE_APP`, /sample-app/],
      [APP_ID, /AppID, not a Key ID/],
    ] as const) {
      const result = await run('kid', 'prod', bad);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(reason);
      expectOneRefusal(result.stderr);
    }
  });

  it('says which key is unknown or ambiguous', async () => {
    const unknown = await run('show', 'nothing-like-it');
    expect(unknown).toMatchObject({ status: 1, stderr: expect.stringContaining('No key matches "nothing-like-it"') });
    await run('new', '--label', 'second');
    const keys = JSON.parse((await run('list', '--json')).stdout) as Array<{ id: string }>;
    // Find the longest shared id prefix of the two keys; pad to the 4-character minimum with a forced collision.
    const ambiguousCatalog = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8'));
    expect(keys).toHaveLength(2);
    const shared = ambiguousCatalog.keys[0].id.slice(0, 4);
    ambiguousCatalog.keys[1].id = `${shared}${ambiguousCatalog.keys[1].id.slice(4)}`;
    const ambiguousDir = await tempDir();
    await writeFile(join(ambiguousDir, 'keys.json'), JSON.stringify(ambiguousCatalog));
    const ambiguous = await runJaasKeys(['show', shared], { ...env, JAAS_KEYS_DATA_DIR: ambiguousDir });
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toMatch(/matches 2 keys/);
  });

  it('answers usage errors with exit 2', async () => {
    expect((await run()).status).toBe(2);
    expect((await run('frobnicate')).status).toBe(2);
    expect((await run('new')).stderr).toContain('--label is required');
    expect((await run('new')).status).toBe(2);
    expect((await run('list', '--bogus')).status).toBe(2);
    expect((await run('kid', 'prod')).status).toBe(2);
    expect((await run('rm', 'prod')).status).toBe(2); // no --yes and no terminal
    const help = await run('--help');
    expect(help).toMatchObject({ status: 0, stdout: expect.stringMatching(/^ {2}new +make a 4096-bit RSA key/m) });
    expect((await run('new', '--help')).stdout).toContain(
      'Usage: jaas-keys new --label LABEL [--app-id APPID] [--json]',
    );
  });

  it('refuses a corrupt key list and leaves it as it was', async () => {
    const dir = await tempDir();
    const before = (await keytar.findCredentials(service)).map((c) => c.account).sort();
    await writeFile(join(dir, 'keys.json'), '{"version":1,"keys":[}');
    const result = await runJaasKeys(['new', '--label', 'x'], { ...env, JAAS_KEYS_DATA_DIR: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/key list .* is damaged/);
    expect(await readFile(join(dir, 'keys.json'), 'utf8')).toBe('{"version":1,"keys":[}');
    // The damaged list was found before a key was made: nothing reached the keychain.
    expect((await keytar.findCredentials(service)).map((c) => c.account).sort()).toEqual(before);
  });

  it('reports keychain and list mismatches with doctor, and deletes with --yes', async () => {
    const second = JSON.parse((await run('show', 'second', '--json')).stdout);
    await keytar.deletePassword(service, second.id);
    const doctor = await run('doctor');
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toContain('The private key of "second" is missing from the keychain');
    expect((await run('rm', 'second', '--yes')).status).toBe(0);
    // In the trash its secret is still expected, so doctor still reports it missing; purge clears it.
    expect((await run('doctor')).status).toBe(1);
    expect((await run('purge', 'second', '--yes')).status).toBe(0);
    expect((await run('doctor')).stdout).toMatch(/The key is in both the key list and the keychain/);
    expect((await run('rm', 'prod', '--yes')).status).toBe(0);
    expect((await run('purge', 'prod', '--yes')).status).toBe(0);
    expect(await keytar.findCredentials(service)).toEqual([]);
  });

  it('says a D-Bus session is missing when there is none', async () => {
    const { DBUS_SESSION_BUS_ADDRESS: _bus, DISPLAY: _display, ...noBus } = env;
    const result = await runJaasKeys(['new', '--label', 'no-bus'], noBus);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No D-Bus session is running/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    // Nothing was listed for a key whose secret could not be stored.
    expect(JSON.parse((await run('list', '--json')).stdout).map((k: { label: string }) => k.label)).not.toContain(
      'no-bus',
    );
  });
});

// The two other ways a Linux keychain fails, each in a D-Bus session of its own.
describe.runIf(process.platform === 'linux')('jaas-keys when the Secret Service is missing or locked', () => {
  it('says no Secret Service is installed when the bus has none', async () => {
    const dir = await tempDir();
    const result = await runJaasKeys(
      ['new', '--label', 'x'],
      { ...process.env, JAAS_KEYS_DATA_DIR: dir, JAAS_KEYS_SERVICE: uniqueService() },
      undefined,
      [
        'dbus-run-session',
        `--config-file=${await busConfigWithoutSecretService()}`,
        '--',
        process.execPath,
        (await import('../support/cli')).CLI,
      ],
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No keychain service \(Secret Service\) is installed/);
  });

  it('says the keychain is locked when it is', async () => {
    const { CLI } = await import('../support/cli');
    const locked = await lockedKeyring();
    const home = locked.env.XDG_DATA_HOME!;
    const result = await runJaasKeys(
      [process.execPath, CLI, 'new', '--label', 'locked'],
      { ...locked.env, JAAS_KEYS_DATA_DIR: home, JAAS_KEYS_SERVICE: uniqueService() },
      undefined,
      locked.command,
    );
    expect(result.stderr).toMatch(/The keychain is locked/);
    expect(result.status).toBe(1);
    expect(execFileSync('ls', [home]).toString()).not.toContain('keys.json');
  });
});
