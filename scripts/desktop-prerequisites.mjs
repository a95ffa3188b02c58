#!/usr/bin/env node
// Runs before `npm start`, `npm run dev` and `npm run dist`: the desktop app's
// tooling (Electron 45, @electron/get, @electron/rebuild, node-abi) needs Node
// 22.12 or newer, and electron-vite needs Electron's binary, which only Electron's
// own install step (`install-electron`) downloads. Say so plainly instead of
// failing later with "Electron uninstall" or an engine error. Before a launch on
// Linux it also checks that Chromium's sandbox can start (AppArmor, below).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DESKTOP_NODE = [22, 12];

export function nodeIsNewEnough(version = process.versions.node, [major, minor] = DESKTOP_NODE) {
  const [hasMajor, hasMinor] = version.split('.').map(Number);
  return hasMajor > major || (hasMajor === major && hasMinor >= minor);
}

const RESTRICT_USERNS = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';

/**
 * Whether Chromium's sandbox cannot start from this checkout: AppArmor restricts
 * unprivileged user namespaces (Ubuntu 23.10 and later) and Electron's setuid helper
 * is not setuid root, so Electron aborts with "The SUID sandbox helper binary was
 * found, but is not configured correctly". Reads are injectable for the tests.
 * @param {{ restrict?: string | null, helper?: { uid: number, mode: number } | null }} [reads]
 */
export function sandboxBlocked({
  restrict = readText(RESTRICT_USERNS),
  helper = statOf(join(electronDir(), 'dist', 'chrome-sandbox')),
} = {}) {
  if (restrict?.trim() !== '1' || helper === null) return false;
  return !(helper.uid === 0 && (helper.mode & 0o4000) !== 0);
}

export function sandboxSteps(helperPath = join(electronDir(), 'dist', 'chrome-sandbox')) {
  return [
    "AppArmor on this machine restricts unprivileged user namespaces, so Electron's sandbox cannot start from this checkout.",
    'Do not turn the sandbox off. Either:',
    '  - install the .deb from `npm run dist` (sudo apt install ./dist/jaas-key-manager_*.deb): it ships an AppArmor profile; or',
    '  - give this checkout\'s Electron an AppArmor profile (README, "Ubuntu 23.10 and later"); or, where you control the machine,',
    `  - make its sandbox helper setuid root: sudo chown root ${helperPath} && sudo chmod 4755 ${helperPath}`,
  ].join('\n');
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function statOf(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function main({ launches }) {
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
  if (launches && process.platform === 'linux' && sandboxBlocked()) {
    console.error(sandboxSteps());
    process.exit(1);
  }
}

function electronDir() {
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

function electronVersion() {
  return createRequire(import.meta.url)('electron/package.json').version;
}

// `--launch` (npm start, npm run dev): the window opens next, so the sandbox must be able to start.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  main({ launches: process.argv.includes('--launch') });
