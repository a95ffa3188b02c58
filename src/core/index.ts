// How the app's main process and the CLI open the core: one KeyManager on the OS keychain.
import { DEFAULT_SERVICE, KeytarStore } from './keychain/keytarStore';
import { KeyManager } from './keyManager';

/** A KeyManager on the OS keychain, as the app and the CLI both open it. */
export function openKeyManager(options: { dataDir: string; service?: string }): KeyManager {
  return new KeyManager({ dataDir: options.dataDir, store: new KeytarStore(options.service ?? DEFAULT_SERVICE) });
}
