#!/usr/bin/env node
// `npm test`: build what the tests run (the CLI bundle, the renderer), type-check
// all of src against Electron's and Node's own types, then run vitest inside a
// private keychain session.
import { spawnSync } from 'node:child_process';

function step(title, file, args, { countsTests = false } = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(file, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    // vitest prints its own closing count; a failed build step has none, so say it here.
    process.stdout.write(`\n${title} failed.\n${countsTests ? '' : 'Tests: 0 passed, 1 failed\n'}`);
    process.exit(result.status ?? 1);
  }
}

const extra = process.argv.slice(2);
step('Type-check (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('Build the jaas-keys command', 'node', ['scripts/build-cli.mjs']);
step('Build the app (electron-vite: main, preload, renderer)', 'npx', ['electron-vite', 'build', '--logLevel', 'warn']);
step('Tests (vitest, private keychain)', 'node', ['scripts/with-keychain.mjs', 'npx', 'vitest', 'run', ...extra], { countsTests: true });
