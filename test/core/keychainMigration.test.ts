import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareBaseline } from '../../bench/baseline';
import { KEYCHAIN_FORMAT_FILE } from '../../src/core/keychain/migration';
import { Vault } from '../../src/core/keychain/vault';
import { runJaasKeys } from '../support/cli';
import { APP_ID, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { putFormat1 } from '../support/legacyVault';

/** The last commit whose keychain format was 1 (chunks and a manifest): the release before this one. */
const PREVIOUS_RELEASE = 'ab481fc';

// Keys an earlier release kept in chunks move to one keychain item at the first key list
// write, with byte-identical exports (openssl is the judge). The crash campaign
// (test/proof/crash.test.ts) kills the migration at random moments on top of this.

/** Puts every listed key's secret back in the chunked form, as the release before format 2 left it. */
async function asEarlierRelease(box: Sandbox): Promise<void> {
  const vault = new Vault(box.store);
  for (const key of await box.keys.list({ all: true })) {
    const pem = (await vault.get(key.id))!;
    await box.store.delete(key.id);
    await putFormat1(box.store, key.id, pem);
  }
  await rm(join(box.dataDir, KEYCHAIN_FORMAT_FILE), { force: true });
}

describe('keychain format 2: one item per key', () => {
  let box: Sandbox;
  afterEach(() => box?.cleanup());

  it('migrates chunked keys at the first key list write, exports unchanged, doctor clean', async () => {
    box = await sandbox();
    const a = await box.keys.generate({ label: 'a' });
    const b = await box.keys.generate({ label: 'b' });
    await box.keys.lifecycle.trash(b.id);
    await asEarlierRelease(box);
    const env = { ...process.env, JAAS_KEYS_DATA_DIR: box.dataDir, JAAS_KEYS_SERVICE: box.service };
    const out = await tempDir();
    const exportBoth = async (suffix: string) => {
      for (const [id, form] of [
        [a.id, []],
        [a.id, ['--pkcs8']],
      ] as const) {
        const path = join(out, `${id}-${form.length}-${suffix}.pem`);
        expect((await runJaasKeys(['export-private', id, '--out', path, ...form], env)).status).toBe(0);
      }
    };
    const before = JSON.parse((await runJaasKeys(['doctor', '--json'], env)).stdout);
    expect(before.oldForm).toBe(2);
    expect((await keytar.findCredentials(box.service)).length).toBeGreaterThan(4);

    // export-private writes the history: the first key list write, which migrates.
    await exportBoth('after');
    const accounts = (await keytar.findCredentials(box.service)).map((c) => c.account).sort();
    expect(accounts).toEqual([a.id, b.id].sort());
    expect(JSON.parse((await runJaasKeys(['doctor', '--json'], env)).stdout)).toMatchObject({
      oldForm: 0,
      findings: [],
    });
    await readFile(join(box.dataDir, KEYCHAIN_FORMAT_FILE), 'utf8');

    // The same key, byte for byte: PKCS#1 as ssh-keygen -m PEM writes it and PKCS#8, each judged by openssl.
    for (const form of [0, 1]) {
      const text = await readFile(join(out, `${a.id}-${form}-after.pem`), 'utf8');
      const judged = execFileSync('openssl', [
        'pkey',
        '-in',
        join(out, `${a.id}-${form}-after.pem`),
        '-pubout',
      ]).toString();
      expect(judged).toBe(await box.keys.publicPem(a.id));
      expect(text).toMatch(form === 0 ? /^-----BEGIN RSA PRIVATE KEY-----/ : /^-----BEGIN PRIVATE KEY-----/);
    }
  });

  it('an earlier release meets a format 2 item with one clear line, no stack trace, and does not call it missing', async () => {
    const baseline = await prepareBaseline(PREVIOUS_RELEASE);
    if ('problem' in baseline)
      return console.log(`skipped: the earlier release could not be built here (${baseline.problem})`);
    box = await sandbox();
    const key = await box.keys.generate({ label: 'new form' });
    await box.keys.recordKid(key.id, `${APP_ID}/dd0001`);
    const env = { ...process.env, JAAS_KEYS_DATA_DIR: box.dataDir, JAAS_KEYS_SERVICE: box.service };
    const old = spawnSync(process.execPath, [join(baseline.dir, 'bin', 'jaas-keys.js'), 'token', key.id], {
      env,
      encoding: 'utf8',
    });
    expect(old.status).toBe(1);
    expect(old.stderr.trim().split('\n')).toHaveLength(1);
    expect(old.stderr).toMatch(/not in a format this app wrote/);
    expect(old.stderr).not.toMatch(/missing|not found|\n\s+at /i);
  });
});
