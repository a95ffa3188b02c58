import type { KeyManager } from '../../core/keyManager';
import type { KeyListing } from '../../shared/keys';
import type { Desktop } from '../desktop';
import { createImportHandlers } from './importHandlers';
import { createKeyHandlers } from './keyHandlers';
import { createLifecycleHandlers } from './lifecycleHandlers';
import { createBackupHandlers } from './backupHandlers';
import { createProductionHandlers } from './productionHandlers';
import type { Handlers } from './handlerTypes';

export type { Handlers };

/**
 * The back end of the window, assembled: each handler takes input the dispatcher
 * already validated and returns plain values. The listing and the keychain check
 * live here because they share the last check; the rest come from one file per concern.
 */
export function createHandlers(keys: KeyManager, desktop: Desktop): Handlers {
  // Reconciling reads every secret (on macOS each read of an item another program made asks for
  // the password), so the window does it only when asked (Check keychain), when a keychain write
  // did not finish (KeyManager.startupListing), or to refresh findings it is already showing.
  let lastCheck: Promise<KeyListing> | null = null;
  const check = (full: boolean) => {
    lastCheck = full ? keys.listing() : keys.startupListing();
    lastCheck.catch(() => undefined); // a failed check is reported by the next listing, never left unhandled
    return lastCheck;
  };
  const recheck = () => check(true);
  /** After a change: findings on screen are checked again; with none, only a mark left by a crash is. */
  const afterChange = () => {
    void (lastCheck ?? Promise.resolve(null))
      .catch(() => null)
      .then((last) => check(last !== null && last.findings.length > 0))
      // check() keeps the outcome for the next listing; this chain only starts it.
      .catch(() => undefined);
  };
  const listing = async (): Promise<KeyListing> => {
    const checked = await (lastCheck ?? check(false)).catch(() => null);
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
      afterChange();
      return key;
    },
    ...createKeyHandlers(keys, desktop),
    ...createImportHandlers(keys, desktop),
    ...createLifecycleHandlers(keys, afterChange),
    ...createBackupHandlers(keys, desktop, afterChange),
    ...createProductionHandlers(keys, desktop),
  };
}
