import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: { rolldownOptions: { input: 'src/main/index.ts' } },
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
    plugins: [react()],
    build: { minify: true, rolldownOptions: { input: 'src/renderer/index.html' } },
  },
});
