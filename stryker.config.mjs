// `npm run mutation [GROUP]`: Stryker mutates src/core and src/main/ipc and runs
// the in-process tests (vitest.mutation.config.ts) against each mutant, inside
// the same private keychain session as `npm test`. Not part of `npm test`: the
// whole run takes hours on a 2-core machine, so it goes in groups, each with its
// own report in reports/mutation/; scripts/mutation-score.mjs adds them up.
//
// Left out, and why:
// - src/core/work/run.ts and src/core/work/serve.ts: tested only through the built
//   `jaas-keys` bundle in child processes (test/cli/run, serve), which Stryker
//   cannot instrument; every mutant there would count as "no coverage".
// - src/core/index.ts: re-exports only.
const GROUPS = {
  rules: [
    'src/core/keys/kid.ts',
    'src/core/tokens/token.ts',
    'src/core/tokens/tokenCheck.ts',
    'src/core/tokens/jwt.ts',
    'src/core/tokens/duration.ts',
    'src/core/keys/label.ts',
    'src/core/catalog/history.ts',
    'src/core/catalog/resolveKey.ts',
    'src/core/errors.ts',
    'src/core/files/dataDir.ts',
    'src/core/keys/fingerprint.ts',
    'src/core/keys/rsa.ts',
    'src/core/backup/passphrase.ts',
    'src/core/keychain/keychainName.ts',
  ],
  files: [
    'src/core/catalog/catalog.ts',
    'src/core/catalog/catalogCheck.ts',
    'src/core/catalog/catalogSchema.ts',
    'src/core/catalog/catalogMigration.ts',
    'src/core/files/atomicFile.ts',
    'src/core/files/exportFile.ts',
    'src/core/files/lock.ts',
  ],
  ipc: ['src/main/ipc/**/*.ts', '!src/main/ipc/register.ts'],
  keys: [
    'src/core/keychain/vault.ts',
    'src/core/keychain/keytarStore.ts',
    'src/core/lifecycle/lifecycle.ts',
    'src/core/tokens/signer.ts',
  ],
  manager: ['src/core/keyManager.ts', 'src/core/keys/importKey.ts', 'src/core/keys/openssh.ts'],
  backup: ['src/core/backup/backup.ts', 'src/core/backup/backupFile.ts', 'src/core/backup/placeKey.ts'],
  age: ['src/core/backup/age/*.ts'],
};
const group = process.env.JAAS_MUTATION_GROUP || 'all';
if (group !== 'all' && !GROUPS[group])
  throw new Error(`Unknown mutation group "${group}": ${Object.keys(GROUPS).join(', ')} or all`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: group === 'all' ? Object.values(GROUPS).flat() : GROUPS[group],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Key generation and scrypt make single tests take seconds.
  timeoutMS: 60_000,
  timeoutFactor: 2,
  // The first run, every test once with coverage per test, takes minutes here.
  dryRunTimeoutMinutes: 30,
  // A static mutant (module-level code) needs every test re-run with a fresh module graph;
  // they are reported as ignored rather than run, to keep a run within the hour.
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${group}.html` },
  jsonReporter: { fileName: `reports/mutation/${group}.json` },
  incrementalFile: `reports/mutation/${group}.incremental.json`,
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
