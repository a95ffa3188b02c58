// The core's public face: what the app's main process and the CLI build on.
import { DEFAULT_SERVICE, KeytarStore } from './keytarStore';
import { KeyManager } from './keyManager';

export { CoreError, toErrorValue } from './errors';
export { KeyManager } from './keyManager';
export { defaultDataDir, PRODUCT_NAME } from './dataDir';
export { DEFAULT_SERVICE, KeytarStore } from './keytarStore';
export { checkKid, checkAppId } from './kid';
export { checkLabel } from './label';

/** A KeyManager on the OS keychain, as the app and the CLI both open it. */
export function openKeyManager(options: { dataDir: string; service?: string }): KeyManager {
  return new KeyManager({ dataDir: options.dataDir, store: new KeytarStore(options.service ?? DEFAULT_SERVICE) });
}
