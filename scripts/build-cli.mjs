// Bundles the `jaas-keys` command into out/cli so `npx jaas-keys` and the package's
// bin run plain JavaScript; dependencies (keytar, zod) stay in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'out/cli/jaas-keys.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
