// The window's path in a process of its own, to be killed mid-operation: the
// main process's dispatcher and handlers over the real core and keychain, one call.
import { createDispatcher } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import { APP_ENTRY_URL, isTrustedPageUrl } from '../../src/main/security';
import { openKeyManager } from '../../src/core/index';
import type { Desktop } from '../../src/main/desktop';

const [method, input] = process.argv.slice(2);
const refuse = async () => {
  throw new Error('no dialogs in the crash campaign');
};
const desktop: Desktop = {
  chooseSavePath: refuse,
  chooseOpenPath: refuse,
  confirm: refuse,
  writeClipboard: () => undefined,
  readClipboard: () => '',
  openExternal: refuse,
};
const keys = openKeyManager({ dataDir: process.env.JAAS_KEYS_DATA_DIR!, service: process.env.JAAS_KEYS_SERVICE });
const dispatch = createDispatcher(
  createHandlers(keys, desktop),
  (url) => isTrustedPageUrl(url),
  () => undefined,
);
const result = await dispatch(method!, APP_ENTRY_URL, JSON.parse(input!));
process.stdout.write(`${JSON.stringify(result)}\n`);
