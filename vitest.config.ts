import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/electron/**', 'node_modules/**'],
    // Real 4096-bit keys take seconds each; the keychain is one shared daemon.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default', './test/support/summaryReporter.ts'],
    setupFiles: ['./test/support/requirePrivateKeychain.ts'],
    // Real 4096-bit keys made once per run for the tests' KeyManagers (test/support/keyPool.ts).
    globalSetup: ['./test/support/keyPoolSetup.ts'],
  },
});
