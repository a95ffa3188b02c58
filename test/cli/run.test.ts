import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, clearService, tempDir, uniqueService } from '../support/fixtures';
import { CLI, expectOneRefusal, runJaasKeys } from '../support/cli';

const SIGNER = join(process.cwd(), 'test', 'fixtures', 'work', 'sign-from-env.mjs');

/** Every file under a folder, read, for a scan for key material left behind. */
async function allText(folder: string): Promise<string> {
  let text = '';
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) text += await readFile(join(entry.parentPath ?? folder, entry.name), 'utf8').catch(() => '');
  }
  return text;
}

describe('jaas-keys run: a key for a program’s lifetime, without a key file', () => {
  let env: NodeJS.ProcessEnv;
  let tmp: string;
  const jk = (args: string[], extra: NodeJS.ProcessEnv = {}, input?: string) =>
    runJaasKeys(args, { ...env, ...extra }, input);

  beforeAll(async () => {
    tmp = await tempDir();
    // TMPDIR points run's key folders at a folder this test can scan in full.
    env = { ...process.env, JAAS_KEYS_DATA_DIR: await tempDir(), JAAS_KEYS_SERVICE: uniqueService(), TMPDIR: tmp };
    await jk(['new', '--label', 'prod']);
    await jk(['kid', 'prod', `${APP_ID}/aa0001`]);
  });
  afterAll(() => clearService(env.JAAS_KEYS_SERVICE!));

  it('hands a program the AppID, kid and PKCS#8 key in its environment; the token it signs checks out', async () => {
    const result = await jk(['run', APP_ID, '--', process.execPath, SIGNER], {
      JAAS_PRIVATE_KEY_PATH: '/inherited/and/wrong',
      JAAS_KID: 'inherited',
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const token = result.stdout.trim();
    expect((await jk(['check', token])).status).toBe(0);
    const seen = await jk(
      [
        'run',
        'prod',
        '--',
        'sh',
        '-c',
        'echo "${JAAS_KID}|${JAAS_APP_ID}|${JAAS_PRIVATE_KEY_PATH-unset}|$(printf %s "$JAAS_PRIVATE_KEY" | head -1)"',
      ],
      { JAAS_PRIVATE_KEY_PATH: '/inherited/and/wrong' },
    );
    expect(seen.stdout.trim()).toBe(`${APP_ID}/aa0001|${APP_ID}|unset|-----BEGIN PRIVATE KEY-----`);
    expect(await allText(tmp)).not.toMatch(/PRIVATE KEY/);
    expect(await allText(env.JAAS_KEYS_DATA_DIR!)).not.toMatch(/PRIVATE KEY/);
  });

  it('renames the variables with --env-prefix, passes stdin through, and exits with the program’s status', async () => {
    const prefixed = await jk(['run', 'prod', '--env-prefix', 'MYAPP', '--', process.execPath, SIGNER, 'MYAPP']);
    expect((await jk(['check', prefixed.stdout.trim()])).status).toBe(0);
    expect((await jk(['run', 'prod', '--', 'sh', '-c', 'echo "${JAAS_KID-none}"'], {}, undefined)).stdout).toContain(
      'aa0001',
    );
    expect((await jk(['run', 'prod', '--', 'cat'], {}, 'typed into stdin\n')).stdout).toBe('typed into stdin\n');
    expect((await jk(['run', 'prod', '--', 'sh', '-c', 'exit 7'])).status).toBe(7);
  });

  it('with --key-file, puts the key in a private 0600 file that is gone when the program ends', async () => {
    const result = await jk([
      'run',
      'prod',
      '--key-file',
      '--',
      'sh',
      '-c',
      'stat -c "%a %U" "$JAAS_PRIVATE_KEY_PATH" "$(dirname "$JAAS_PRIVATE_KEY_PATH")"; echo "${JAAS_PRIVATE_KEY-unset}"; echo "$JAAS_PRIVATE_KEY_PATH"',
    ]);
    const [fileMode, folderMode, key, path] = result.stdout.trim().split('\n');
    expect(fileMode).toMatch(/^600 /);
    expect(folderMode).toMatch(/^700 /);
    expect(key).toBe('unset');
    expect(path!.startsWith(tmp)).toBe(true);
    await expect(stat(path!)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(tmp)).toEqual([]);
    const signed = await jk(['run', 'prod', '--key-file', '--', process.execPath, SIGNER]);
    expect((await jk(['check', signed.stdout.trim()])).status).toBe(0);
  });

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'passes %s on to the program and removes the key file',
    async (signal) => {
      const child = spawn(
        process.execPath,
        [
          CLI,
          'run',
          'prod',
          '--key-file',
          '--',
          'sh',
          '-c',
          `trap 'echo got-${signal}; exit 3' ${signal.slice(3)}; echo ready; while :; do sleep 0.1; done`,
        ],
        { env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      while (!out.includes('ready')) await sleep(20);
      expect(await readdir(tmp)).toHaveLength(1);
      child.kill(signal);
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(out).toContain(`got-${signal}`);
      expect(status).toBe(3);
      expect(await readdir(tmp)).toEqual([]);
    },
  );

  it('a key folder left by a jaas-keys killed with SIGKILL is removed by the next jaas-keys', async () => {
    const child = spawn(process.execPath, [CLI, 'run', 'prod', '--key-file', '--', 'sh', '-c', 'echo ready; sleep 5'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    while (!out.includes('ready')) await sleep(20);
    child.kill('SIGKILL');
    // 'exit', not 'close': the orphaned program still holds the pipe until it ends by itself.
    await new Promise((resolve) => child.on('exit', resolve));
    const [left] = await readdir(tmp);
    expect(left).toMatch(/^jaas-keys-run-\d+-/);
    expect(await allText(tmp)).toMatch(/BEGIN PRIVATE KEY/);
    // A folder of a live process (this test's own pid) is left alone.
    await mkdir(join(tmp, `jaas-keys-run-${process.pid}-keep`));
    await jk(['list']);
    expect(await readdir(tmp)).toEqual([`jaas-keys-run-${process.pid}-keep`]);
  });

  it('refuses with one clear line: no kid, retired, trashed, a missing command, no --', async () => {
    await jk(['new', '--label', 'no kid']);
    const cases: Array<[string[], number, RegExp]> = [
      [['run', 'no kid', '--', 'true'], 1, /"no kid" has no Key ID yet/],
      [['run', 'prod', '--', 'no-such-program-xyz'], 1, /Cannot run "no-such-program-xyz": no such command/],
      [['run', 'prod', 'true'], 2, /put the program after --/],
      [['run', 'prod', '--'], 2, /name the program to run after --/],
      [['run', 'prod', '--env-prefix', '1bad', '--', 'true'], 2, /--env-prefix/],
    ];
    for (const [args, status, message] of cases) {
      const result = await jk(args);
      expect(result.status).toBe(status);
      expectOneRefusal(result.stderr);
      expect(result.stderr).toMatch(message);
    }
    await jk(['retire', 'prod', '--yes']);
    expect((await jk(['run', 'prod', '--', 'true'])).stderr).toMatch(/"prod" is retired and does not sign/);
    await jk(['rm', 'prod', '--yes']);
    expect((await jk(['run', 'prod', '--', 'true'])).stderr).toMatch(/is in the trash/);
    expect(await readdir(tmp)).toEqual([`jaas-keys-run-${process.pid}-keep`]);
  });
});
