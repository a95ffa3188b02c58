// Backup and restore of 100 keys, each the whole `jaas-keys` process, next to
// age's own CLI encrypting the same plaintext to the same recipient, in one run.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KeyManager } from '../src/core/keyManager';
import { KeytarStore } from '../src/core/keychain/keytarStore';

const COUNT = Number(process.env.BENCH_BACKUP_KEYS ?? 100);
const cli = join(process.cwd(), 'bin', 'jaas-keys.js');

function timed(file: string, args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(file, args, { env, maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - start;
}

async function clear(service: string): Promise<void> {
  const store = new KeytarStore(service);
  for (const account of await store.accounts()) await store.delete(account);
}

export async function benchBackup(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'jaas-bench-backup-'));
  const from = {
    ...process.env,
    JAAS_KEYS_DATA_DIR: join(work, 'from'),
    JAAS_KEYS_SERVICE: `jaas-bench-${randomBytes(4).toString('hex')}`,
    P: 'violet kettle harbour seventeen ribbon',
  };
  const to = {
    ...process.env,
    JAAS_KEYS_DATA_DIR: join(work, 'to'),
    JAAS_KEYS_SERVICE: `jaas-bench-${randomBytes(4).toString('hex')}`,
    P: from.P,
  };
  try {
    const keys = new KeyManager({ dataDir: from.JAAS_KEYS_DATA_DIR, store: new KeytarStore(from.JAAS_KEYS_SERVICE) });
    for (let n = 0; n < COUNT; n += 4)
      await Promise.all(
        Array.from({ length: Math.min(4, COUNT - n) }, (_, i) => keys.generate({ label: `key ${n + i}` })),
      );
    const recipient = execFileSync(process.execPath, [cli, 'recipient'], {
      env: to,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    execFileSync('age-keygen', ['-o', join(work, 'identity.txt')], { stdio: 'ignore' });
    const ageRecipient = execFileSync('age-keygen', ['-y', join(work, 'identity.txt')])
      .toString()
      .trim();

    const backup = timed(
      process.execPath,
      [cli, 'backup', '--out', join(work, 'keys.age'), '--recipient', recipient, '--recipient', ageRecipient],
      from,
    );
    const plain = join(work, 'plain.json');
    await writeFile(plain, execFileSync('age', ['-d', '-i', join(work, 'identity.txt'), join(work, 'keys.age')]));
    const ageEncrypt = timed(
      'age',
      ['-a', '-r', recipient, '-r', ageRecipient, '-o', join(work, 'by-age.age'), plain],
      from,
    );
    const ageDecrypt = timed(
      'age',
      ['-d', '-i', join(work, 'identity.txt'), '-o', join(work, 'plain2.json'), join(work, 'keys.age')],
      from,
    );
    const restore = timed(process.execPath, [cli, 'restore', join(work, 'keys.age')], to);
    const passphrase = timed(
      process.execPath,
      [cli, 'backup', '--out', join(work, 'pass.age'), '--passphrase-env', 'P'],
      from,
    );
    console.log(`\nBackup and restore of ${COUNT} keys (whole jaas-keys process)`);
    console.log(
      `  backup, recipient mode         ${backup.toFixed(0)} ms   (age CLI encrypting the same plaintext: ${ageEncrypt.toFixed(0)} ms, ratio ${(backup / ageEncrypt).toFixed(1)})`,
    );
    console.log(
      `  restore, recipient mode        ${restore.toFixed(0)} ms   (age CLI decrypting the same file: ${ageDecrypt.toFixed(0)} ms; restore also checks and stores ${COUNT} keys in the keychain)`,
    );
    console.log(
      `  backup, passphrase mode        ${passphrase.toFixed(0)} ms   (scrypt, age's default work factor 2^18)`,
    );
  } finally {
    await clear(from.JAAS_KEYS_SERVICE).catch(() => undefined);
    await clear(to.JAAS_KEYS_SERVICE).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}
