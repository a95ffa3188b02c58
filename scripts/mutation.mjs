#!/usr/bin/env node
// `npm run mutation [GROUP] [-- STRYKER ARGS]`: Stryker over src/core and
// src/main/ipc (see stryker.config.mjs for the groups and what is left out),
// inside the same private keychain session as `npm test`. Not part of `npm test`.
// Reports go to reports/mutation/GROUP.{html,json}; `node scripts/mutation-score.mjs`
// adds up every group's report.
import { spawnSync } from 'node:child_process';

const [group = 'all', ...rest] = process.argv.slice(2);
const result = spawnSync('node', ['scripts/with-keychain.mjs', 'npx', 'stryker', 'run', ...rest], {
  stdio: 'inherit',
  // The key list check's differential test runs against every catalog mutant; 500 lists keep that under a second.
  env: {
    ...process.env,
    JAAS_MUTATION_GROUP: group,
    JAAS_CATALOG_FUZZ_RUNS: process.env.JAAS_CATALOG_FUZZ_RUNS ?? '500',
    // The age reader's campaign runs age once per input; 40 per form keep each mutant's run to seconds.
    JAAS_AGE_RUNS: process.env.JAAS_AGE_RUNS ?? '40',
  },
});
process.exit(result.status ?? 1);
