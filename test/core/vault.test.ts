import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/errors';
import { KeytarStore } from '../../src/core/keychain/keytarStore';
import { ChunkedVault } from '../../src/core/keychain/vault';
import { clearService, uniqueService } from '../support/fixtures';

// The vault on the real keychain (a private gnome-keyring on Linux).
describe('ChunkedVault on the OS keychain', () => {
  const services: string[] = [];
  function vault(chunkSize?: number) {
    const service = uniqueService();
    services.push(service);
    return { service, vault: new ChunkedVault(new KeytarStore(service), chunkSize) };
  }
  afterEach(async () => {
    for (const service of services.splice(0)) await clearService(service);
  });

  const secret = `-----BEGIN PRIVATE KEY-----\n${'QUJD'.repeat(800)}\n-----END PRIVATE KEY-----\n`;

  it('splits a 3.2 KB secret into chunks under the Windows limit and reads it back whole', async () => {
    const { service, vault: v } = vault();
    await v.put('k1', secret);
    const stored = await keytar.findCredentials(service);
    expect(stored.length).toBeGreaterThan(2);
    for (const { password } of stored) expect(Buffer.byteLength(password)).toBeLessThan(2560);
    expect(await v.get('k1')).toBe(secret);
  });

  it('uses the chunk size it is given', async () => {
    const { service, vault: v } = vault(100);
    await v.put('k1', secret);
    expect((await keytar.findCredentials(service)).length).toBe(Math.ceil(secret.length / 100) + 1);
    expect(await v.get('k1')).toBe(secret);
  });

  it('returns null for an id it never stored', async () => {
    expect(await vault().vault.get('nothing')).toBeNull();
  });

  it('detects a missing chunk instead of returning a partial key', async () => {
    const { service, vault: v } = vault(500);
    await v.put('k1', secret);
    await keytar.deletePassword(service, 'k1#chunk-3');
    await expect(v.get('k1')).rejects.toMatchObject({
      code: 'secret_corrupt',
      message: expect.stringMatching(/Part 4 of \d+/),
    });
  });

  it('detects a changed chunk by its checksum', async () => {
    const { service, vault: v } = vault(500);
    await v.put('k1', secret);
    await keytar.setPassword(service, 'k1#chunk-0', 'x'.repeat(500));
    await expect(v.get('k1')).rejects.toBeInstanceOf(CoreError);
    await expect(v.get('k1')).rejects.toMatchObject({
      code: 'secret_corrupt',
      message: "Key k1's secret in the keychain does not match its checksum; a part was changed or lost.",
    });
  });

  it('reports chunks without a manifest as partial, and delete removes them', async () => {
    const { service, vault: v } = vault(500);
    await v.put('whole', secret);
    await keytar.setPassword(service, 'half#chunk-0', 'abc');
    await keytar.setPassword(service, 'half#chunk-1', 'def');
    expect(await v.inventory()).toEqual({ complete: ['whole'], partial: ['half'] });
    expect(await v.delete('half')).toBe(true);
    expect(await v.inventory()).toEqual({ complete: ['whole'], partial: [] });
  });

  it('deletes every chunk and the manifest as one unit', async () => {
    const { service, vault: v } = vault(300);
    await v.put('k1', secret);
    await v.put('k2', 'other secret');
    expect(await v.delete('k1')).toBe(true);
    const left = (await keytar.findCredentials(service)).map((c) => c.account).sort();
    expect(left).toEqual(['k2', 'k2#chunk-0']);
    expect(await v.delete('k1')).toBe(false);
  });

  it('refuses a manifest it did not write', async () => {
    const { service, vault: v } = vault();
    for (const manifest of [
      'not json',
      '{"v":2,"chunks":1,"sha256":"00"}',
      '{"v":1,"chunks":0,"sha256":"00"}',
      '{"v":1,"chunks":1.5,"sha256":"00"}',
      '{"v":1,"chunks":1}',
    ]) {
      await keytar.setPassword(service, 'k1', manifest);
      await expect(v.get('k1'), manifest).rejects.toMatchObject({
        code: 'secret_corrupt',
        message: 'The keychain entry for key k1 is not in a format this app wrote.',
      });
    }
  });

  it('refuses a chunk size that is not a positive whole number, and an id that could be mistaken for a chunk', async () => {
    for (const size of [0, -1, 1.5, Number.NaN])
      expect(() => new ChunkedVault(new KeytarStore(uniqueService()), size), String(size)).toThrow(
        new RangeError('chunkSize must be a positive integer'),
      );
    const { service, vault: one } = vault(1);
    await one.put('k1', 'abc');
    expect((await keytar.findCredentials(service)).length).toBe(4);
    expect(await one.get('k1')).toBe('abc');
    await expect(one.put('k1#chunk-0', 'abc')).rejects.toThrow(new RangeError('invalid vault id'));
  });
});
