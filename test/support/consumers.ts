import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { KeyRuntime } from '../../src/shared/keyCheck';
import { tempDir } from './fixtures';

// The programs that load an exported key in production (test/fixtures/consumers): one
// per language of 8x8's token samples, each loading the key as its sample does and
// signing a JaaS token. consumers.test.ts runs each on each form it takes;
// checkKeyRuntimes.test.ts runs each on mangled keys, against check-key's verdict.

export const CONSUMERS = join(import.meta.dirname, '..', 'fixtures', 'consumers');

export type Form = 'file-pkcs1' | 'file-pkcs8' | 'env' | 'env-base64' | 'json' | 'jwk';

export interface Consumer {
  name: string;
  /** The check-key runtime whose reader this program is; null for jose, which check-key does not model. */
  runtime: KeyRuntime | null;
  command: string[];
  /** The forms it takes, as its sample loads a key. */
  forms: Form[];
  probe: string[];
  env?: NodeJS.ProcessEnv;
}

const goHome = await tempDir('jaas-go-');
export const CONSUMER_LIST: Consumer[] = [
  {
    name: 'Node (jose)',
    runtime: null,
    command: [process.execPath, join(CONSUMERS, 'sign.mjs')],
    forms: ['file-pkcs8', 'env', 'env-base64', 'json', 'jwk'],
    probe: [process.execPath, '--version'],
    env: { LIBRARY: 'jose' },
  },
  {
    name: 'Node (jsonwebtoken)',
    runtime: 'node',
    command: [process.execPath, join(CONSUMERS, 'sign.mjs')],
    forms: ['file-pkcs1', 'file-pkcs8', 'env', 'env-base64', 'json'],
    probe: [process.execPath, '--version'],
    env: { LIBRARY: 'jsonwebtoken' },
  },
  {
    name: 'Python (PyJWT)',
    runtime: 'python',
    command: ['/usr/bin/python3', join(CONSUMERS, 'sign.py')],
    forms: ['file-pkcs1', 'file-pkcs8', 'env', 'env-base64', 'json', 'jwk'],
    probe: ['/usr/bin/python3', '-c', 'import jwt, cryptography'],
  },
  {
    name: 'Java (KeyFactory)',
    runtime: 'java',
    command: ['java', join(CONSUMERS, 'Sign.java')],
    forms: ['file-pkcs8', 'env', 'env-base64'],
    probe: ['javac', '-version'],
  },
  {
    name: 'Go (crypto/x509)',
    runtime: 'go',
    command: ['go', 'run', join(CONSUMERS, 'sign.go')],
    forms: ['file-pkcs8', 'env', 'env-base64', 'json'],
    probe: ['go', 'version'],
    env: {
      GOCACHE: join(goHome, 'cache'),
      GOPATH: join(goHome, 'path'),
      GOTOOLCHAIN: 'local',
      GOFLAGS: '-mod=mod',
      GO111MODULE: 'auto',
    },
  },
  {
    name: 'PHP (openssl_sign)',
    runtime: 'php',
    command: ['php', join(CONSUMERS, 'sign.php')],
    forms: ['file-pkcs1', 'file-pkcs8', 'env', 'env-base64', 'json'],
    probe: ['php', '--version'],
  },
  {
    name: 'Ruby (OpenSSL)',
    runtime: 'ruby',
    command: ['ruby', join(CONSUMERS, 'sign.rb')],
    forms: ['file-pkcs1', 'file-pkcs8', 'env', 'env-base64', 'json'],
    probe: ['ruby', '--version'],
  },
];

/** Whether a consumer's runtime is here (its tests are skipped with one line when not). */
export const installed = (probe: string[]) => spawnSync(probe[0]!, probe.slice(1), { stdio: 'ignore' }).status === 0;
