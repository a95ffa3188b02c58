import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { KeytarStore } from '../../src/core/keychain/keytarStore';
import { MAX_ITEM_BYTES } from '../../src/core/keychain/secretItem';
import { Vault } from '../../src/core/keychain/vault';
import { privatePkcs8Pem } from '../../src/core/keys/rsa';
import { clearService, tempDir, uniqueService } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { putFormat1 } from '../support/legacyVault';

// The vault on the real keychain (a private gnome-keyring on Linux): one item per key
// (format 2), and the chunked format 1 of earlier releases, read and migrated.

describe('Vault on the OS keychain', () => {
  const services: string[] = [];
  function vault() {
    const service = uniqueService();
    services.push(service);
    return { service, store: new KeytarStore(service), vault: new Vault(new KeytarStore(service)) };
  }
  afterEach(async () => {
    for (const service of services.splice(0)) await clearService(service);
  });
  const pem = async () => privatePkcs8Pem(await pooledKey());

  /** What openssl makes of a PEM: the oracle for "byte for byte the same key". */
  async function openssl(text: string, ...args: string[]): Promise<string> {
    const path = join(await tempDir(), 'k.pem');
    await writeFile(path, text, { mode: 0o600 });
    return execFileSync('openssl', ['pkey', '-in', path, ...args]).toString();
  }

  it('keeps a 4096-bit key in one item under the Windows limit, and gives back the same PEM', async () => {
    const { service, vault: v } = vault();
    const secret = await pem();
    await v.put('k1', secret);
    const stored = await keytar.findCredentials(service);
    expect(stored.map((c) => c.account)).toEqual(['k1']);
    expect(stored[0]!.password).toMatch(/^jaas-secret\/2 rsa [A-Za-z0-9+/=]+ [0-9a-f]{16}$/);
    expect(Buffer.byteLength(stored[0]!.password)).toBeLessThan(MAX_ITEM_BYTES);
    expect(stored[0]!.password).not.toContain('PRIVATE KEY');
    const back = (await v.get('k1'))!;
    expect(back).toBe(secret);
    expect(await openssl(back, '-traditional')).toBe(await openssl(secret, '-traditional'));
  });

  it('keeps any other secret (the age identity) as its text', async () => {
    const { vault: v } = vault();
    await v.put('identity', 'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ');
    expect(await v.get('identity')).toBe('AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ');
  });

  it('returns null for an id it never stored, and refuses an id that could be taken for a chunk', async () => {
    const { vault: v } = vault();
    expect(await v.get('nothing')).toBeNull();
    await expect(v.put('k1#chunk-0', 'abc')).rejects.toThrow(new RangeError('invalid vault id'));
  });

  it('refuses a damaged item by name: a changed character, a cut, a newer format', async () => {
    const { service, vault: v } = vault();
    await v.put('k1', await pem());
    const item = (await keytar.getPassword(service, 'k1'))!;
    const at = item.indexOf(' rsa ') + 20;
    const cases: Array<[string, RegExp]> = [
      [
        `${item.slice(0, at)}${item[at] === 'A' ? 'B' : 'A'}${item.slice(at + 1)}`,
        /damaged \(its checksum does not match\)/,
      ],
      [item.slice(0, 400), /damaged \(not in the form this version writes\)/],
      [item.replace('jaas-secret/2', 'jaas-secret/3'), /written by a newer version \(format 3\)/],
    ];
    for (const [text, message] of cases) {
      await keytar.setPassword(service, 'k1', text);
      await expect(v.get('k1')).rejects.toMatchObject({
        code: 'secret_corrupt',
        message: expect.stringMatching(message),
      });
    }
  });

  it('deletes the item, and says when there was nothing', async () => {
    const { service, vault: v } = vault();
    await v.put('k1', await pem());
    await v.put('k2', 'other secret');
    expect(await v.delete('k1')).toBe(true);
    expect((await keytar.findCredentials(service)).map((c) => c.account)).toEqual(['k2']);
    expect(await v.delete('k1')).toBe(false);
  });

  describe('format 1, as earlier releases wrote it', () => {
    it('reads a chunked secret whole', async () => {
      const { store, vault: v } = vault();
      const secret = await pem();
      await putFormat1(store, 'old', secret);
      expect(await v.get('old')).toBe(secret);
      expect(await v.inventory()).toEqual({ complete: ['old'], partial: [] });
    });

    it('detects a missing chunk and a changed chunk instead of returning part of a key', async () => {
      const { service, store, vault: v } = vault();
      await putFormat1(store, 'k1', await pem(), 500);
      await keytar.deletePassword(service, 'k1#chunk-3');
      await expect(v.get('k1')).rejects.toMatchObject({
        code: 'secret_corrupt',
        message: expect.stringMatching(/Part 4 of \d+/),
      });
      await putFormat1(store, 'k2', await pem(), 500);
      await keytar.setPassword(service, 'k2#chunk-0', 'x'.repeat(500));
      await expect(v.get('k2')).rejects.toMatchObject({
        code: 'secret_corrupt',
        message: "Key k2's secret in the keychain does not match its checksum; a part was changed or lost.",
      });
    });

    it('refuses a manifest it did not write', async () => {
      const { service, vault: v } = vault();
      for (const manifest of [
        'not json',
        '{"v":2,"chunks":1,"sha256":"00"}',
        '{"v":1,"chunks":0,"sha256":"00"}',
        '{"v":1,"chunks":1}',
      ]) {
        await keytar.setPassword(service, 'k1', manifest);
        await expect(v.get('k1'), manifest).rejects.toMatchObject({
          code: 'secret_corrupt',
          message: 'The keychain entry for key k1 is not in a format this app wrote.',
        });
      }
    });

    it('reports chunks without a manifest as partial, and delete removes them and a whole chunked secret', async () => {
      const { service, store, vault: v } = vault();
      await putFormat1(store, 'whole', await pem());
      await keytar.setPassword(service, 'half#chunk-0', 'abc');
      expect(await v.inventory()).toEqual({ complete: ['whole'], partial: ['half'] });
      expect(await v.delete('half')).toBe(true);
      expect(await v.delete('whole')).toBe(true);
      expect(await keytar.findCredentials(service)).toEqual([]);
    });

    it('migrates to one item with byte-identical exports, then removes the chunks', async () => {
      const { service, store, vault: v } = vault();
      const secret = await pem();
      await putFormat1(store, 'old', secret);
      expect(await v.oldForm()).toEqual({ chunked: ['old'], leftovers: [] });
      expect(await v.migrate('old')).toBe(true);
      expect((await keytar.findCredentials(service)).map((c) => c.account)).toEqual(['old']);
      const back = (await v.get('old'))!;
      for (const form of [[], ['-traditional']])
        expect(await openssl(back, ...form)).toBe(await openssl(secret, ...form));
      expect(await v.oldForm()).toEqual({ chunked: [], leftovers: [] });
      expect(await v.migrate('old')).toBe(false);
    });

    it('reads the new item when a migration was killed before the chunks went, and the next one removes them', async () => {
      const { service, store, vault: v } = vault();
      const secret = await pem();
      await putFormat1(store, 'k', secret);
      // The state a SIGKILL between the item and the clean-up leaves: the item over the manifest, the chunks still there.
      const item = new Vault(store);
      await item.put('k', secret);
      expect((await keytar.findCredentials(service)).length).toBeGreaterThan(1);
      expect(await v.get('k')).toBe(secret);
      expect(await v.oldForm()).toEqual({ chunked: [], leftovers: ['k'] });
      expect(await v.migrate('k')).toBe(true);
      expect((await keytar.findCredentials(service)).map((c) => c.account)).toEqual(['k']);
    });
  });
});
