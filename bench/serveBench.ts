// Token signing, measured: the core's signatures per second and `jaas-keys serve`
// under load from autocannon over loopback, each next to `openssl speed rsa4096`
// on one core in the same run.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { KeyManager } from '../src/core/keyManager';
import { KeytarStore } from '../src/core/keychain/keytarStore';
import { DEFAULT_TOKEN_OPTIONS } from '../src/shared/tokens';

const APP_ID = 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe';
const SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 10);

/** openssl's RSA 4096 signatures per second on one core (`openssl speed -seconds 5 rsa4096`). */
function opensslSignsPerSecond(): number {
  const text = execFileSync('openssl', ['speed', '-seconds', '5', 'rsa4096'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString();
  const row = /^rsa 4096 bits\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)\s+([\d.]+)/m.exec(text);
  if (!row) throw new Error(`openssl speed printed no rsa 4096 row:\n${text.slice(-400)}`);
  return Number(row[3]);
}

export async function benchServe(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'jaas-bench-serve-'));
  const env = {
    ...process.env,
    JAAS_KEYS_DATA_DIR: work,
    JAAS_KEYS_SERVICE: `jaas-bench-${randomBytes(4).toString('hex')}`,
  };
  const store = new KeytarStore(env.JAAS_KEYS_SERVICE);
  try {
    const keys = new KeyManager({ dataDir: work, store });
    const key = await keys.generate({ label: 'bench' });
    await keys.recordKid(key.id, `${APP_ID}/aa0001`);
    const openssl = opensslSignsPerSecond();

    const signer = await keys.signer(key.id);
    const options = { ...DEFAULT_TOKEN_OPTIONS, room: 'bench' };
    let count = 0;
    const start = performance.now();
    while (performance.now() - start < 5000) {
      signer.sign(options);
      count++;
    }
    const core = count / ((performance.now() - start) / 1000);

    const server = spawn(process.execPath, [join(process.cwd(), 'bin', 'jaas-keys.js'), 'serve', key.id, '--json'], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const { url, secret } = JSON.parse(
      await new Promise<string>((resolve) =>
        server.stdout.once('data', (chunk) => resolve(String(chunk).split('\n')[0]!)),
      ),
    );
    const result = await autocannon({
      url: `${url}/token`,
      method: 'POST',
      connections: 4,
      duration: SECONDS,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: '{"room":"bench","user":{"moderator":true}}',
    });
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('exit', resolve));
    const non2xx = result.non2xx + result.errors;

    console.log(`\nToken signing (RSA 4096, RS256); openssl speed rsa4096 on one core: ${openssl.toFixed(0)} signs/s`);
    console.log(
      `  core (Signer.sign, one thread)     ${core.toFixed(0)} tokens/s   (${(core / openssl).toFixed(2)} × openssl)`,
    );
    console.log(
      `  jaas-keys serve (autocannon, 4 connections, ${SECONDS} s)   ${result.requests.average.toFixed(0)} requests/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms   (${(result.requests.average / openssl).toFixed(2)} × openssl; ${non2xx} errors or non-2xx)`,
    );
  } finally {
    for (const account of await store.accounts().catch(() => [])) await store.delete(account);
    await rm(work, { recursive: true, force: true });
  }
}
