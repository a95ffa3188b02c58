import keytar from 'keytar';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyManager } from '../../src/core/keyManager';
import { assertCanSign } from '../../src/core/lifecycle/lifecycle';
import { resolveKey } from '../../src/core/catalog/resolveKey';
import type { KeyRecord } from '../../src/shared/keys';
import { APP_ID, sandbox, type Sandbox } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';

const APP_B = 'vpaas-magic-cookie-0123456789abcdef0123456789abcdef';
const kid = (appId: string, suffix: string) => `${appId}/${suffix}`;
const TOKEN = { room: '*', moderator: false, features: [], lifetimeSeconds: 3 * 3600, nbfSkewSeconds: 10 };

// Two AppIDs, several keys each, a whole rotation, the trash and the history, on the real keychain.
describe('key lifecycle', () => {
  let box: Sandbox;
  let clock = Date.parse('2026-11-01T09:00:00Z');
  let keys: KeyManager;
  let prod: KeyRecord;
  let staging: KeyRecord;
  const tick = () => (clock += 60_000);

  beforeAll(async () => {
    box = await sandbox();
    keys = new KeyManager({
      dataDir: box.dataDir,
      store: box.store,
      now: () => new Date(clock),
      generateKey: pooledKey,
    });
    prod = await keys.generate({ label: 'prod' });
    staging = await keys.generate({ label: 'staging', appId: APP_B });
  });
  afterAll(() => box.cleanup());

  it('a new key needs a kid; recording one makes it active and current of an AppID that had none', async () => {
    expect(prod).toMatchObject({ status: 'needs-kid', current: false, tokensSigned: 0 });
    await expect(keys.makeToken(prod.id, TOKEN)).rejects.toMatchObject({ code: 'no_kid' });
    await expect(keys.lifecycle.activate(prod.id)).rejects.toMatchObject({ code: 'no_kid' });
    await expect(keys.makeToken(APP_ID, TOKEN)).rejects.toMatchObject({
      code: 'no_current_key',
      message: expect.stringContaining(APP_ID),
    });
    tick();
    prod = await keys.recordKid(prod.id, kid(APP_ID, 'aa0001'));
    expect(prod).toMatchObject({ status: 'active', current: true, appId: APP_ID });
    staging = await keys.recordKid(staging.id, kid(APP_B, 'bb0001'));
    expect(staging).toMatchObject({ status: 'active', current: true });
  });

  it('signs by AppID with its current key, and counts tokens without recording them', async () => {
    const made = await keys.makeToken(APP_ID, TOKEN);
    expect(made.header.kid).toBe(kid(APP_ID, 'aa0001'));
    expect((await keys.makeToken(APP_B, TOKEN)).header.kid).toBe(kid(APP_B, 'bb0001'));
    const after = await keys.resolve(prod.id);
    expect(after).toMatchObject({
      tokensSigned: 1,
      lastTokenAt: new Date(clock).toISOString(),
      longestTokenSeconds: 3 * 3600,
    });
    expect(JSON.stringify(await keys.history())).not.toContain(made.token.slice(0, 40));
  });

  it('rotates without a moment in which no key signs for the AppID', async () => {
    const signs = async () => (await keys.makeToken(APP_ID, TOKEN)).header.kid;
    const { old, key: next, waitSeconds } = await keys.rotate(APP_ID);
    expect(old.id).toBe(prod.id);
    expect(next).toMatchObject({ appId: APP_ID, status: 'needs-kid', rotationOf: prod.id, label: 'prod 2026-11-01' });
    expect(waitSeconds).toBe(3 * 3600);
    expect(await signs()).toBe(kid(APP_ID, 'aa0001'));
    tick();
    const recorded = await keys.recordKid(next.id, kid(APP_ID, 'aa0002'));
    expect(recorded).toMatchObject({ status: 'active', current: false });
    expect(await signs()).toBe(kid(APP_ID, 'aa0001'));
    const { previous } = await keys.lifecycle.activate(next.id);
    expect(previous).toMatchObject({ id: prod.id, status: 'active', current: false });
    expect(await signs()).toBe(kid(APP_ID, 'aa0002'));
    // The old key still signs when named: tokens it made keep working until it is retired.
    expect((await keys.makeToken(prod.id, TOKEN)).header.kid).toBe(kid(APP_ID, 'aa0001'));
    await keys.lifecycle.retire(prod.id);
    await expect(keys.makeToken(prod.id, TOKEN)).rejects.toMatchObject({ code: 'key_retired' });
    await expect(keys.lifecycle.activate(prod.id)).rejects.toMatchObject({ code: 'key_retired' });
    await expect(keys.rotate(prod.id)).rejects.toMatchObject({ code: 'key_retired' });
    expect(await signs()).toBe(kid(APP_ID, 'aa0002'));
    // At most one current key per AppID, always.
    const current = (await keys.list())
      .filter((key) => key.current)
      .map((key) => key.appId)
      .sort();
    expect(current).toEqual([APP_B, APP_ID].sort());
  });

  it('retiring the current key leaves its AppID without one, and unretire gives it back', async () => {
    const { wasCurrent } = await keys.lifecycle.retire(staging.id);
    expect(wasCurrent).toBe(true);
    await expect(keys.makeToken(APP_B, TOKEN)).rejects.toMatchObject({ code: 'no_current_key' });
    const back = await keys.lifecycle.unretire(staging.id);
    expect(back).toMatchObject({ status: 'active', current: true, retiredAt: null });
    await expect(keys.lifecycle.unretire(staging.id)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('refuses to rotate a key with no AppID', async () => {
    const loose = await keys.generate({ label: 'loose' });
    await expect(keys.rotate(loose.id)).rejects.toMatchObject({ code: 'no_app_id' });
  });

  it('deletes to the trash, keeps the secret, and undeletes with the status it had', async () => {
    const before = (await keytar.findCredentials(box.service)).length;
    const trashed = await keys.lifecycle.trash(staging.id);
    expect(trashed).toMatchObject({
      status: 'trashed',
      current: false,
      statusBeforeTrash: 'active',
      trashedAt: new Date(clock).toISOString(),
    });
    expect(Date.parse(trashed.purgeAfter!) - clock).toBe(30 * 24 * 3600 * 1000);
    expect((await keytar.findCredentials(box.service)).length).toBe(before);
    expect((await keys.list()).map((k) => k.id)).not.toContain(staging.id);
    expect((await keys.list({ trash: true })).map((k) => k.id)).toEqual([staging.id]);
    await expect(keys.makeToken(staging.id, TOKEN)).rejects.toMatchObject({ code: 'key_trashed' });
    await expect(keys.lifecycle.activate(staging.label)).rejects.toMatchObject({ code: 'key_trashed' });
    await expect(keys.lifecycle.purge('loose')).rejects.toMatchObject({
      code: 'not_in_trash',
      message: expect.stringMatching(/Delete it first/),
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const back = await keys.lifecycle.undelete('staging');
    expect(back).toMatchObject({ status: 'active', current: true, trashedAt: null, purgeAfter: null });
  });

  it('refuses to undelete over a label or kid another key took meanwhile, naming it', async () => {
    await keys.lifecycle.trash('staging');
    const other = await keys.generate({ label: 'staging' });
    await expect(keys.lifecycle.undelete(staging.id)).rejects.toMatchObject({
      code: 'label_taken',
      message: expect.stringContaining(other.id),
      keyId: other.id,
    });
    await keys.rename(other.id, 'staging two');
    await keys.recordKid(other.id, kid(APP_B, 'bb0001'));
    await expect(keys.lifecycle.undelete(staging.id)).rejects.toMatchObject({
      code: 'kid_in_use',
      message: expect.stringContaining('staging two'),
    });
    expect((await keys.resolve(staging.id, 'trash')).status).toBe('trashed');
  });

  it('purges a trashed key for good and keeps its history, found by its kid', async () => {
    await keys.lifecycle.purge(staging.id);
    expect((await keytar.findCredentials(box.service)).some((c) => c.account.startsWith(staging.id))).toBe(false);
    expect((await keys.history(staging.id))[0]).toMatchObject({
      event: 'purged',
      keyId: staging.id,
      detail: { label: 'staging', kid: kid(APP_B, 'bb0001') },
    });
    // The retired key of the rotation, purged: "which key was this kid?" still has an answer.
    await keys.lifecycle.trash(prod.id);
    await keys.lifecycle.purge(prod.id);
    const history = await keys.history(kid(APP_ID, 'aa0001'));
    // Newest first: the purge, which names the key as it was.
    expect(history[0]).toMatchObject({
      event: 'purged',
      keyId: prod.id,
      detail: { label: 'prod', kid: kid(APP_ID, 'aa0001'), fingerprint: prod.fingerprint },
    });
    expect(history.at(-1)).toMatchObject({ event: 'created', keyId: prod.id });
  });

  it('purges keys whose 30 days have passed when the list is opened', async () => {
    const doomed = await keys.generate({ label: 'doomed' });
    await keys.lifecycle.trash(doomed.id);
    clock += 29 * 24 * 3600 * 1000;
    expect((await keys.list({ trash: true })).map((k) => k.id)).toContain(doomed.id);
    clock += 2 * 24 * 3600 * 1000;
    expect((await keys.list({ trash: true })).map((k) => k.id)).not.toContain(doomed.id);
    expect((await keytar.findCredentials(box.service)).some((c) => c.account.startsWith(doomed.id))).toBe(false);
    expect((await keys.history(doomed.id))[0]).toMatchObject({ event: 'purged' });
  });

  it('records every change in the history, and nothing secret', async () => {
    const events = new Set((await keys.history()).map((entry) => entry.event));
    for (const event of [
      'created',
      'kid-recorded',
      'kid-changed',
      'made-current',
      'retired',
      'unretired',
      'trashed',
      'undeleted',
      'purged',
      'renamed',
    ] as const) {
      if (event === 'kid-changed') continue; // below
      expect(events).toContain(event);
    }
    await keys.recordKid('staging two', kid(APP_B, 'bb0002'));
    expect((await keys.history('staging two'))[0]).toMatchObject({
      event: 'kid-changed',
      detail: { note: `was ${kid(APP_B, 'bb0001')}` },
    });
    const file = await readFile(join(box.dataDir, 'keys.json'), 'utf8');
    expect(file).not.toMatch(/PRIVATE KEY/);
  });
});

describe('what a status does not allow, each refusal naming the way out', () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await sandbox();
  });
  afterAll(() => box.cleanup());

  it('refuses to sign with a retired or trashed key, to retire twice, and to unretire a key that is not retired', async () => {
    const keys = new KeyManager({ dataDir: box.dataDir, store: box.store, generateKey: pooledKey });
    const key = await keys.generate({ label: 'k' });
    await expect(keys.lifecycle.unretire(key.id)).rejects.toMatchObject({
      code: 'invalid_input',
      message: '"k" is not retired (it is needs-kid).',
    });
    await keys.recordKid(key.id, kid(APP_ID, 'cc0001'));
    await keys.lifecycle.retire(key.id);
    await expect(keys.makeToken(key.id, TOKEN)).rejects.toMatchObject({
      code: 'key_retired',
      message: `"k" is retired and does not sign. Use the current key of ${APP_ID}, or unretire it.`,
      keyId: key.id,
    });
    await expect(keys.lifecycle.retire(key.id)).rejects.toMatchObject({
      code: 'key_retired',
      message: '"k" is already retired.',
    });
    expect(await keys.lifecycle.unretire(key.id)).toMatchObject({ status: 'active', retiredAt: null, current: true });
    await keys.lifecycle.trash(key.id);
    await expect(keys.makeToken(key.id, TOKEN)).rejects.toMatchObject({
      code: 'key_trashed',
      message: `"${key.id}" is in the trash. Undelete it first.`,
      keyId: key.id,
    });
    // Found in the trash on purpose, the key itself still refuses to sign.
    const inTrash = resolveKey(await keys.catalog.read(), key.id, 'trash');
    expect(() => assertCanSign(inTrash)).toThrow(
      expect.objectContaining({
        code: 'key_trashed',
        message: `"k" is in the trash and does not sign. Undelete it first.`,
        keyId: key.id,
      }),
    );
    expect(await keys.lifecycle.undelete(key.id)).toMatchObject({
      status: 'active',
      statusBeforeTrash: null,
      trashedAt: null,
      purgeAfter: null,
    });
    expect((await keys.history(key.id))[0]).toMatchObject({ event: 'made-current' });
    expect((await keys.history(key.id))[1]).toMatchObject({ event: 'undeleted', detail: { note: 'back as active' } });
  });
});
