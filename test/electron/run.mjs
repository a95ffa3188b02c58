#!/usr/bin/env node
// @ts-check
// `npm run test:electron`: the Playwright `_electron` smoke suite against the real
// app, for machines that have Electron's binary. Where it is missing, say so in
// one line and stop: nothing here pretends to have run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
  ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron')
  : relative && join(electronDir, 'dist', relative);

if (!binary || !existsSync(binary)) {
  console.log("Electron's binary is not installed (run `npx electron --version` once online, or set ELECTRON_OVERRIDE_DIST_PATH); the _electron suite did not run.");
  process.exit(0);
}

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync('node', ['scripts/with-keychain.mjs', 'node', '--test', 'test/electron/smoke.test.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, JAAS_ELECTRON_BINARY: binary },
});
process.exit(run.status ?? 1);
