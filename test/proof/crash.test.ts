import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyManager } from '../../src/core/keyManager';
import { sshFingerprint } from '../../src/core/keys/fingerprint';
import type { KeyRecord } from '../../src/shared/keys';
import { CLI } from '../support/cli';
import { clearService, sandbox, type Sandbox } from '../support/fixtures';
import { seeded, seedFromEnv } from './random';
import { KEYCHAIN_FORMAT_FILE } from '../../src/core/keychain/migration';
import { Vault } from '../../src/core/keychain/vault';
import { putFormat1 } from '../support/legacyVault';

// Crash safety, proven with SIGKILL (issue 12): jaas-keys commands, and the
// window's dispatcher, run in child processes against the real keychain and are
// killed at random moments of their work. After every kill the key list must open,
// every key a command reported made must still be there with its private key,
// doctor's findings must name every leftover and recover/purge must clean each up,
// and no file in the data folder may hold private material. Token counts (`token`,
// the window's createToken, and `serve`, killed while it answers requests) may lag
// after a kill but never go back, and a finished command's tokens are all counted.
// JAAS_CRASH_SEED reproduces a run; JAAS_CRASH_KILLS raises the count for a long run.

const SEED = seedFromEnv('JAAS_CRASH_SEED');
const KILLS = Number(process.env.JAAS_CRASH_KILLS ?? 200);
const BOUND_MS = Number(process.env.JAAS_CRASH_SECONDS ?? 600) * 1000;
const APP_IDS = [
  'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe',
  'vpaas-magic-cookie-0123456789abcdef0123456789abcdef',
];
const DISPATCH = join(process.cwd(), 'test', 'proof', 'dispatchOnce.mts');

interface Outcome {
  killed: boolean;
  status: number | null;
  stdout: string;
}

interface Operation {
  name: string;
  command: string[];
  started?: () => void;
  done?: (out: Outcome) => void;
  /** An operation that ends only when stopped (serve): runs it, and kills it or stops it cleanly. */
  run?: (kill: boolean) => Promise<Outcome>;
}

describe('crash safety under SIGKILL', () => {
  let box: Sandbox;
  afterAll(() => box?.cleanup());

  it(
    `keeps every key through ${KILLS} kills (seed printed below)`,
    async () => {
      console.log(`crash campaign: seed ${SEED} (JAAS_CRASH_SEED=${SEED} reproduces it), ${KILLS} kills`);
      const random = seeded(SEED);
      box = await sandbox();
      const keys = new KeyManager({ dataDir: box.dataDir, store: box.store });
      const env = { ...process.env, JAAS_KEYS_DATA_DIR: box.dataDir, JAAS_KEYS_SERVICE: box.service };
      const backups = join(box.dataDir, '..', `${box.service}-backups`);
      await mkdir(backups, { recursive: true });
      // Keys to import: the fixture's four real 4096-bit keys, each in a file of its own.
      const sources: Array<{ path: string; fingerprint: string; pem: string }> = [];
      for (const [n, pem] of Object.values(
        JSON.parse(
          await readFile(join(process.cwd(), 'test', 'fixtures', 'catalog-v1', 'secrets.json'), 'utf8'),
        ) as Record<string, string>,
      ).entries()) {
        const path = join(backups, `source-${n}.pem`);
        await writeFile(path, pem);
        sources.push({ path, pem, fingerprint: sshFingerprint(createPrivateKey(pem)) });
      }
      const recipient = await keys.backups.recipient();
      const expected = new Set<string>();
      /** Keys a killed purge was working on: their secret may be gone while the list still has them. */
      const purging = new Set<string>();
      const durations = new Map<string, number>();
      const tally = {
        kills: 0,
        completed: 0,
        findings: 0,
        recovered: 0,
        purgedLeftovers: 0,
        downgraded: 0,
        byOp: {} as Record<string, number>,
      };
      let backupCount = 0;
      /** Per listed key, the fewest tokens its count may show: what it showed last, plus tokens since handed out by finished commands. */
      const tokenFloor = new Map<string, number>();
      const countTokens = (id: string, made: number) => tokenFloor.set(id, (tokenFloor.get(id) ?? 0) + made);

      /** Runs one process; kills it after `killAfter` ms unless it ends first. */
      function runProcess(command: string[], killAfter: number | null): Promise<Outcome> {
        return new Promise((resolve) => {
          const child = spawn(command[0]!, command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
          let stdout = '';
          let killed = false;
          child.stdout.on('data', (chunk) => (stdout += chunk));
          const timer =
            killAfter === null
              ? null
              : setTimeout(() => {
                  killed = child.kill('SIGKILL');
                }, killAfter);
          child.on('exit', (status) => {
            if (timer) clearTimeout(timer);
            resolve({ killed: killed && status === null, status, stdout });
          });
        });
      }

      const cli = (...args: string[]) => [process.execPath, CLI, ...args];
      const window = (method: string, input: unknown) => [
        process.execPath,
        '--import',
        'tsx',
        DISPATCH,
        method,
        JSON.stringify(input),
      ];
      const pick = (list: KeyRecord[], test: (key: KeyRecord) => boolean) => random.pick(list.filter(test));

      /** The next operation, chosen from what the current keys allow. */
      async function nextOperation(): Promise<Operation | null> {
        const all = await keys.list({ all: true });
        const live = all.filter((key) => key.status !== 'trashed');
        // Past a dozen keys, making and restoring give way to deleting and purging, so each step stays quick.
        const roll = all.length > 12 && random.next() < 0.6 ? 0.58 + random.next() * 0.22 : random.next();
        const label = `k ${random.hex(6)}`;
        const signer = pick(live, (k) => k.status === 'active');
        if (signer && random.next() < 0.12) return tokenOperation(signer);
        if (roll < 0.18) {
          const fingerprints = new Set(all.map((key) => key.fingerprint));
          const source = random.pick(sources.filter((candidate) => !fingerprints.has(candidate.fingerprint)));
          if (!source) return null;
          const viaWindow = random.next() < 0.3;
          return {
            name: viaWindow ? 'window importKey' : 'import',
            command: viaWindow
              ? window('importKey', { text: source.pem, label })
              : cli('import', source.path, '--label', label, '--json'),
            done: (out) => {
              const id = viaWindow ? JSON.parse(out.stdout).value?.key?.id : JSON.parse(out.stdout).id;
              if (id) expected.add(id);
            },
          };
        }
        if (roll < 0.32) {
          const key = pick(live, (k) => k.status !== 'retired');
          const appId = key?.appId ?? random.pick(APP_IDS)!;
          if (!key) return null;
          return random.next() < 0.3
            ? {
                name: 'window recordKid',
                command: window('recordKid', { id: key.id, kid: `${appId}/${random.hex(6)}` }),
              }
            : { name: 'kid', command: cli('kid', key.id, `${appId}/${random.hex(6)}`) };
        }
        if (roll < 0.42) {
          const key = random.pick(live);
          return key ? { name: 'rename', command: cli('rename', key.id, label) } : null;
        }
        if (roll < 0.48) {
          const key = pick(live, (k) => k.status === 'active' && !k.current);
          return key
            ? {
                name: 'activate',
                command: random.next() < 0.3 ? window('activateKey', { id: key.id }) : cli('activate', key.id),
              }
            : null;
        }
        if (roll < 0.54) {
          const key = pick(live, (k) => k.status !== 'retired');
          return key ? { name: 'retire', command: cli('retire', key.id, '--yes') } : null;
        }
        if (roll < 0.58) {
          const key = pick(live, (k) => k.status === 'retired');
          return key ? { name: 'unretire', command: cli('unretire', key.id) } : null;
        }
        if (roll < 0.66) {
          const key = random.pick(live);
          return key
            ? {
                name: 'rm',
                command: random.next() < 0.3 ? window('deleteKey', { id: key.id }) : cli('rm', key.id, '--yes'),
              }
            : null;
        }
        if (roll < 0.7) {
          const key = pick(all, (k) => k.status === 'trashed');
          return key ? { name: 'undelete', command: cli('undelete', key.id) } : null;
        }
        if (roll < 0.8) {
          const key = pick(all, (k) => k.status === 'trashed');
          if (!key) return null;
          const viaWindow = random.next() < 0.3;
          return {
            name: viaWindow ? 'window purgeKey' : 'purge',
            command: viaWindow
              ? window('purgeKey', { id: key.id, confirmation: key.label })
              : cli('purge', key.id, '--yes'),
            started: () => purging.add(key.id),
            done: (out) => {
              if (!viaWindow || JSON.parse(out.stdout).ok) expected.delete(key.id);
            },
          };
        }
        if (roll < 0.87) {
          if (live.length === 0) return null;
          return {
            name: 'backup',
            command: cli('backup', '--out', join(backups, `b${backupCount++}.age`), '--recipient', recipient),
          };
        }
        if (roll < 0.95) {
          const files = (await readdir(backups)).filter((name) => name.endsWith('.age'));
          const file = random.pick(files);
          return file
            ? {
                name: 'restore',
                command: cli('restore', join(backups, file), '--json'),
                done: (out) => {
                  for (const item of JSON.parse(out.stdout) as Array<{ id: string; outcome: string }>)
                    if (item.outcome === 'restored') expected.add(item.id);
                },
              }
            : null;
        }
        const key = pick(live, (k) => k.appId !== null && k.status !== 'retired');
        if (key && random.next() < 0.5)
          return {
            name: 'rotate',
            command: cli('rotate', key.id, '--json'),
            done: (out) => void expected.add(JSON.parse(out.stdout).key.id),
          };
        return {
          name: 'new',
          command: cli('new', '--label', label, '--json'),
          done: (out) => void expected.add(JSON.parse(out.stdout).id),
        };
      }

      /** Token counts are written when a token is made (`token`, createToken) and every 2 s and on stop (`serve`). */
      function tokenOperation(key: KeyRecord): Operation {
        const roll = random.next();
        if (roll < 0.4)
          return {
            name: 'token',
            command: cli('token', key.id, '--room', 'crash', '--json'),
            done: () => countTokens(key.id, 1),
          };
        if (roll < 0.6) {
          const options = { room: 'crash', moderator: false, features: [], lifetimeSeconds: 600, nbfSkewSeconds: 0 };
          return {
            name: 'window createToken',
            command: window('createToken', { id: key.id, options }),
            done: (out) => void (JSON.parse(out.stdout).ok && countTokens(key.id, 1)),
          };
        }
        return {
          name: 'serve',
          command: cli('serve', key.id, '--json'),
          run: (kill) => serveUntilStopped(key.id, kill),
        };
      }

      /** `serve`: asks for tokens until, 0.3-3.5 s after it listens (across the 2 s flush), it is killed or stopped with SIGTERM. */
      function serveUntilStopped(id: string, kill: boolean): Promise<Outcome> {
        return new Promise((resolve) => {
          const child = spawn(process.execPath, [CLI, 'serve', id, '--json'], {
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let stdout = '';
          let served = 0;
          let stopping = false;
          child.stdout.on('data', async (chunk) => {
            const first = stdout === '';
            stdout += chunk;
            if (!first) return;
            const { url, secret } = JSON.parse(stdout.split('\n')[0]!) as { url: string; secret: string };
            setTimeout(
              () => {
                stopping = true;
                child.kill(kill ? 'SIGKILL' : 'SIGTERM');
              },
              300 + random.int(3200),
            );
            while (!stopping) {
              const answer = await fetch(`${url}/token`, {
                method: 'POST',
                headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
                body: '{"room":"crash"}',
              }).catch(() => null);
              if (answer?.ok) served++;
            }
          });
          child.on('exit', (status, signal) => {
            // Stopped cleanly, it flushed on close: every token it handed out is counted.
            if (status === 0) countTokens(id, served);
            resolve({ killed: signal === 'SIGKILL', status, stdout });
          });
        });
      }

      /** After every process: the invariants, then doctor's leftovers cleaned up as a person would. */
      async function check(after: string, readEverySecret: boolean): Promise<void> {
        const all = await keys.list({ all: true }); // the key list opens (and is not refused as damaged)
        const ids = new Set(all.map((key) => key.id));
        for (const id of expected) {
          // A purge killed at its very end may have finished: the person asked for that key to go.
          if (purging.has(id) && !ids.has(id)) {
            expected.delete(id);
            continue;
          }
          expect(ids.has(id), `${after}: key ${id}, reported made, is gone`).toBe(true);
        }
        for (const key of all) {
          expect(key.tokensSigned, `${after}: the token count of ${key.id} went back`).toBeGreaterThanOrEqual(
            tokenFloor.get(key.id) ?? 0,
          );
          tokenFloor.set(key.id, key.tokensSigned);
        }
        for (const id of tokenFloor.keys()) if (!ids.has(id)) tokenFloor.delete(id);
        const findings = await keys.reconcile();
        tally.findings += findings.length;
        // A purge killed half way through the chunks shows twice: a trashed entry without its secret,
        // and the chunks left; finishing the purge clears both.
        const handled = new Set<string>();
        for (const finding of findings) {
          if (handled.has(finding.id)) continue;
          handled.add(finding.id);
          if (finding.kind === 'entry_without_secret') {
            // Only a purge killed between the keychain and the list leaves this: a trashed key the person
            // was purging, whose purge then finishes. Any other key without its secret would be a lost key.
            expect(all.find((key) => key.id === finding.id)?.status, `${after}: ${finding.message}`).toBe('trashed');
            expect(purging.has(finding.id), `${after}: ${finding.id} lost its secret without a purge`).toBe(true);
            await keys.lifecycle.purge(finding.id);
            expected.delete(finding.id);
            // Gone for good: a later restore may bring it back with the count its backup recorded.
            tokenFloor.delete(finding.id);
            tally.purgedLeftovers++;
          } else if (finding.kind === 'secret_without_entry') {
            await keys
              .recover(finding.id, `recovered ${finding.id.slice(0, 8)} ${random.hex(4)}`)
              .catch(async (error: { code?: string }) => {
                // A secret whose key is listed under another id (a restore killed mid-way): a duplicate, so remove it.
                if (error.code !== 'key_exists') throw error;
                await keys.lifecycle.purge(finding.id);
                tokenFloor.delete(finding.id);
              });
            tally.recovered++;
          } else {
            await keys.lifecycle.purge(finding.id);
            tokenFloor.delete(finding.id);
            tally.purgedLeftovers++;
          }
        }
        expect(await keys.reconcile(), `${after}: doctor still finds leftovers after cleanup`).toEqual([]);
        // Reconcile above saw every listed key's manifest; every tenth check (and the last) also reads each
        // private key back whole, chunks and checksum, which grows costly as keys accumulate.
        if (readEverySecret) {
          for (const key of await keys.list({ all: true }))
            expect((await keys.privateKey(key.id)).key.asymmetricKeyDetails?.modulusLength).toBe(4096);
        }
        for (const entry of await readdir(box.dataDir, { recursive: true })) {
          const text = await readFile(join(box.dataDir, String(entry)), 'utf8').catch(() => '');
          expect(text, `${after}: ${entry} holds private material`).not.toMatch(/PRIVATE KEY|AGE-SECRET-KEY/);
        }
      }

      /** Puts up to `count` listed keys' secrets back in format 1 (chunks and a manifest) and forgets that the migration ran. */
      async function asEarlierRelease(count: number): Promise<number> {
        const vault = new Vault(box.store);
        let done = 0;
        for (const key of (await keys.list({ all: true })).slice(0, count)) {
          const pem = await vault.get(key.id).catch(() => null);
          if (pem === null) continue;
          await putFormat1(box.store, key.id, pem);
          done++;
        }
        await rm(join(box.dataDir, KEYCHAIN_FORMAT_FILE), { force: true });
        return done;
      }

      let checks = 0;
      const started = performance.now();
      while (tally.kills < KILLS && performance.now() - started < BOUND_MS) {
        // Now and then some keys go back to the chunked form of the release before keychain format 2, so
        // the next command's first key list write migrates them, and kills land inside migrations too.
        if (random.next() < 0.15) tally.downgraded += await asEarlierRelease(random.next() < 0.5 ? 1 : 3);
        const op = await nextOperation();
        if (!op) continue;
        const learned = durations.get(op.name);
        const kill = learned !== undefined && random.next() < 0.8;
        op.started?.();
        const begin = performance.now();
        // Most of a command's time is Node starting; its writes come at the end, so kills lean late.
        const out = op.run
          ? await op.run(random.next() < 0.7)
          : await runProcess(
              op.command,
              kill ? learned * (random.next() < 0.2 ? random.next() : 0.45 + 0.65 * random.next()) : null,
            );
        if (!kill && out.status === 0) durations.set(op.name, Math.max(learned ?? 0, performance.now() - begin));
        if (out.killed) {
          tally.kills++;
          tally.byOp[op.name] = (tally.byOp[op.name] ?? 0) + 1;
        } else {
          tally.completed++;
          if (out.status === 0 && op.done) op.done(out);
        }
        await check(`${op.name}${out.killed ? ' (killed)' : ''}`, ++checks % 10 === 0);
      }
      await check('the end', true);
      // A fresh process (a new KeyManager) migrates whatever a killed migration left; then nothing is in the old form.
      await new KeyManager({ dataDir: box.dataDir, store: box.store }).catalog.update(() => undefined);
      expect(await new Vault(box.store).oldForm()).toEqual({ chunked: [], leftovers: [] });
      // Temporary files of killed list writes are removed by the next write, under the lock.
      await keys.catalog.update(() => undefined);
      expect((await readdir(box.dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      console.log(
        `crash campaign: seed ${SEED}: ${tally.kills} kills, ${tally.completed} completed, ${tally.findings} findings (${tally.recovered} recovered, ${tally.purgedLeftovers} purged), ${tally.downgraded} keys put back in the old keychain form, ${Math.round((performance.now() - started) / 1000)} s; kills by operation ${JSON.stringify(tally.byOp)}`,
      );
      expect(tally.kills).toBeGreaterThanOrEqual(KILLS);
      await clearService(box.service);
    },
    BOUND_MS + 300_000,
  );
});
