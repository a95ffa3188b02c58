import keytar from 'keytar';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/errors';
import { KeyManager } from '../../src/core/keyManager';
import type { SecretStore } from '../../src/core/keychain/vault';
import { APP_ID, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';

// What KeyManager records and refuses around its main paths, on the real keychain:
// the history of keys leaving the app, recover never losing the secret it recovers,
// a keychain that cannot be enumerated, reconcile's words, and rotation's labels.

describe('KeyManager around the edges', () => {
  let box: Sandbox;
  let clock = Date.parse('2026-11-01T09:00:00Z');
  let keys: KeyManager;
  beforeAll(async () => {
    box = await sandbox();
    keys = new KeyManager({
      dataDir: box.dataDir,
      store: box.store,
      now: () => new Date(clock),
      generateKey: pooledKey,
    });
  });
  afterAll(() => box.cleanup());

  it('writes in the history each time a key leaves the app, and how', async () => {
    const key = await keys.generate({ label: 'leaving' });
    await keys.notePublicExport(key.id, 'copied to the clipboard');
    const out = await tempDir();
    await keys.exportPrivate(key.id, join(out, 'one.pem'));
    await keys.exportPrivate(key.id, join(out, 'two.pem'), { pkcs8: true });
    expect((await keys.history(key.id)).map(({ event, detail }) => [event, detail.note])).toEqual([
      ['private-exported', 'PKCS#8 PEM'],
      ['private-exported', 'PKCS#1 PEM'],
      ['public-exported', 'copied to the clipboard'],
      ['created', undefined],
    ]);
    expect(await keys.publicPem('leaving')).toBe((await keys.show(key.id)).publicPem);
  });

  it('names each leftover reconcile finds in words a person can act on', async () => {
    const lost = await keys.generate({ label: 'lost' });
    await keytar.deletePassword(box.service, lost.id);
    await keytar.setPassword(box.service, 'bbbbbbbbbbbbbbbb#chunk-0', 'half written');
    const findings = await keys.reconcile();
    expect(findings).toContainEqual({
      kind: 'entry_without_secret',
      id: lost.id,
      label: 'lost',
      message:
        'The private key of "lost" is missing from the keychain. Its public key still works for exports, but it cannot sign tokens or be exported.',
    });
    expect(findings).toContainEqual({
      kind: 'incomplete_secret',
      id: 'bbbbbbbbbbbbbbbb',
      message:
        'The keychain holds part of private key bbbbbbbbbbbbbbbb without its index (an interrupted write or delete). It cannot be read; delete it to clean up.',
    });
    await expect(keys.exportPrivate(lost.id, join(await tempDir(), 'x.pem'))).rejects.toMatchObject({
      code: 'secret_missing',
      message:
        'The private key of "lost" is not in the keychain, or the keychain is locked. Unlock it and retry; if it is still missing, it was deleted there or this key list came from another computer.',
    });
    await keys.lifecycle.purge('bbbbbbbbbbbbbbbb');
    await keys.lifecycle.trash(lost.id);
    await keys.lifecycle.purge(lost.id);
  });

  it('recovers a secret the list lost, and keeps it in the keychain when the list refuses it', async () => {
    const kept = await keys.generate({ label: 'kept' });
    // Take the entry out of the list behind the app's back, as a replaced keys.json would.
    await keys.catalog.update(
      (list) =>
        void list.splice(
          list.findIndex((k) => k.id === kept.id),
          1,
        ),
    );
    expect(await keys.reconcile()).toContainEqual({
      kind: 'secret_without_entry',
      id: kept.id,
      message: `The keychain holds private key ${kept.id}, which is not in the key list (a save was interrupted, or the list was replaced). Recover it to list it again, or delete it.`,
    });
    await keys.generate({ label: 'taken' });
    await expect(keys.recover(kept.id, 'taken')).rejects.toMatchObject({ code: 'label_taken' });
    expect(await keys.reconcile()).toContainEqual(
      expect.objectContaining({ kind: 'secret_without_entry', id: kept.id }),
    );
    const recovered = await keys.recover(kept.id, 'kept again');
    expect(recovered).toMatchObject({
      id: kept.id,
      fingerprint: kept.fingerprint,
      source: 'recovered',
      createdAt: null,
    });
    await expect(keys.recover(kept.id, 'twice')).rejects.toMatchObject({
      code: 'key_exists',
      message: `Key ${kept.id} is already in the key list.`,
    });
    // A key in the trash is named as such, with the way back (list does not show it).
    await keys.lifecycle.trash(kept.id);
    await expect(keys.recover(kept.id, 'thrice')).rejects.toMatchObject({
      code: 'key_trashed',
      keyId: kept.id,
      message: expect.stringMatching(
        /^This key is already stored as "kept again" \([0-9a-f]{16}\), which is in the trash until \d{4}-\d{2}-\d{2}\. Undelete it to use it again\.$/,
      ),
    });
    await keys.lifecycle.undelete(kept.id);
    await expect(keys.recover('cccccccccccccccc', 'nothing')).rejects.toMatchObject({
      code: 'secret_missing',
      message: 'The keychain holds no complete secret with id cccccccccccccccc.',
    });
    expect(await keys.reconcile()).toEqual([]);
  });

  it('refuses to import a key it holds, or under a label in use', async () => {
    const held = await keys.generate({ label: 'held' });
    const { key } = await keys.privateKey(held.id);
    const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(keys.importKey(pem, { label: 'another' })).rejects.toMatchObject({
      code: 'key_exists',
      message: expect.stringContaining('"held"'),
    });
    const fresh = (await pooledKey()).export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(keys.importKey(fresh, { label: 'held' })).rejects.toMatchObject({ code: 'label_taken' });
  });

  it('names rotated keys after the old one and the date, numbered when the name is taken, and refuses what cannot rotate', async () => {
    const old = await keys.generate({ label: 'svc' });
    await expect(keys.rotate(old.id)).rejects.toMatchObject({
      code: 'no_app_id',
      message: '"svc" has no AppID yet, so there is nothing to rotate it for. Record its Key ID first.',
    });
    await keys.recordKid(old.id, `${APP_ID}/dd0001`);
    const first = await keys.rotate('svc');
    const second = await keys.rotate('svc');
    const third = await keys.rotate('svc');
    expect([first.key.label, second.key.label, third.key.label]).toEqual([
      'svc 2026-11-01',
      'svc 2026-11-01 (2)',
      'svc 2026-11-01 (3)',
    ]);
    expect((await keys.rotate('svc', 'svc next')).key.label).toBe('svc next');
    await keys.lifecycle.retire(old.id);
    await expect(keys.rotate(old.id)).rejects.toMatchObject({
      code: 'key_retired',
      message: `"svc" is retired already; rotate the current key of ${APP_ID} instead.`,
    });
    clock += 86_400_000;
  });
});

describe('the key list when the keychain cannot be enumerated', () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await sandbox();
    await box.keys.generate({ label: 'listed' });
  });
  afterAll(() => box.cleanup());

  /** The real keychain, except that enumerating it fails with `error`. */
  const refusingEnumeration = (error: unknown): SecretStore => ({
    get: (account) => box.store.get(account),
    set: (account, secret) => box.store.set(account, secret),
    delete: (account) => box.store.delete(account),
    accounts: () => Promise.reject(error),
  });

  it('still lists the keys, and reports the keychain’s problem as a value', async () => {
    const locked = new CoreError('keychain_locked', 'The keychain is locked.');
    const keys = new KeyManager({ dataDir: box.dataDir, store: refusingEnumeration(locked) });
    const listing = await keys.listing();
    expect(listing.keys.map((key) => key.label)).toEqual(['listed']);
    expect(listing.findings).toEqual([]);
    expect(listing.keychainProblem).toEqual({ code: 'keychain_locked', message: 'The keychain is locked.' });
  });

  it('does not hide a failure that is not the keychain’s', async () => {
    const keys = new KeyManager({ dataDir: box.dataDir, store: refusingEnumeration(new TypeError('a bug')) });
    await expect(keys.listing()).rejects.toThrow(TypeError);
  });
});
