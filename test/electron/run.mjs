// `npm run test:electron`: the shared journeys and the Electron-only tests (test/electron)
// against a real Electron, under vitest (vitest.electron.config.ts).
// Fetches Electron's binary first (Electron's own install step) when it is missing;
// where it cannot be had (no network, as on the CI machines here), says so in one
// line and exits 0. Runs no `npx` (Windows cannot spawn it without a shell since
// Node's CVE-2024-27980 fix): every tool is started with this Node by its path.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const node = (args, options = {}) => spawnSync(process.execPath, args, { stdio: 'inherit', ...options });

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
  return relative && join(electronDir, 'dist', relative);
}

let binary = electronBinary();
if (!process.env.ELECTRON_OVERRIDE_DIST_PATH && (!binary || !existsSync(binary))) {
  node([join(electronDir, 'install.js')], { stdio: 'ignore' });
  binary = electronBinary();
}
if (!binary || !existsSync(binary)) {
  console.log(
    "Electron's binary could not be had here (its download failed; set ELECTRON_OVERRIDE_DIST_PATH to an installed Electron): the _electron suite did not run.",
  );
  process.exit(0);
}

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const build = node([electronVite, 'build']);
if (build.status !== 0) process.exit(build.status ?? 1);
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const run = node(
  ['scripts/with-keychain.mjs', process.execPath, vitest, 'run', '--config', 'vitest.electron.config.ts'],
  {
    env: { ...process.env, JAAS_ELECTRON_BINARY: binary },
  },
);
process.exit(run.status ?? 1);
