import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyManager } from '../../src/core/keyManager';
import { KeytarStore } from '../../src/core/keychain/keytarStore';
import { newKeyLifecycle } from '../../src/shared/keys';
import { pooledKey } from './keyPool';

/** A keychain service name no other test (or person) uses. */
export function uniqueService(): string {
  return `jaas-test-${randomBytes(6).toString('hex')}`;
}

export async function tempDir(prefix = 'jaas-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Deletes every credential under a test service: tests leave nothing behind.
 * Goes through KeytarStore so it queues behind any keychain call still running in this process.
 */
export async function clearService(service: string): Promise<void> {
  const store = new KeytarStore(service);
  for (const account of await store.accounts()) await store.delete(account);
}

export interface Sandbox {
  dataDir: string;
  service: string;
  store: KeytarStore;
  keys: KeyManager;
  cleanup(): Promise<void>;
}

/**
 * A fresh data folder and keychain service on the real keychain. New keys come from
 * the run's pool of keys made ahead (keyPool.ts) unless `generate: 'real'`.
 */
export async function sandbox(options: { generate?: 'pool' | 'real' } = {}): Promise<Sandbox> {
  const dataDir = await tempDir();
  const service = uniqueService();
  const store = new KeytarStore(service);
  const keys = new KeyManager({
    dataDir,
    store,
    generateKey: options.generate === 'real' ? undefined : pooledKey,
  });
  return {
    dataDir,
    service,
    store,
    keys,
    async cleanup() {
      await clearService(service);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const APP_ID = 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe';
export const KID = `${APP_ID}/4f4910`;

/** What `rm` used to do at once: to the trash, then purged for good. */
export async function purgeNow(keys: KeyManager, ref: string): Promise<void> {
  const key = await keys.resolve(ref);
  await keys.lifecycle.trash(key.id);
  await keys.lifecycle.purge(key.id);
}

/** A key record as the catalog stores it, for tests that write catalogs by hand. */
export const storedKeyFields = newKeyLifecycle;
