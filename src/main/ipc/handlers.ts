import type { KeyManager } from '../../core/keyManager';
import type { KeyListing } from '../../shared/keys';
import type { Desktop } from '../desktop';
import { createImportHandlers } from './importHandlers';
import { createKeyHandlers } from './keyHandlers';
import { createLifecycleHandlers } from './lifecycleHandlers';
import { createBackupHandlers } from './backupHandlers';
import type { Handlers } from './handlerTypes';

export type { Handlers };

/**
 * The back end of the window, assembled: each handler takes input the dispatcher
 * already validated and returns plain values. The listing and the keychain check
 * live here because they share the last check; the rest come from one file per concern.
 */
export function createHandlers(keys: KeyManager, desktop: Desktop): Handlers {
  // Reconciling reads the whole keychain, so it runs at start and on request, not on every listing.
  let lastCheck: Promise<KeyListing> | null = null;
  const recheck = () => {
    lastCheck = keys.listing();
    lastCheck.catch(() => undefined); // a failed check is reported by the next listing, never left unhandled
    return lastCheck;
  };
  const listing = async (): Promise<KeyListing> => {
    const checked = await (lastCheck ?? recheck()).catch(() => null);
    const current = await keys.list({ all: true });
    return {
      keys: current,
      findings: checked?.findings ?? [],
      keychainProblem: checked?.keychainProblem ?? null,
      keychainName: checked?.keychainName ?? null,
    };
  };

  return {
    listKeys: () => listing(),
    checkKeychain: () => recheck(),
    async recoverKey({ id, label }) {
      const key = await keys.recover(id, label);
      void recheck();
      return key;
    },
    ...createKeyHandlers(keys, desktop),
    ...createImportHandlers(keys, desktop),
    ...createLifecycleHandlers(keys, () => void recheck()),
    ...createBackupHandlers(keys, desktop, () => void recheck()),
  };
}
