import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, clearService, tempDir, uniqueService } from '../support/fixtures';
import { CLI, expectOneRefusal, runJaasKeys } from '../support/cli';

const run = promisify(execFile);

// Rotation, retirement, the trash and the history as a person runs them with jaas-keys.
describe('jaas-keys key lifecycle', () => {
  let env: NodeJS.ProcessEnv;
  let service: string;
  const jk = (...args: string[]) => runJaasKeys(args, env);
  const json = async (...args: string[]) => JSON.parse((await jk(...args, '--json')).stdout);

  beforeAll(async () => {
    service = uniqueService();
    env = { ...process.env, JAAS_KEYS_DATA_DIR: await tempDir(), JAAS_KEYS_SERVICE: service };
  });
  afterAll(() => clearService(service));

  it('rotates a key by the printed steps, with the AppID signing throughout', async () => {
    const old = await json('new', '--label', 'prod');
    expect((await jk('token', APP_ID)).stderr).toMatch(/has no current key: record the Key ID/);
    expect((await jk('kid', 'prod', `${APP_ID}/aa0001`)).stdout).toContain('It is the current key of');
    const kidOf = async () =>
      JSON.parse(
        Buffer.from((await jk('token', APP_ID, '--lifetime', '3h')).stdout.split('.')[0]!, 'base64url').toString(),
      ).kid;
    expect(await kidOf()).toBe(`${APP_ID}/aa0001`);

    const rotated = await jk('rotate', APP_ID);
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(
      /Wait 3 hours \(the longest token "prod" signed\), then: jaas-keys retire [0-9a-f]{16}/,
    );
    const fresh = (await json('list')).find((key: { rotationOf: string | null }) => key.rotationOf === old.id);
    expect(fresh).toMatchObject({ status: 'needs-kid', current: false, appId: APP_ID });
    expect((await jk('activate', fresh.id)).stderr).toMatch(/has no Key ID yet/);
    await jk('kid', fresh.id, `${APP_ID}/aa0002`);
    expect(await kidOf()).toBe(`${APP_ID}/aa0001`);
    expect((await jk('activate', fresh.id)).stdout).toMatch(/"prod" stays active/);
    expect(await kidOf()).toBe(`${APP_ID}/aa0002`);
    const retired = await jk('retire', 'prod');
    expect(retired.stdout).toMatch(/still in the JaaS console/);
    const refused = await jk('token', 'prod');
    expect(refused).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/^jaas-keys: "prod" is retired and does not sign/),
    });
    expectOneRefusal(refused.stderr);
  });

  it('asks before retiring the current key, and refuses without --yes when not at a terminal', async () => {
    const current = (await json('list')).find((key: { current: boolean }) => key.current);
    const refused = await jk('retire', current.id);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/current key of .* --yes/);
    expect((await json('show', current.id)).status).toBe('active');
    expect((await jk('retire', current.id, '--yes')).stdout).toMatch(/has no current key now/);
    expect((await jk('unretire', current.id)).stdout).toMatch(/active again, and the current key/);
  });

  it('moves to the trash, lists it there, undeletes, and purges only from the trash', async () => {
    await jk('new', '--label', 'scratch');
    expect((await jk('purge', 'scratch', '--yes')).stderr).toMatch(
      /not in the trash\. Delete it first;.*\nhint: delete it first: jaas-keys rm [0-9a-f]{16}\n$/,
    );
    expect((await jk('rm', 'scratch')).status).toBe(2); // no --yes and no terminal
    expect((await jk('rm', 'scratch', '--yes')).stdout).toMatch(
      /Moved "scratch" to the trash\. It will be purged after/,
    );
    expect((await json('list')).map((key: { label: string }) => key.label)).not.toContain('scratch');
    const [trashed] = await json('list', '--trash');
    expect(trashed).toMatchObject({ label: 'scratch', status: 'trashed', purgeAfter: expect.any(String) });
    expect((await jk('undelete', 'scratch')).stdout).toContain('is back from the trash');
    await jk('rm', 'scratch', '--yes');
    expect((await jk('purge', 'scratch')).status).toBe(2);
    expect((await jk('purge', 'scratch', '--yes')).status).toBe(0);
    expect((await keytar.findCredentials(service)).some((c) => c.account.startsWith(trashed.id))).toBe(false);
    const history = await json('history', trashed.id);
    expect(history.map((entry: { event: string }) => entry.event)).toEqual([
      'purged',
      'trashed',
      'undeleted',
      'trashed',
      'created',
    ]);
    expect(history[0]).toEqual({
      at: expect.any(String),
      keyId: trashed.id,
      event: 'purged',
      detail: { label: 'scratch', kid: null, fingerprint: trashed.fingerprint },
    });
    expect((await jk('history', 'nothing-like-it')).stderr).toMatch(/nothing in the history, matches/);
  });

  it('at a terminal, purge asks for the label typed, and a wrong one purges nothing', async () => {
    const key = (await json('new', '--label', 'typed')) as { id: string };
    await jk('rm', key.id, '--yes');
    // expect(1) gives jaas-keys a real terminal and types the answer at its prompt.
    const session = (answer: string) => `set timeout 30
spawn ${process.execPath} ${CLI} purge ${key.id}
expect "Type its label (or kid) to confirm: "
send "${answer}\\r"
expect eof
catch wait result
exit [lindex $result 3]`;
    const wrong = await run('expect', ['-c', session('Typed')], { env }).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect((wrong as { code: number }).code).toBe(1);
    expect((wrong as { stdout: string }).stdout).toContain('That did not match; nothing was purged.');
    expect((await json('list', '--trash')).map((k: { id: string }) => k.id)).toContain(key.id);
    const right = await run('expect', ['-c', session('typed')], { env });
    expect(right.stdout).toMatch(/Purged "typed"/);
    expect((await json('list', '--trash')).map((k: { id: string }) => k.id)).not.toContain(key.id);
  });
});
