// The key list outside the window: the core's `list` at 1,000 and 10,000 keys and the
// whole `jaas-keys list` process at 100 keys, each next to the baseline code (baseline.ts)
// in the same run. Targets (issue 12): core list of 10,000 under 50 ms; the process
// within 1.5 times a bare `node -e 0` measured alongside it.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { KeyManager } from '../src/core/keyManager';
import type { SecretStore } from '../src/core/keychain/vault';
import { newKeyLifecycle } from '../src/shared/keys';

// `list` never reaches the keychain; this store proves it by refusing.
const noKeychain: SecretStore = {
  get: () => Promise.reject(new Error('list touched the keychain')),
  set: () => Promise.reject(new Error('list touched the keychain')),
  delete: () => Promise.reject(new Error('list touched the keychain')),
  accounts: () => Promise.reject(new Error('list touched the keychain')),
};

type Lister = { list(): Promise<unknown[]> };
type ListerClass = new (options: { dataDir: string; store: SecretStore }) => Lister;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** A data folder with `size` keys, as the current code (version 2) or the baseline (version 1) writes them. */
async function keyFolder(
  size: number,
  version: 1 | 2,
  sample: { publicPem: string; fingerprint: string },
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jaas-bench-list-'));
  const keys = Array.from({ length: size }, (_, n) => ({
    id: n.toString(16).padStart(16, '0'),
    label: `key ${n}`,
    appId: null,
    kid: null,
    createdAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    kidRecordedAt: null,
    bits: 4096,
    fingerprint: sample.fingerprint,
    source: 'generated',
    publicPem: sample.publicPem,
    ...(version === 2 ? newKeyLifecycle() : {}),
  }));
  // A version 2 list carries the write mark the app writes (catalog.ts), which its read cache keys on.
  await writeFile(
    join(dir, 'keys.json'),
    JSON.stringify(
      version === 2 ? { version, writeId: randomBytes(8).toString('hex'), keys, history: [] } : { version, keys },
      null,
      2,
    ),
  );
  return dir;
}

/** First list of a new KeyManager (what a starting app or command pays), and a second one on the same manager. */
async function timeCore(Manager: ListerClass, dir: string, size: number): Promise<{ cold: number; warm: number }> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < 7; round++) {
    const manager = new Manager({ dataDir: dir, store: noKeychain });
    let at = performance.now();
    if ((await manager.list()).length !== size) throw new Error('wrong count');
    cold.push(performance.now() - at);
    at = performance.now();
    await manager.list();
    warm.push(performance.now() - at);
  }
  return { cold: median(cold), warm: median(warm) };
}

export async function benchList(
  sample: { publicPem: string; fingerprint: string },
  baseline: { dir: string; commit: string } | { problem: string },
): Promise<void> {
  const Baseline =
    'dir' in baseline
      ? (
          (await import(pathToFileURL(join(baseline.dir, 'src', 'core', 'keyManager.ts')).href)) as {
            KeyManager: ListerClass;
          }
        ).KeyManager
      : null;
  const against = 'dir' in baseline ? `baseline ${baseline.commit}` : `no baseline: ${baseline.problem}`;
  console.log(`\ncore list (${against})   first list   again    baseline   first list vs baseline   target < 50 ms`);
  for (const size of [1_000, 10_000]) {
    const current = await keyFolder(size, 2, sample);
    const old = await keyFolder(size, 1, sample);
    const now = await timeCore(KeyManager as unknown as ListerClass, current, size);
    const before = Baseline ? (await timeCore(Baseline, old, size)).cold : null;
    const ratio = before ? `${(now.cold / before).toFixed(2)}x` : 'n/a';
    const verdict = size === 10_000 ? (now.cold < 50 ? 'met' : `missed by ${ms(now.cold - 50)}`) : '';
    console.log(
      `  ${String(size).padStart(6)} keys                ${ms(now.cold).padEnd(12)} ${ms(now.warm).padEnd(8)} ${(before ? ms(before) : 'n/a').padEnd(10)} ${ratio.padEnd(24)} ${verdict}`,
    );
    await rm(current, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }

  // The whole process, 100 keys; bare node, ours and the baseline's in turn so drift hits all three alike.
  const current = await keyFolder(100, 2, sample);
  const old = await keyFolder(100, 1, sample);
  const runs: Record<'bare' | 'ours' | 'baseline', number[]> = { bare: [], ours: [], baseline: [] };
  const spawnTimed = (args: string[], dataDir?: string) => {
    const at = performance.now();
    const result = spawnSync(process.execPath, args, {
      env: { ...process.env, JAAS_KEYS_DATA_DIR: dataDir },
      maxBuffer: 1 << 26,
    });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    return performance.now() - at;
  };
  for (let round = 0; round < 21; round++) {
    runs.bare.push(spawnTimed(['-e', '0']));
    runs.ours.push(spawnTimed([join(process.cwd(), 'bin', 'jaas-keys.js'), 'list'], current));
    if ('dir' in baseline) runs.baseline.push(spawnTimed([join(baseline.dir, 'bin', 'jaas-keys.js'), 'list'], old));
  }
  const [bare, ours] = [median(runs.bare), median(runs.ours)];
  const before = runs.baseline.length ? median(runs.baseline) : null;
  const verdict = ours / bare <= 1.5 ? 'met' : `missed: ${(ours / bare).toFixed(2)}x, ${ms(ours - 1.5 * bare)} over`;
  console.log(`\njaas-keys list, 100 keys, whole process (median of 21)`);
  console.log(
    `  node -e 0 ${ms(bare)}; jaas-keys list ${ms(ours)} = ${(ours / bare).toFixed(2)}x bare node (target 1.5x: ${verdict})`,
  );
  if (before)
    console.log(
      `  baseline jaas-keys list ${ms(before)} = ${(before / bare).toFixed(2)}x bare node; ours is ${(ours / before).toFixed(2)}x the baseline`,
    );
  await rm(current, { recursive: true, force: true });
  await rm(old, { recursive: true, force: true });
}
