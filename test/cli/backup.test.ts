import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, clearService, tempDir, uniqueService } from '../support/fixtures';
import { CLI, runJaasKeys } from '../support/cli';

const run = promisify(execFile);
const PASSPHRASE = 'violet kettle harbour seventeen ribbon';

// Moving keys to another computer with jaas-keys alone: two data folders and keychain services.
describe('jaas-keys backup, restore and recipient', () => {
  let oldEnv: NodeJS.ProcessEnv;
  let newEnv: NodeJS.ProcessEnv;
  let dir: string;
  const on =
    (env: NodeJS.ProcessEnv) =>
    (...args: string[]) =>
      runJaasKeys(args, env);

  beforeAll(async () => {
    dir = await tempDir();
    oldEnv = { ...process.env, JAAS_KEYS_DATA_DIR: await tempDir(), JAAS_KEYS_SERVICE: uniqueService(), P: PASSPHRASE };
    newEnv = { ...process.env, JAAS_KEYS_DATA_DIR: await tempDir(), JAAS_KEYS_SERVICE: uniqueService(), P: PASSPHRASE };
    await on(oldEnv)('new', '--label', 'prod');
    await on(oldEnv)('kid', 'prod', `${APP_ID}/aa0001`);
    await on(oldEnv)('new', '--label', 'spare');
  });
  afterAll(async () => {
    await clearService(oldEnv.JAAS_KEYS_SERVICE!);
    await clearService(newEnv.JAAS_KEYS_SERVICE!);
  });

  it('moves keys to another computer through its recipient, without a passphrase', async () => {
    const recipient = await on(newEnv)('recipient');
    expect(recipient.stdout.trim()).toMatch(/^age1[0-9a-z]{58}$/);
    const file = join(dir, 'keys.age');
    const made = await on(oldEnv)('backup', '--out', file, '--recipient', recipient.stdout.trim());
    expect(made).toMatchObject({ status: 0, stdout: expect.stringContaining('Backed up 2 keys') });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const dry = await on(newEnv)('restore', file, '--dry-run');
    expect(dry.stdout).toMatch(/✓ "prod" \([0-9a-f]{16}\) would be restored/);
    expect(JSON.parse((await on(newEnv)('list', '--json')).stdout)).toEqual([]);
    const done = await on(newEnv)('restore', file, '--json');
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout).map((item: { outcome: string }) => item.outcome)).toEqual(['restored', 'restored']);
    const token = (await on(newEnv)('token', APP_ID)).stdout.trim();
    expect((await on(oldEnv)('check', token)).status).toBe(0);
    expect(JSON.parse((await on(oldEnv)('show', 'prod', '--json')).stdout).lastBackupAt).toEqual(expect.any(String));
    // A file for this computer does not open on the old one.
    expect((await on(oldEnv)('restore', file)).stderr).toMatch(/encrypted for another computer/);
  });

  it('backs up the named keys to a passphrase from the environment; a weak one is refused with the reason', async () => {
    const file = join(dir, 'prod.age');
    expect((await on({ ...oldEnv, P: 'password1' })('backup', '--out', file, '--passphrase-env', 'P')).stderr).toMatch(
      /^jaas-keys: That passphrase is too weak for a backup: /,
    );
    expect((await on(oldEnv)('backup', '--out', file, 'prod', '--passphrase-env', 'P')).stdout).toContain(
      'Backed up 1 key',
    );
    const restored = await on(newEnv)('restore', file, '--passphrase-env', 'P');
    expect(restored).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/= "prod" \([0-9a-f]{16}\) already here/),
    });
    expect((await on({ ...newEnv, P: 'wrong' })('restore', file, '--passphrase-env', 'P')).stderr).toMatch(
      /The passphrase is wrong/,
    );
    expect((await on(newEnv)('restore', file)).status).toBe(2); // the passphrase is needed and there is no terminal
    expect((await on(oldEnv)('backup', '--out', file, '--passphrase-env', 'P')).stderr).toMatch(/already exists/);
  });

  it('at a terminal, asks for the passphrase twice without echo and refuses two that differ', async () => {
    const file = join(dir, 'typed.age');
    const session = (first: string, second: string) => `set timeout 60
spawn ${process.execPath} ${CLI} backup --out ${file}
expect "Passphrase for the backup: "
send "${first}\\r"
expect "The same passphrase again: "
send "${second}\\r"
expect eof
catch wait result
exit [lindex $result 3]`;
    const differ = await run('expect', ['-c', session(PASSPHRASE, 'something else')], { env: oldEnv }).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect((differ as { code: number }).code).toBe(1);
    expect((differ as { stdout: string }).stdout).toContain('The two passphrases differ');
    const typed = await run('expect', ['-c', session(PASSPHRASE, PASSPHRASE)], { env: oldEnv });
    expect(typed.stdout).toContain('Backed up 2 keys');
    expect(typed.stdout).not.toContain(PASSPHRASE); // no echo
    expect(await readFile(file, 'utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
  });
});
