import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import { APP_ENTRY_URL, isTrustedPageUrl } from '../../src/main/security';
import { CLI } from '../support/cli';
import { RecordingDesktop } from '../support/recordingDesktop';
import { sandbox, type Sandbox } from '../support/fixtures';
import { seeded, seedFromEnv } from './random';

// Races (issue 12): three jaas-keys workers and the app's own handlers in this
// process change one key list and keychain at once, for a bounded time, while the
// app keeps enumerating the keychain. Each worker owns its keys, so the last label
// and kid each got are known; the history is append-only, so every successful
// change must be in it exactly once. JAAS_RACE_SECONDS makes a run longer.

const SEED = seedFromEnv('JAAS_RACE_SEED');
const SECONDS = Number(process.env.JAAS_RACE_SECONDS ?? 25);
const APP_ID = 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe';

describe('many processes on one key list and keychain', () => {
  let box: Sandbox;
  afterAll(() => box?.cleanup());

  it('loses no update, crashes nothing and ends within its bound', async () => {
    console.log(`race campaign: seed ${SEED} (JAAS_RACE_SEED reproduces the choices), ${SECONDS} s`);
    const random = seeded(SEED);
    box = await sandbox();
    const env = { ...process.env, JAAS_KEYS_DATA_DIR: box.dataDir, JAAS_KEYS_SERVICE: box.service };
    const sources = Object.values(
      JSON.parse(
        await readFile(join(process.cwd(), 'test', 'fixtures', 'catalog-v1', 'secrets.json'), 'utf8'),
      ) as Record<string, string>,
    );
    const ids: string[] = [];
    for (const [n, pem] of sources.entries()) ids.push((await box.keys.importKey(pem, { label: `start ${n}` })).key.id);
    // Workers 0-2 are jaas-keys processes, worker 3 the app's handlers; each owns one key.
    const last = ids.map((id) => ({ id, label: '', kid: null as string | null, renames: 0, kids: 0, trashed: false }));
    const dispatch = createDispatcher(
      createHandlers(box.keys, new RecordingDesktop()),
      (url) => isTrustedPageUrl(url),
      () => undefined,
    );
    const failures: string[] = [];
    const deadline = performance.now() + SECONDS * 1000;

    const jaasKeys = (args: string[]) =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('exit', (status, signal) => resolve({ status: signal ? -1 : status, stderr }));
      });

    async function change(worker: number, kind: 'rename' | 'kid' | 'trash'): Promise<void> {
      const mine = last[worker]!;
      const viaApp = worker === 3;
      let ok: boolean;
      let why = '';
      if (kind === 'rename') {
        const label = `w${worker} ${random.hex(8)}`;
        if (viaApp) ok = (await dispatch('renameKey', APP_ENTRY_URL, { id: mine.id, label })).ok;
        else
          ({ status: ok, stderr: why } = await jaasKeys(['rename', mine.id, label]).then((r) => ({
            status: r.status === 0,
            stderr: r.stderr,
          })));
        if (ok) Object.assign(mine, { label, renames: mine.renames + 1 });
      } else if (kind === 'kid') {
        const kid = `${APP_ID}/${random.hex(6)}`;
        if (viaApp) ok = (await dispatch('recordKid', APP_ENTRY_URL, { id: mine.id, kid })).ok;
        else
          ({ status: ok, stderr: why } = await jaasKeys(['kid', mine.id, kid]).then((r) => ({
            status: r.status === 0,
            stderr: r.stderr,
          })));
        if (ok) Object.assign(mine, { kid, kids: mine.kids + 1 });
      } else {
        const args = mine.trashed ? ['undelete', mine.id] : ['rm', mine.id, '--yes'];
        if (viaApp)
          ok = (await dispatch(mine.trashed ? 'undeleteKey' : 'deleteKey', APP_ENTRY_URL, { id: mine.id })).ok;
        else
          ({ status: ok, stderr: why } = await jaasKeys(args).then((r) => ({
            status: r.status === 0,
            stderr: r.stderr,
          })));
        if (ok) mine.trashed = !mine.trashed;
      }
      // A rename or kid on a trashed key is refused by design; anything else is a failure of the run.
      if (!ok && !(mine.trashed && kind !== 'trash')) failures.push(`worker ${worker} ${kind}: ${why || 'refused'}`);
    }

    async function worker(n: number): Promise<number> {
      let done = 0;
      while (performance.now() < deadline) {
        const roll = random.next();
        await change(n, roll < 0.5 ? 'rename' : roll < 0.85 ? 'kid' : 'trash');
        done++;
      }
      return done;
    }

    // Meanwhile the app reconciles now and then (keytar's enumeration must survive the others' writes).
    let reconciles = 0;
    const reconciler = (async () => {
      while (performance.now() < deadline) {
        const checked = await dispatch('checkKeychain', APP_ENTRY_URL, {});
        if (!checked.ok) failures.push(`checkKeychain: ${checked.error.message}`);
        reconciles++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const started = performance.now();
    const counts = await Promise.all([0, 1, 2, 3].map(worker));
    await reconciler;
    const took = performance.now() - started;

    console.log(
      `race campaign: seed ${SEED}: ${counts.reduce((a, b) => a + b)} changes (${counts.join(', ')} per worker), ${reconciles} reconciles, ${Math.round(took / 1000)} s`,
    );
    expect(failures).toEqual([]);
    // No deadlock: everything ended soon after the bound (one command may still have been running).
    expect(took).toBeLessThan((SECONDS + 30) * 1000);
    const all = await box.keys.list({ all: true });
    const history = await box.keys.history();
    for (const mine of last) {
      const key = all.find((k) => k.id === mine.id)!;
      if (mine.renames) expect(key.label).toBe(mine.label);
      if (mine.kids) expect(key.kid).toBe(mine.kid);
      expect(key.status === 'trashed').toBe(mine.trashed);
      expect(history.filter((entry) => entry.keyId === mine.id && entry.event === 'renamed')).toHaveLength(
        mine.renames,
      );
      expect(
        history.filter(
          (entry) => entry.keyId === mine.id && (entry.event === 'kid-recorded' || entry.event === 'kid-changed'),
        ),
      ).toHaveLength(mine.kids);
    }
    expect(await box.keys.reconcile()).toEqual([]);
  }, 180_000);
});
