import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
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
//
// Each group of stryker.config.mjs runs the test files about its modules. A mutant
// that only a test outside its group could kill counts as surviving, so a group's
// score is, if anything, lower than the whole suite's. The catalog is used by every
// test with a key, and the backup tests spend seconds in scrypt: without the split,
// each surviving catalog mutant would wait for the whole suite.
const ALL = [
  'test/core/**/*.test.ts',
  'test/main/dispatch.test.ts',
  'test/main/handlers.test.ts',
  'test/main/security.test.ts',
];
const GROUP_TESTS: Record<string, string[]> = {
  rules: ALL,
  files: [
    'test/core/catalog*.test.ts',
    'test/core/fileWrites.test.ts',
    'test/core/lock.test.ts',
    'test/core/edges.test.ts',
    'test/core/keyManager.test.ts',
    'test/core/lifecycle.test.ts',
    'test/core/ruleMessages.test.ts',
    'test/main/dispatch.test.ts',
  ],
  ipc: ['test/main/dispatch.test.ts', 'test/main/handlers.test.ts', 'test/main/security.test.ts'],
  keys: [
    'test/core/vault.test.ts',
    'test/core/keytarStore.test.ts',
    'test/core/lifecycle.test.ts',
    'test/core/token.test.ts',
    'test/core/edges.test.ts',
    'test/core/keychainRace.test.ts',
    'test/core/keyManager.test.ts',
    'test/main/dispatch.test.ts',
  ],
  manager: [
    'test/core/keyManager.test.ts',
    'test/core/keyManagerEdges.test.ts',
    'test/core/openssh.test.ts',
    'test/core/lifecycle.test.ts',
    'test/core/token.test.ts',
    'test/core/importKey.test.ts',
    'test/core/edges.test.ts',
    'test/core/catalogMigration.test.ts',
    'test/main/dispatch.test.ts',
    'test/main/handlers.test.ts',
  ],
  backup: [
    'test/core/backup.test.ts',
    'test/core/backupFile.test.ts',
    'test/core/restore.test.ts',
    'test/core/keyManager.test.ts',
    'test/main/dispatch.test.ts',
  ],
  age: ['test/core/age.test.ts', 'test/core/ageStanzas.test.ts', 'test/proof/ageFuzz.test.ts'],
};

// (Spread, not mergeConfig: mergeConfig would append to the base `include` list.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: GROUP_TESTS[process.env.JAAS_MUTATION_GROUP ?? ''] ?? ALL,
    reporters: ['default'],
  },
});
