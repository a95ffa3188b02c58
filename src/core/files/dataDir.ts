import { homedir } from 'node:os';
import { join } from 'node:path';

/** Must equal package.json's productName: Electron names its userData folder after it. */
export const PRODUCT_NAME = 'JaaS Key Manager';

/**
 * The folder Electron's `app.getPath('userData')` gives this app on each OS, so
 * the CLI, run without Electron, reads and writes the same key list as the app.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}
