import { defineConfig } from 'vitest/config';

// `npm run test:electron` (test/electron/run.mjs): the shared journeys and what only
// Electron has, in a real Electron window. Not part of `npm test`: Electron's binary
// cannot be downloaded everywhere.
export default defineConfig({
  test: {
    include: ['test/electron/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One window at a time: they share the display and, on macOS and Windows, the person's keychain.
    fileParallelism: false,
    globalSetup: ['./test/support/keyPoolSetup.ts'],
  },
});
