import type { TestProject } from 'vitest/node';
import { generateRsaKey, privatePkcs8Pem } from '../../src/core/keys/rsa';

// vitest globalSetup: makes a few real 4096-bit RSA keys once per run, on Node's
// thread pool in parallel, for the tests' KeyManagers to hand out instead of
// generating their own (see keyPool.ts). Generation itself is still tested with
// real generation (keyManager.test.ts, the CLI and the Chromium journeys).
export const KEY_POOL_SIZE = 10;

export default async function setup(project: TestProject): Promise<void> {
  const keys = await Promise.all(Array.from({ length: KEY_POOL_SIZE }, () => generateRsaKey()));
  project.provide(
    'keyPool',
    keys.map((key) => privatePkcs8Pem(key)),
  );
}

declare module 'vitest' {
  export interface ProvidedContext {
    keyPool: string[];
  }
}
