// `npm run bench`: the figures the foundation issue asks for, measured side by side in one run.
//   1. 4096-bit key generation, ours (Node's thread pool) vs `openssl genpkey`, median and p90
//   2. the event loop's worst delay while our keys are generated
//   3. `list` with 1,000 and 10,000 keys in the catalog (core call, and the whole CLI process)
//   4. the window's key list with 1,000 and 10,000 keys, in Chromium
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { KeyManager } from '../src/core/keyManager';
import { generateRsaKey, publicSpkiPem } from '../src/core/rsa';
import { sshFingerprint } from '../src/core/fingerprint';
import type { SecretStore } from '../src/core/vault';
import { newKeyLifecycle } from '../src/shared/keys';
import { benchBackup } from './backupBench';
import { benchServe } from './serveBench';
import { benchUiList } from './uiList';

const runFile = promisify(execFile);
const KEYS = Number(process.env.BENCH_KEYS ?? 10);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function timeEach(count: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}

// The catalog benchmark never reaches the keychain (list reads only the catalog); this store proves it by refusing.
const noKeychain: SecretStore = {
  get: () => Promise.reject(new Error('list touched the keychain')),
  set: () => Promise.reject(new Error('list touched the keychain')),
  delete: () => Promise.reject(new Error('list touched the keychain')),
  accounts: () => Promise.reject(new Error('list touched the keychain')),
};

async function main() {
  console.log(`JaaS Key Manager benchmark, Node ${process.version}, ${KEYS} keys per generator\n`);

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const ours = await timeEach(KEYS, () => generateRsaKey());
  delay.disable();
  const openssl = await timeEach(KEYS, () => runFile('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096', '-out', '/dev/null']));
  console.log('RSA 4096 key generation      median     p90');
  console.log(`  jaas-keys core (Node)      ${ms(percentile(ours, 50)).padEnd(10)} ${ms(percentile(ours, 90))}`);
  console.log(`  openssl genpkey            ${ms(percentile(openssl, 50)).padEnd(10)} ${ms(percentile(openssl, 90))}`);
  console.log(`Event loop while generating: worst delay ${ms(delay.max / 1e6)}, p99 ${ms(delay.percentile(99) / 1e6)}\n`);

  const sample = await generateRsaKey();
  const publicPem = publicSpkiPem(sample);
  const fingerprint = sshFingerprint(sample);
  const cli = join(process.cwd(), 'bin', 'jaas-keys.js');
  console.log('list                         core median   CLI process median (list --json)');
  for (const size of [1_000, 10_000]) {
    const dir = await mkdtemp(join(tmpdir(), 'jaas-bench-'));
    const keys = Array.from({ length: size }, (_, n) => ({
      id: n.toString(16).padStart(16, '0'), label: `key ${n}`, appId: null, kid: null, createdAt: new Date().toISOString(),
      kidRecordedAt: null, bits: 4096, fingerprint, source: 'generated', publicPem, ...newKeyLifecycle(),
    }));
    await writeFile(join(dir, 'keys.json'), JSON.stringify({ version: 2, keys, history: [] }, null, 2));
    const manager = new KeyManager({ dataDir: dir, store: noKeychain });
    const core = await timeEach(7, async () => {
      if ((await manager.list()).length !== size) throw new Error('wrong count');
    });
    const process_ = await timeEach(5, async () => {
      const result = spawnSync(process.execPath, [cli, 'list', '--json'], { env: { ...process.env, JAAS_KEYS_DATA_DIR: dir }, maxBuffer: 1 << 30 });
      if (result.status !== 0) throw new Error(`jaas-keys list failed: ${result.stderr}`);
    });
    console.log(`  ${String(size).padStart(6)} keys                ${ms(percentile(core, 50)).padEnd(13)} ${ms(percentile(process_, 50))}`);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
await benchBackup();
await benchServe();
await benchUiList();
