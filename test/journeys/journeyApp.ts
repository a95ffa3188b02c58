import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { privatePkcs1Pem } from '../../src/core/keys/rsa';
import { runJaasKeys, type CliRun } from '../support/cli';
import { pooledKey } from '../support/keyPool';

// What a shared journey sees of the app, whichever runs it: Chromium over the real
// core here (test/e2e/sharedJourneys.test.ts), or real Electron wherever its binary
// exists (test/electron/journeys.test.ts). State is prepared and checked with the
// real `jaas-keys` command on the same data folder and keychain service, since the
// Electron runner has no core in its own process.

export interface JourneyApp {
  page: Page;
  /** Answer the next open dialog with this file (a person would pick it). */
  answerOpen(path: string): Promise<void>;
  /** Answer the next save dialog with this path. */
  answerSave(path: string): Promise<void>;
}

export interface JourneyContext {
  /** A scratch folder of this journey's own. */
  dir: string;
  /** jaas-keys on the app's data folder and keychain service. */
  cli(...args: string[]): Promise<CliRun>;
}

export interface Journey {
  name: string;
  /** Before the window opens: keys made with the command. */
  prepare?(context: JourneyContext): Promise<void>;
  run(app: JourneyApp, context: JourneyContext): Promise<void>;
}

/** A real 4096-bit key from the run's pool, as a PKCS#1 file (what ssh-keygen -m PEM writes). */
export async function keyFile(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, privatePkcs1Pem(await pooledKey()), { mode: 0o600 });
  return path;
}

export function journeyContext(dir: string, env: NodeJS.ProcessEnv): JourneyContext {
  return {
    dir,
    cli: (...args) => runJaasKeys(args, env),
  };
}

/** Fails with the command's own words when it did not succeed. */
export async function ok(run: Promise<CliRun>): Promise<string> {
  const result = await run;
  if (result.status !== 0) throw new Error(`jaas-keys failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}
