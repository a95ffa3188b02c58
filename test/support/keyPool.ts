import { createPrivateKey, type KeyObject } from 'node:crypto';
import { inject } from 'vitest';
import { generateRsaKey } from '../../src/core/keys/rsa';
import './keyPoolSetup';

// The keys keyPoolSetup.ts made for this run, each handed out at most once per
// test file (every file starts with a fresh copy of this module), so no two keys
// a file makes are the same; past the pool's end, keys are generated as the app does.
const pool = providedPems().map((pem) => createPrivateKey(pem));
let next = 0;

/** Outside a vitest run (the benchmark imports the E2E harness) there is no pool. */
function providedPems(): string[] {
  try {
    return inject('keyPool') ?? [];
  } catch {
    return [];
  }
}

export function pooledKey(): Promise<KeyObject> {
  const key = pool[next++];
  return key ? Promise.resolve(key) : generateRsaKey();
}
