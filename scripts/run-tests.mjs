#!/usr/bin/env node
// `npm test`: the prerequisites first (one line names what is missing), then the
// checks that keep the architecture (format, lint with its zones, import circles,
// a type-check per environment), the builds the tests run, and vitest inside a
// private keychain session. Any step that fails stops the run.
import { spawnSync } from 'node:child_process';
import { needsShell } from './with-keychain.mjs';

function step(title, file, args, { countsTests = false } = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(file, args, { stdio: 'inherit', shell: needsShell(file) });
  if (result.status !== 0) {
    // vitest prints its own closing count; a failed step before it has none, so say it here.
    process.stdout.write(`\n${title} failed.\n${countsTests ? '' : 'Tests: 0 passed, 1 failed\n'}`);
    process.exit(result.status ?? 1);
  }
}

const extra = process.argv.slice(2);
step('Prerequisites', process.execPath, ['scripts/test-prerequisites.mjs']);
step('Format (prettier --check)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
step('Lint (eslint: zones, promises, type imports)', 'npx', ['eslint', '--max-warnings', '0', 'src']);
step('Import circles (type-only imports included)', process.execPath, ['scripts/import-cycles.mjs', 'src']);
step('Type-check, one project per environment (tsc -b)', 'npx', ['tsc', '-b']);
step('Build the jaas-keys command', process.execPath, ['scripts/build-cli.mjs']);
step('Build the app (electron-vite: main, preload, renderer)', 'npx', ['electron-vite', 'build', '--logLevel', 'warn']);
step(
  'Tests (vitest, private keychain)',
  process.execPath,
  ['scripts/with-keychain.mjs', 'npx', 'vitest', 'run', ...extra],
  { countsTests: true },
);
