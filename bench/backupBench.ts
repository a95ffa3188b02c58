// Backups and restores of 100 keys, with the targets of the keychain issue as ratios
// measured in the same run:
//   - restore of 100 keys (the whole `jaas-keys` process): at most 0.4 × the previous
//     release's restore of the same file (that release built from git, as baseline.ts does)
//   - passphrase backup and restore: at most 1.5 × `age`'s own time on the same file,
//     with expect typing the passphrase at age's prompt
//   - the worst event-loop delay during each, through the core: 50 ms or less
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { passphraseStrength, useStrengthWorker } from '../src/core/backup/passphrase';
import { StrengthWorker } from '../src/core/backup/strengthWorkerClient';
import { KeyManager } from '../src/core/keyManager';
import { KeytarStore } from '../src/core/keychain/keytarStore';
import { prepareBaseline } from './baseline';
import { worstDelayDuring } from '../test/support/eventLoop';

const COUNT = Number(process.env.BENCH_BACKUP_KEYS ?? 100);
/** The last release whose keychain format was 1 (three items per key, a key list write per restored key). */
const PREVIOUS_RELEASE = process.env.BENCH_PREVIOUS_RELEASE ?? 'ab481fc';
const PASSPHRASE = 'violet kettle harbour seventeen ribbon';
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

/** age at its passphrase prompt, answered by expect: age reads a passphrase only from a terminal. */
function ageWithPassphrase(args: string[]): number {
  const script = `set timeout 120; spawn age ${args.join(' ')}; expect -re "passphrase"; send "${PASSPHRASE}\\r"; expect -re "(onfirm|again)" { send "${PASSPHRASE}\\r"; exp_continue } eof; catch wait result; exit [lindex $result 3]`;
  return timed('expect', ['-c', script], process.env);
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const service = () => `jaas-bench-${randomBytes(4).toString('hex')}`;

export async function benchBackup(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'jaas-bench-backup-'));
  const env = (name: string) => ({
    ...process.env,
    JAAS_KEYS_DATA_DIR: join(work, name),
    JAAS_KEYS_SERVICE: service(),
    P: PASSPHRASE,
  });
  const from = env('from');
  const to = env('to');
  const toPrevious = env('to-previous');
  const loop = env('loop');
  const dry = env('dry');
  const previous = await prepareBaseline(PREVIOUS_RELEASE);
  try {
    const keys = new KeyManager({ dataDir: from.JAAS_KEYS_DATA_DIR, store: new KeytarStore(from.JAAS_KEYS_SERVICE) });
    for (let n = 0; n < COUNT; n += 4)
      await Promise.all(
        Array.from({ length: Math.min(4, COUNT - n) }, (_, i) => keys.generate({ label: `key ${n + i}` })),
      );
    const file = join(work, 'keys.age');
    const passFile = join(work, 'pass.age');
    execFileSync('age-keygen', ['-o', join(work, 'identity.txt')], { stdio: 'ignore' });
    const recipient = execFileSync(process.execPath, [cli, 'recipient'], {
      env: to,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    // The previous release restores to a computer identity of its own: the backup is made to both.
    const previousRecipient =
      'dir' in previous
        ? execFileSync(process.execPath, [join(previous.dir, 'bin', 'jaas-keys.js'), 'recipient'], {
            env: toPrevious,
            stdio: ['ignore', 'pipe', 'ignore'],
          })
            .toString()
            .trim()
        : null;
    const backup = timed(
      process.execPath,
      [
        cli,
        'backup',
        '--out',
        file,
        '--recipient',
        recipient,
        ...(previousRecipient ? ['--recipient', previousRecipient] : []),
      ],
      from,
    );
    const restore = timed(process.execPath, [cli, 'restore', file], to);
    const restorePrevious =
      'dir' in previous
        ? timed(process.execPath, [join(previous.dir, 'bin', 'jaas-keys.js'), 'restore', file], toPrevious)
        : null;

    const passBackup = timed(process.execPath, [cli, 'backup', '--out', passFile, '--passphrase-env', 'P'], from);
    const plain = join(work, 'plain.json');
    const ageDecrypt = ageWithPassphrase(['-d', '-o', plain, passFile]);
    const ageEncrypt = ageWithPassphrase(['-p', '-a', '-o', join(work, 'by-age.age'), plain]);
    const passRestore = timed(process.execPath, [cli, 'restore', passFile, '--passphrase-env', 'P', '--dry-run'], dry);

    // The event loop, through the core, with what loads once (zod, the estimator's dictionaries) loaded first,
    // and the strength check in the worker the command's build made (npm run bench builds it), as the app runs it.
    useStrengthWorker(StrengthWorker.at(join(process.cwd(), 'out', 'cli', 'strengthWorker.mjs')));
    await passphraseStrength(PASSPHRASE);
    await import('../src/core/backup/backupFile');
    const core = new KeyManager({ dataDir: join(work, 'loop'), store: new KeytarStore(loop.JAAS_KEYS_SERVICE) });
    const loopBackup = await worstDelayDuring(() =>
      keys.backups.write(join(work, 'loop.age'), { lock: { passphrase: PASSPHRASE }, force: true }),
    );
    const loopText = await readFile(join(work, 'loop.age'), 'utf8');
    const loopRestore = await worstDelayDuring(() => core.backups.restore(loopText, PASSPHRASE));

    console.log(`\nBackup and restore of ${COUNT} keys (whole jaas-keys process unless said)`);
    console.log(`  backup, recipient mode              ${backup.toFixed(0)} ms`);
    if (restorePrevious === null)
      console.log(
        `  restore: the previous release could not be built (${'problem' in previous ? previous.problem : ''})`,
      );
    const restoreRatio = restorePrevious === null ? NaN : restore / restorePrevious;
    console.log(
      `  restore, recipient mode             ${restore.toFixed(0)} ms; previous release ${PREVIOUS_RELEASE}: ${restorePrevious?.toFixed(0) ?? '?'} ms; ratio ${restoreRatio.toFixed(2)} (target ≤ 0.4: ${verdict(restoreRatio <= 0.4)})`,
    );
    console.log(
      `  backup, passphrase (scrypt 2^18)    ${passBackup.toFixed(0)} ms; age -p on the same plaintext ${ageEncrypt.toFixed(0)} ms; ratio ${(passBackup / ageEncrypt).toFixed(2)} (target ≤ 1.5: ${verdict(passBackup / ageEncrypt <= 1.5)})`,
    );
    console.log(
      `  restore preview, passphrase         ${passRestore.toFixed(0)} ms; age -d on the same file ${ageDecrypt.toFixed(0)} ms; ratio ${(passRestore / ageDecrypt).toFixed(2)} (target ≤ 1.5: ${verdict(passRestore / ageDecrypt <= 1.5)})`,
    );
    console.log(
      `  worst event-loop delay, core: passphrase backup ${loopBackup.toFixed(0)} ms (target ≤ 50: ${verdict(loopBackup <= 50)}), restore of ${COUNT} keys ${loopRestore.toFixed(0)} ms (target ≤ 50: ${verdict(loopRestore <= 50)})`,
    );
  } finally {
    for (const e of [from, to, toPrevious, loop, dry]) await clear(e.JAAS_KEYS_SERVICE).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}
