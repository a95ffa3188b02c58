// `npm run bench`: the figures the foundation issue asks for, measured side by side in one run.
//   1. 4096-bit key generation, ours (Node's thread pool) vs `openssl genpkey`, median and p90
//   2. the event loop's worst delay while our keys are generated
//   3. the key list: core `list` at 1,000 and 10,000 keys, the `jaas-keys list` process (listBench.ts)
//   4. backups and serve (backupBench.ts, serveBench.ts)
//   5. the window's key list with 1,000 and 10,000 keys, in Chromium (uiList.ts)
// The key list figures stand next to the baseline code's (baseline.ts), measured in the same run.
import { execFile } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { generateRsaKey, publicSpkiPem } from '../src/core/keys/rsa';
import { sshFingerprint } from '../src/core/keys/fingerprint';
import { benchBackup } from './backupBench';
import { benchServe } from './serveBench';
import { benchUiList } from './uiList';
import { prepareBaseline } from './baseline';
import { benchList } from './listBench';

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

// BENCH_ONLY=list,ui (any of keygen, list, backup, serve, ui) runs only those parts.
const only = process.env.BENCH_ONLY?.split(',');
const runs = (part: string) => !only || only.includes(part);

async function benchKeygen() {
  console.log(`RSA 4096 key generation, ${KEYS} keys per generator`);

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const ours = await timeEach(KEYS, () => generateRsaKey());
  delay.disable();
  const openssl = await timeEach(KEYS, () =>
    runFile('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096', '-out', '/dev/null']),
  );
  console.log('                             median     p90');
  console.log(`  jaas-keys core (Node)      ${ms(percentile(ours, 50)).padEnd(10)} ${ms(percentile(ours, 90))}`);
  console.log(`  openssl genpkey            ${ms(percentile(openssl, 50)).padEnd(10)} ${ms(percentile(openssl, 90))}`);
  console.log(`Event loop while generating: worst delay ${ms(delay.max / 1e6)}, p99 ${ms(delay.percentile(99) / 1e6)}`);
}

console.log(`JaaS Key Manager benchmark, Node ${process.version}\n`);
// Built before anything is timed, so its build does not land inside a measurement.
const baseline = runs('list') || runs('ui') ? await prepareBaseline() : { problem: 'not asked for' };
if (runs('keygen')) await benchKeygen();
if (runs('list')) {
  const sample = await generateRsaKey();
  await benchList({ publicPem: publicSpkiPem(sample), fingerprint: sshFingerprint(sample) }, baseline);
}
if (runs('backup')) await benchBackup();
if (runs('serve')) await benchServe();
if (runs('ui')) await benchUiList(baseline);
