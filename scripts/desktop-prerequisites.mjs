#!/usr/bin/env node
// Runs before `npm start`, `npm run dev` and `npm run dist`: the desktop app's
// tooling (Electron 45, @electron/get, @electron/rebuild, node-abi) needs Node
// 22.12 or newer, and electron-vite needs Electron's binary, which only Electron's
// own install step (`install-electron`) downloads. Say so plainly instead of
// failing later with "Electron uninstall" or an engine error.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DESKTOP_NODE = [22, 12];

export function nodeIsNewEnough(version = process.versions.node, [major, minor] = DESKTOP_NODE) {
  const [hasMajor, hasMinor] = version.split('.').map(Number);
  return hasMajor > major || (hasMajor === major && hasMinor >= minor);
}

function main() {
  if (!nodeIsNewEnough()) {
    console.error(
      `The desktop app's tooling (Electron ${electronVersion()}) needs Node.js ${DESKTOP_NODE.join('.')} or newer; this is ${process.version}. Install a current Node.js LTS and run this again. (The jaas-keys command works on Node.js 20.19 and newer.)`,
    );
    process.exit(1);
  }
  // Electron's own install step: a no-op when the binary is there, a download (about 100 MB) when not.
  const install = spawnSync(process.execPath, [join(electronDir(), 'install.js')], { stdio: 'inherit' });
  if (install.status !== 0) {
    console.error(
      "Electron's binary could not be downloaded (see above). Check the network or proxy, or set ELECTRON_MIRROR, then run this again.",
    );
    process.exit(1);
  }
}

function electronDir() {
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

function electronVersion() {
  return createRequire(import.meta.url)('electron/package.json').version;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
