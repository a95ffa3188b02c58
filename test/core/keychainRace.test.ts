import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli';
import { sandbox, type Sandbox } from '../support/fixtures';
import { putFormat1 } from '../support/legacyVault';

// keytar's Linux enumeration fails (or crashes the process) when another process
// deletes an item while it runs. The app reconciles while jaas-keys may be
// deleting; the shared keychain lock in the data folder keeps them apart.
describe('the app enumerating while jaas-keys deletes', () => {
  let box: Sandbox;
  const ids = Array.from({ length: 15 }, () => randomBytes(8).toString('hex'));

  beforeAll(async () => {
    box = await sandbox();
    // Many items to enumerate: secrets in the chunked form of format 1, four items each.
    for (const id of ids)
      await putFormat1(
        box.store,
        id,
        `-----BEGIN PRIVATE KEY-----\n${randomBytes(1500).toString('base64')}\n-----END PRIVATE KEY-----\n`,
        500,
      );
  });
  afterAll(() => box.cleanup());

  it('never fails an enumeration', async () => {
    const script = ids.map((id) => `"$NODE" "$CLI" purge ${id} --yes >/dev/null || exit 1`).join('\n');
    const deleter = spawn('sh', ['-c', script], {
      env: {
        ...process.env,
        NODE: process.execPath,
        CLI,
        JAAS_KEYS_DATA_DIR: box.dataDir,
        JAAS_KEYS_SERVICE: box.service,
      },
      stdio: 'ignore',
    });
    const finished = new Promise<number | null>((resolve) => deleter.on('close', resolve));
    let done = false;
    void finished.then(() => (done = true));
    const failures: string[] = [];
    let rounds = 0;
    while (!done) {
      rounds++;
      await box.keys.reconcile().catch((error: Error) => failures.push(error.message));
      // The app reconciles now and then, not in a tight loop; leave the other process its turns.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await finished).toBe(0);
    expect(rounds).toBeGreaterThan(5);
    expect(failures).toEqual([]);
    expect(await box.keys.reconcile()).toEqual([]);
  });
});
