import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CoreError } from '../errors';

function fileError(path: string, error: unknown): CoreError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC')
    return new CoreError('file_error', `The disk is full: ${path} was not written (nothing partial was left).`);
  return new CoreError('file_error', `Cannot write ${path} (${code ?? 'unknown error'}); nothing partial was left.`);
}

/**
 * Writes an exported key or backup to a file a person chose: created with its
 * final mode from the start (0600 for private material, never widened later),
 * refused over an existing file unless forced, and when forced, replaced by
 * rename so a reader never sees half a file. A write that fails (a full disk)
 * removes what it wrote, so no partial file is left behind.
 */
export async function writeExportFile(
  path: string,
  content: string,
  options: { force: boolean; mode: number },
): Promise<void> {
  const { force, mode } = options;
  const target = force ? join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`) : path;
  let handle;
  try {
    handle = await open(target, 'wx', mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new CoreError(
        'file_exists',
        `${path} already exists. Choose another file, or overwrite it on purpose (--force).`,
      );
    throw new CoreError('file_error', `Cannot create ${path} (${code ?? 'unknown error'}).`);
  }
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(target, { force: true });
    throw fileError(path, error);
  }
  await handle.close();
  if (force) {
    try {
      await rename(target, path);
    } catch (error) {
      await rm(target, { force: true });
      throw fileError(path, error);
    }
  }
}
