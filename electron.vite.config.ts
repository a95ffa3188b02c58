import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './src/main/security';
import { STRENGTH_DATA_FILE, strengthDataJson } from './scripts/strength-data.mjs';

/**
 * The page's CSP as a meta tag, in production builds only. The app:// protocol
 * sends the same policy as a header; during `npm run dev` the meta tag would
 * block Vite's injected styles and its hot-reload socket, so it is left out there.
 */
function productionCspMeta(): Plugin {
  return {
    name: 'jaas-production-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** zxcvbn's data as JSON beside the strength worker, which reads it from there (src/core/backup/strengthData.ts). */
function strengthData(): Plugin {
  return {
    name: 'jaas-strength-data',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: STRENGTH_DATA_FILE, source: strengthDataJson() });
    },
  };
}

export default defineConfig({
  main: {
    // Only keytar (a native module) stays in node_modules; zod and bcrypt-pbkdf are
    // devDependencies and so are bundled, leaving nothing else to resolve inside the asar.
    // The passphrase strength check runs in a worker thread, from a file of its own beside index.js.
    build: {
      rolldownOptions: { input: { index: 'src/main/index.ts', strengthWorker: 'src/core/backup/strengthWorker.ts' } },
    },
    plugins: [strengthData()],
  },
  preload: {
    // A sandboxed preload cannot load modules: bundle everything into one CommonJS file.
    build: {
      externalizeDeps: false,
      rolldownOptions: { input: 'src/preload/index.ts', output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    // The window's favicon is the app icon; one copy, in assets.
    publicDir: resolve('assets'),
    plugins: [react(), productionCspMeta()],
    build: { minify: true, rolldownOptions: { input: 'src/renderer/index.html' } },
  },
});
