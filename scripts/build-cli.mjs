// Bundles the `jaas-keys` command into out/cli so `npx jaas-keys` and the package's
// bin run plain JavaScript. Everything is bundled but keytar, a native module
// that must stay a file of its own in node_modules.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { STRENGTH_DATA_FILE, strengthDataJson } from './strength-data.mjs';

// Chunk names carry a content hash; start empty so no chunk of an earlier build lingers.
rmSync('out/cli', { recursive: true, force: true });

await build({
  // The passphrase strength check runs in a worker thread of its own (core/backup/strengthWorkerClient.ts).
  entryPoints: { 'jaas-keys': 'src/cli/bin.ts', strengthWorker: 'src/core/backup/strengthWorker.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  // What only some commands need (the passphrase estimator's dictionaries) is a chunk loaded on demand.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['keytar'],
  // Bundled CommonJS (bcrypt-pbkdf) calls require; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: true,
  // Less to parse at every start: `jaas-keys list` is mostly Node starting and reading this file.
  minify: true,
  logLevel: 'warning',
});

// The strength worker reads zxcvbn's data from beside itself (src/core/backup/strengthData.ts).
writeFileSync(`out/cli/${STRENGTH_DATA_FILE}`, strengthDataJson());
