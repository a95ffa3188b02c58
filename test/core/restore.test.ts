import { join } from 'node:path';
import { readFile, stat, writeFile } from 'node:fs/promises';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyManager } from '../../src/core/keyManager';
import type { RestoreItem } from '../../src/shared/backup';
import type { KeyRecord } from '../../src/shared/keys';
import { APP_ID, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';

// Which keys a backup holds, and where each key of a backup lands on a computer
// that already has keys: every conflict a restore resolves (a label, an id, a Key
// ID, a current key, the same key already here, the trash), each with the words the
// person reads, checked on the real keychain. The backups are locked to the target
// computer's own age recipient (X25519), so no scrypt slows these tests down.

const APP_B = 'vpaas-magic-cookie-0123456789abcdef0123456789abcdef';
const MADE_AT = '2026-10-01T08:00:00.000Z';

describe('backing up and restoring among keys that are already there', () => {
  let source: Sandbox;
  let target: Sandbox;
  let from: KeyManager;
  let dir: string;
  const made: Record<string, KeyRecord> = {};

  /** A backup of `from`'s keys, chosen as `options` say, that the target computer can open. */
  async function backupFile(
    name: string,
    options: { refs?: string[]; includeTrash?: boolean; force?: boolean; to?: Sandbox } = {},
  ): Promise<{ text: string; keys: KeyRecord[] }> {
    const path = join(dir, `${name}.age`);
    const { to = target, ...choice } = options;
    const keys = await from.backups.write(path, {
      ...choice,
      lock: { recipients: [await to.keys.backups.recipient()] },
    });
    return { text: await readFile(path, 'utf8'), keys };
  }
  const outcomes = (items: RestoreItem[]) =>
    items.map(({ label, outcome, restoredAs, reason }) => ({ label, outcome, restoredAs, reason }));

  beforeAll(async () => {
    [source, target] = await Promise.all([sandbox(), sandbox()]);
    dir = await tempDir();
    from = new KeyManager({
      dataDir: source.dataDir,
      store: source.store,
      now: () => new Date(MADE_AT),
      generateKey: pooledKey,
    });
    made.alpha = await from.recordKid((await from.generate({ label: 'alpha' })).id, `${APP_ID}/aa0001`);
    made.beta = await from.generate({ label: 'beta' });
    made.gamma = await from.recordKid((await from.generate({ label: 'gamma' })).id, `${APP_B}/cc0001`);
    made.delta = await from.recordKid((await from.generate({ label: 'delta' })).id, `${APP_ID}/dd0001`);
    await from.lifecycle.trash(made.gamma.id);
  });
  afterAll(() => Promise.all([source.cleanup(), target.cleanup()]));

  it('holds the keys not in the trash by default, the trash on request, or the keys named; and records when each was backed up', async () => {
    const live = await backupFile('live');
    expect(live.keys.map((key) => key.label)).toEqual(['alpha', 'beta', 'delta']);
    expect(live.keys.every((key) => key.lastBackupAt === MADE_AT)).toBe(true);
    expect((await from.resolve('gamma', 'trash')).lastBackupAt).toBeNull();
    expect((await backupFile('all', { includeTrash: true })).keys.map((key) => key.label)).toEqual([
      'alpha',
      'beta',
      'gamma',
      'delta',
    ]);
    // Named keys, each once, listed in the key list's order.
    expect((await backupFile('some', { refs: ['beta', 'alpha', 'beta'] })).keys.map((key) => key.label)).toEqual([
      'alpha',
      'beta',
    ]);
    await expect(backupFile('trashed', { refs: ['gamma'] })).rejects.toMatchObject({ code: 'key_trashed' });
  });

  it('refuses to back up nothing, and a key whose secret is gone, writing no file', async () => {
    const empty = await sandbox();
    try {
      await expect(
        empty.keys.backups.write(join(dir, 'none.age'), {
          lock: { recipients: [await target.keys.backups.recipient()] },
        }),
      ).rejects.toMatchObject({ code: 'key_not_found', message: 'There are no keys to back up.' });
      const lost = await empty.keys.generate({ label: 'lost' });
      await keytar.deletePassword(empty.service, lost.id);
      await expect(
        empty.keys.backups.write(join(dir, 'lost.age'), {
          lock: { recipients: [await target.keys.backups.recipient()] },
        }),
      ).rejects.toMatchObject({
        code: 'secret_missing',
        message:
          'The private key of "lost" is not in the keychain, so it cannot be backed up. Leave it out, or check the keychain first.',
      });
      await expect(readFile(join(dir, 'lost.age'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await empty.cleanup();
    }
  });

  it('places each key around what is here, says why, and a dry run says exactly what the restore then does', async () => {
    const here = target.keys;
    // Here already: a current key of APP_ID holding delta's Key ID, keys labelled beta, "beta (restored)" and gamma, and alpha's id on another key.
    await here.recordKid((await here.generate({ label: 'local' })).id, `${APP_ID}/dd0001`);
    await here.generate({ label: 'beta' });
    await here.generate({ label: 'beta (restored)' });
    await here.generate({ label: 'gamma' });
    const squatter = await here.generate({ label: 'squatter' });
    await here.catalog.update((keys) => void (keys.find((key) => key.id === squatter.id)!.id = made.alpha!.id));
    const { text } = await backupFile('conflicts', { includeTrash: true });

    const expected = [
      {
        label: 'alpha',
        outcome: 'restored',
        restoredAs: null,
        reason: `its id is taken here, so it gets a new one; ${APP_ID} has a current key here already`,
      },
      { label: 'beta', outcome: 'restored', restoredAs: 'beta (restored 2)', reason: 'label "beta" is taken here' },
      { label: 'gamma', outcome: 'restored', restoredAs: null, reason: null },
      {
        label: 'delta',
        outcome: 'refused',
        restoredAs: null,
        reason: `its Key ID ${APP_ID}/dd0001 is recorded here for "local", a different key`,
      },
    ];
    const before = await here.list({ all: true });
    expect(outcomes(await here.backups.plan(text))).toEqual(expected);
    expect(await here.list({ all: true })).toEqual(before);
    const done = await here.backups.restore(text);
    expect(outcomes(done)).toEqual(expected);

    const alpha = await here.resolve(done[0]!.id);
    expect(alpha.id).not.toBe(made.alpha!.id);
    expect(alpha).toMatchObject({
      label: 'alpha',
      status: 'active',
      current: false,
      kid: `${APP_ID}/aa0001`,
      fingerprint: made.alpha!.fingerprint,
      source: 'restored',
      lastBackupAt: MADE_AT,
    });
    expect((await here.resolve(APP_ID)).label).toBe('local');
    expect(await here.resolve('gamma', 'trash')).toMatchObject({
      id: made.gamma!.id,
      status: 'trashed',
      statusBeforeTrash: 'active',
      current: false,
    });
    // The history comes along, each key's own and only its own, under the id it has here, with the restore at the top.
    const history = await here.history(done[1]!.id);
    expect(history.map((entry) => [entry.event, entry.keyId])).toEqual([
      ['restored', made.beta!.id],
      ['created', made.beta!.id],
    ]);
    expect(history[0]!.detail.note).toBe(`from the backup of ${MADE_AT}; label "beta" is taken here`);
    expect((await here.history(alpha.id)).map((entry) => entry.event)).toEqual([
      'restored',
      'made-current',
      'kid-recorded',
      'created',
    ]);
    // Nothing refused was stored: delta's secret is not in this keychain, and nothing is left over.
    expect(
      (await keytar.findCredentials(target.service)).map((c) => c.account).filter((a) => a.startsWith(made.delta!.id)),
    ).toEqual([]);
    // The only findings are the squatter's, made above by moving an entry off its secret.
    expect((await here.reconcile()).map((finding) => [finding.kind, finding.id])).toEqual([
      ['entry_without_secret', made.alpha!.id],
      ['secret_without_entry', squatter.id],
    ]);
  });

  it('replaces a file only when told to, keeping it private (0600)', async () => {
    await writeFile(join(dir, 'taken.age'), 'keep me');
    await expect(backupFile('taken', { refs: ['beta'] })).rejects.toMatchObject({ code: 'file_exists' });
    expect(await readFile(join(dir, 'taken.age'), 'utf8')).toBe('keep me');
    const { text } = await backupFile('taken', { refs: ['beta'], force: true });
    expect(text).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect((await stat(join(dir, 'taken.age'))).mode & 0o777).toBe(0o600);
  });

  it('makes a restored key current when only other AppIDs have one here, and gives a purged key back its history once', async () => {
    const other = await sandbox();
    try {
      await other.keys.recordKid((await other.keys.generate({ label: 'b-side' })).id, `${APP_B}/bb0001`);
      const { text } = await backupFile('to-other', { refs: ['alpha'], to: other });
      expect(outcomes(await other.keys.backups.restore(text))).toEqual([
        { label: 'alpha', outcome: 'restored', restoredAs: null, reason: null },
      ]);
      expect(await other.keys.resolve('alpha')).toMatchObject({ id: made.alpha!.id, current: true });
      expect((await other.keys.resolve(APP_B)).label).toBe('b-side');
      // Purged here, then restored from the same backup: its old entries are not written twice.
      await other.keys.lifecycle.trash('alpha');
      await other.keys.lifecycle.purge('alpha');
      await other.keys.backups.restore(text);
      const events = (await other.keys.history(made.alpha!.id)).map((entry) => entry.event);
      expect(events).toEqual(['restored', 'purged', 'trashed', 'restored', 'made-current', 'kid-recorded', 'created']);
    } finally {
      await other.cleanup();
    }
  });

  it('finds the same key already here, under its own label or another, in the trash too, and changes nothing', async () => {
    const here = target.keys;
    const { text } = await backupFile('again', { refs: ['beta'] });
    const beta = (await here.list()).find((key) => key.fingerprint === made.beta!.fingerprint)!;
    expect(outcomes(await here.backups.restore(text))).toEqual([
      {
        label: 'beta',
        outcome: 'already-here',
        restoredAs: 'beta (restored 2)',
        reason: 'already here as "beta (restored 2)"; nothing changed',
      },
    ]);
    await here.catalog.update(
      (keys) =>
        void keys.splice(
          keys.findIndex((key) => key.label === 'beta' && key.id !== beta.id),
          1,
        ),
    );
    await here.rename(beta.id, 'beta');
    expect(outcomes(await here.backups.plan(text))).toEqual([
      { label: 'beta', outcome: 'already-here', restoredAs: null, reason: 'already here as "beta"; nothing changed' },
    ]);
    await here.lifecycle.trash(beta.id);
    expect(outcomes(await here.backups.plan(text))).toEqual([
      {
        label: 'beta',
        outcome: 'already-here',
        restoredAs: null,
        reason: 'already here as "beta" (in the trash); nothing changed',
      },
    ]);
  });
});
