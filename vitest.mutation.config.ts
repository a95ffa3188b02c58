import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';
import base from './vitest.config';

// Stryker runs the tests in worker threads, and Node unloads a native addon when
// the last thread using it ends. keytar's libsecret then registers its GLib types
// a second time when the next test file loads it, and the process segfaults.
// Loading keytar here, on the main thread, keeps it loaded for the whole run.
createRequire(import.meta.url)('keytar');

// The tests Stryker runs against each mutant: those that call src/core and
// src/main/ipc in their own process. Tests that drive the built `jaas-keys`
// bundle, the built app or Chromium run code Stryker never instruments, so they
// could not kill a mutant and would only slow every run down. The IPC fuzz test
// is left out too: it covers every handler, so it would run (for seconds) against
// nearly every mutant, and the dispatcher's own tests check the same refusals.
// (Spread, not mergeConfig: mergeConfig would append to the base `include` list.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/core/**/*.test.ts',
      'test/main/dispatch.test.ts',
      'test/main/security.test.ts',
    ],
    reporters: ['default'],
  },
});
