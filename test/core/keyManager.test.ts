import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyRecord } from '../../src/shared/keys';
import { APP_ID, KID, purgeNow, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import {
  opensslModulusBits,
  opensslPublicFromPrivate,
  sshKeygenFingerprint,
  sshKeygenFingerprintOfSpki,
} from '../support/oracles';

describe('KeyManager on the real keychain', () => {
  let box: Sandbox;
  let key: KeyRecord;
  let outDir: string;

  beforeAll(async () => {
    // This key is generated for real: the tests below check what generation makes.
    box = await sandbox({ generate: 'real' });
    outDir = await tempDir();
    key = await box.keys.generate({ label: 'production' });
  });
  afterAll(() => box.cleanup());

  it('makes a 4096-bit key with e = 65537 whose public half openssl reads', async () => {
    const pem = await box.keys.publicPem(key.id);
    expect(opensslModulusBits(pem, outDir)).toBe(4096);
    const text = execFileSync('openssl', [
      'rsa',
      '-pubin',
      '-in',
      join(outDir, 'oracle-pub.pem'),
      '-noout',
      '-text',
    ]).toString();
    expect(text).toContain('Exponent: 65537 (0x10001)');
    expect(key).toMatchObject({ label: 'production', appId: null, kid: null, bits: 4096, source: 'generated' });
  });

  it('keeps the private key in the keychain and nowhere in the data folder', async () => {
    const credentials = await keytar.findCredentials(box.service);
    expect(credentials.map((c) => c.account)).toContain(key.id);
    // One item, the key's private numbers (keychain format 2); the exports rebuild the PEM from them.
    expect(credentials.find((c) => c.account === key.id)!.password).toMatch(/^jaas-secret\/2 rsa /);
    for (const entry of await readdir(box.dataDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) expect(await readFile(join(entry.parentPath, entry.name), 'utf8')).not.toMatch(/PRIVATE KEY/);
    }
  });

  it('shows the fingerprint and randomart ssh-keygen prints for the key', async () => {
    const detail = await box.keys.show(key.id);
    const oracle = sshKeygenFingerprintOfSpki(detail.publicPem, outDir);
    expect(detail.fingerprint).toBe(oracle.fingerprint);
    expect(detail.randomart).toBe(oracle.randomart);
  });

  it('exports the private key as PKCS#1 PEM, mode 0600, matching the stored public key', async () => {
    const path = join(outDir, 'production.pem');
    await box.keys.exportPrivate(key.id, path);
    const pem = await readFile(path, 'utf8');
    expect(pem.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(opensslPublicFromPrivate(path)).toBe(await box.keys.publicPem(key.id));
    expect(sshKeygenFingerprint(path).fingerprint).toBe(key.fingerprint);
  });

  it('exports PKCS#8 on request and refuses to overwrite a file unless forced', async () => {
    const path = join(outDir, 'existing.pem');
    await writeFile(path, 'keep me');
    await expect(box.keys.exportPrivate(key.id, path, { pkcs8: true })).rejects.toMatchObject({ code: 'file_exists' });
    expect(await readFile(path, 'utf8')).toBe('keep me');
    await box.keys.exportPrivate(key.id, path, { pkcs8: true, force: true });
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(createPrivateKey(await readFile(path)).asymmetricKeyDetails?.modulusLength).toBe(4096);
  });

  it('reports a folder it cannot write into as a file error', async () => {
    await expect(box.keys.exportPrivate(key.id, join(outDir, 'no-such-dir', 'k.pem'))).rejects.toMatchObject({
      code: 'file_error',
    });
  });

  it('refuses bad kids with the exact reason and records a good one, setting the AppID', async () => {
    await expect(box.keys.recordKid(key.id, ` ${KID}`)).rejects.toMatchObject({
      code: 'invalid_kid',
      message: expect.stringMatching(/spaces/),
    });
    await expect(box.keys.recordKid(key.id, `${APP_ID}/4F4910`)).rejects.toMatchObject({
      code: 'invalid_kid',
      message: expect.stringMatching(/upper-case/),
    });
    await expect(box.keys.recordKid(key.id, `${APP_ID}/x-SAMPLE_APP`)).rejects.toMatchObject({
      code: 'invalid_kid',
      message: expect.stringMatching(/sample-app/),
    });
    expect((await box.keys.resolve(key.id)).kid).toBeNull();
    const recorded = await box.keys.recordKid(key.id, KID);
    expect(recorded).toMatchObject({ kid: KID, appId: APP_ID });
    expect(recorded.kidRecordedAt).not.toBeNull();
  });

  it('refuses a kid of another AppID and a kid another key holds', async () => {
    const other = await box.keys.generate({
      label: 'staging',
      appId: 'vpaas-magic-cookie-00000000000000000000000000000000',
    });
    await expect(box.keys.recordKid(other.id, `${APP_ID}/abcdef`)).rejects.toMatchObject({ code: 'app_id_mismatch' });
    await expect(
      box.keys.recordKid(other.id, 'vpaas-magic-cookie-00000000000000000000000000000000/abcdef'),
    ).resolves.toMatchObject({ kid: expect.any(String) });
    const third = await box.keys.generate({ label: 'third' });
    await expect(box.keys.recordKid(third.id, KID)).rejects.toMatchObject({
      code: 'kid_in_use',
      message: expect.stringContaining('"production"'),
    });
  });

  it('finds keys by id, prefix, label and kid, and names the ambiguity', async () => {
    expect((await box.keys.resolve(key.id.slice(0, 6))).id).toBe(key.id);
    expect((await box.keys.resolve('production')).id).toBe(key.id);
    expect((await box.keys.resolve(KID)).id).toBe(key.id);
    await expect(box.keys.resolve('nope')).rejects.toMatchObject({ code: 'key_not_found' });
    const all = await box.keys.list();
    // A one-character "prefix" is too short to mean anything; an empty one too.
    await expect(box.keys.resolve(all[0]!.id.slice(0, 1))).rejects.toMatchObject({ code: 'key_not_found' });
    // Prefixes start at four characters: three name nothing.
    expect((await box.keys.resolve(all[0]!.id.slice(0, 4))).id).toBe(all[0]!.id);
    await expect(box.keys.resolve(all[0]!.id.slice(0, 3))).rejects.toMatchObject({ code: 'key_not_found' });
    // A label that is another key's id prefix names the labelled key: an exact label beats a prefix.
    const prefixLabel = all[1]!.id.slice(0, 6);
    const labelled = await box.keys.rename(all[0]!.id, prefixLabel);
    expect((await box.keys.resolve(prefixLabel)).id).toBe(labelled.id);
    await box.keys.rename(all[0]!.id, all[0]!.label);
    await expect(box.keys.resolve('')).rejects.toMatchObject({ code: 'key_not_found' });
  });

  it('refuses bad labels and duplicate labels, and renames', async () => {
    await expect(box.keys.generate({ label: '  ' })).rejects.toMatchObject({ code: 'invalid_label' });
    await expect(box.keys.generate({ label: 'a\nb' })).rejects.toMatchObject({ code: 'invalid_label' });
    await expect(box.keys.generate({ label: 'production' })).rejects.toMatchObject({ code: 'label_taken' });
    await expect(box.keys.generate({ label: 'x', appId: 'nope' })).rejects.toMatchObject({ code: 'invalid_app_id' });
    await expect(box.keys.rename(key.id, 'staging')).rejects.toMatchObject({ code: 'label_taken' });
    expect((await box.keys.rename(key.id, ' prod ')).label).toBe('prod');
    await box.keys.rename(key.id, 'production');
  });

  it('reconciles: a secret without an entry and an entry without a secret are reported, not dropped', async () => {
    const lost = await box.keys.generate({ label: 'lost-secret' });
    await keytar.deletePassword(box.service, lost.id);
    await keytar.setPassword(box.service, 'aaaaaaaaaaaaaaaa#chunk-0', 'half written');
    const orphanSource = await sandbox();
    // A secret in this service that the catalog does not list: copy one key's credentials over.
    const orphan = await orphanSource.keys.generate({ label: 'elsewhere' });
    for (const { account, password } of await keytar.findCredentials(orphanSource.service))
      await keytar.setPassword(box.service, account, password);
    await orphanSource.cleanup();

    const { keys, findings } = await box.keys.listing();
    expect(keys.map((k) => k.id)).toContain(lost.id);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'entry_without_secret', id: lost.id }),
        expect.objectContaining({ kind: 'secret_without_entry', id: orphan.id }),
        expect.objectContaining({ kind: 'incomplete_secret', id: 'aaaaaaaaaaaaaaaa' }),
      ]),
    );
    await expect(box.keys.exportPrivate(lost.id, join(outDir, 'lost.pem'))).rejects.toMatchObject({
      code: 'secret_missing',
    });

    const recovered = await box.keys.recover(orphan.id, 'recovered');
    expect(recovered).toMatchObject({
      id: orphan.id,
      fingerprint: orphan.fingerprint,
      source: 'recovered',
      createdAt: null,
    });
    // A leftover is purged by its full id, and only by that: no entry names it.
    await expect(box.keys.lifecycle.purge('aaaaaaaaaaaaaa')).rejects.toMatchObject({ code: 'key_not_found' });
    expect(await box.keys.lifecycle.purge('aaaaaaaaaaaaaaaa')).toEqual({
      id: 'aaaaaaaaaaaaaaaa',
      label: null,
      kid: null,
    });
    await expect(box.keys.lifecycle.purge('aaaaaaaaaaaaaaaa')).rejects.toMatchObject({ code: 'key_not_found' });
    await purgeNow(box.keys, lost.id);
    expect(await box.keys.reconcile()).toEqual([]);
  });

  it('trashes a key with its secret kept, and purge deletes its item and the entry', async () => {
    const doomed = await box.keys.generate({ label: 'doomed' });
    await box.keys.lifecycle.trash('doomed');
    const kept = (await keytar.findCredentials(box.service)).map((c) => c.account);
    expect(kept.filter((a) => a.startsWith(doomed.id))).toEqual([doomed.id]);
    expect(await box.keys.reconcile()).toEqual([]);
    await box.keys.lifecycle.purge(doomed.id);
    const accounts = (await keytar.findCredentials(box.service)).map((c) => c.account);
    expect(accounts.filter((a) => a.startsWith(doomed.id))).toEqual([]);
    await expect(box.keys.resolve(doomed.id, 'any')).rejects.toMatchObject({ code: 'key_not_found' });
    await expect(box.keys.lifecycle.purge(doomed.id)).rejects.toMatchObject({ code: 'key_not_found' });
  });
});
