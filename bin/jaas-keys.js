#!/usr/bin/env node
// Thin launcher: the command itself is bundled into out/cli by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/jaas-keys.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write("jaas-keys is not built yet: run 'npm install' (or 'npm run build') in the project folder.\n");
  process.exit(1);
}
await import(bundle.href);
