import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreError } from '../errors';
import type { Signer } from '../tokens/signer';
import { processAlive } from '../files/processAlive';

// `jaas-keys run`: a program gets the key in its environment for its lifetime
// only, as 1Password's `op run` and envchain hand over secrets; or, with
// --key-file, in a file in a private folder that is gone when the program ends.

const KEY_FOLDER_PREFIX = 'jaas-keys-run-';
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface RunOptions {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Names the variables: PREFIX_APP_ID, PREFIX_KID, PREFIX_PRIVATE_KEY or PREFIX_PRIVATE_KEY_PATH. */
  prefix: string;
  keyFile: boolean;
  tmpRoot?: string;
}

/** The child's environment: every inherited variable with one of our names goes, then ours are set. */
export function runEnvironment(
  env: NodeJS.ProcessEnv,
  prefix: string,
  values: { appId: string; kid: string; privateKey?: string; privateKeyPath?: string },
): NodeJS.ProcessEnv {
  const next = { ...env };
  for (const suffix of ['APP_ID', 'KID', 'PRIVATE_KEY', 'PRIVATE_KEY_PATH']) delete next[`${prefix}_${suffix}`];
  next[`${prefix}_APP_ID`] = values.appId;
  next[`${prefix}_KID`] = values.kid;
  if (values.privateKey !== undefined) next[`${prefix}_PRIVATE_KEY`] = values.privateKey;
  if (values.privateKeyPath !== undefined) next[`${prefix}_PRIVATE_KEY_PATH`] = values.privateKeyPath;
  return next;
}

/**
 * Runs the program with the key and returns its exit status (128 + the signal's
 * number when a signal ended it, as shells report it). SIGINT, SIGTERM and SIGHUP
 * sent to this process are passed on; the key file, if any, is removed however the
 * program ends.
 */
export async function runWithKey(signer: Signer, options: RunOptions): Promise<number> {
  const { record } = signer;
  let folder: string | null = null;
  let values: Parameters<typeof runEnvironment>[2] = { appId: record.appId!, kid: record.kid! };
  if (options.keyFile) {
    folder = await mkdtemp(join(options.tmpRoot ?? tmpdir(), `${KEY_FOLDER_PREFIX}${process.pid}-`));
    const path = join(folder, 'private-key.pem');
    await writeFile(path, signer.privateKeyPem(), { mode: 0o600, flag: 'wx' });
    values = { ...values, privateKeyPath: path };
  } else {
    values = { ...values, privateKey: signer.privateKeyPem() };
  }
  const cleanup = () => (folder ? rm(folder, { recursive: true, force: true }) : Promise.resolve());
  // Imported here: every jaas-keys command loads this module (removeStaleKeyFolders), few run a program.
  const { spawn } = await import('node:child_process');
  const child = spawn(options.command, options.args, {
    stdio: 'inherit',
    env: runEnvironment(options.env, options.prefix, values),
  });
  const forward = new Map(FORWARDED_SIGNALS.map((signal) => [signal, () => void child.kill(signal)]));
  for (const [signal, handler] of forward) process.on(signal, handler);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'ENOENT' || error.code === 'EACCES'
            ? new CoreError(
                'invalid_input',
                `Cannot run "${options.command}": ${error.code === 'ENOENT' ? 'no such command' : 'permission denied'}. Nothing was started.`,
              )
            : new CoreError('invalid_input', `Cannot run "${options.command}" (${error.code ?? 'unknown error'}).`),
        );
      });
      child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
  } finally {
    for (const [signal, handler] of forward) process.off(signal, handler);
    await cleanup();
  }
}

/** Removes key folders left by a `jaas-keys run` that was itself killed (SIGKILL gives it no chance to clean up). */
export async function removeStaleKeyFolders(tmpRoot = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(tmpRoot).catch(() => [] as string[]);
  for (const name of names) {
    const match = new RegExp(`^${KEY_FOLDER_PREFIX}(\\d+)-`).exec(name);
    if (!match || processAlive(Number(match[1]))) continue;
    const path = join(tmpRoot, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory() || (process.getuid && info.uid !== process.getuid())) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
