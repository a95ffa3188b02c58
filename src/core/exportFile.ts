import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CoreError } from './errors';

/**
 * Writes an exported key to a file a person chose: created with its final mode
 * from the start (0600 for private keys, never widened later), refused over an
 * existing file unless forced, and when forced, replaced by rename so a reader
 * never sees half a key.
 */
export async function writeExportFile(path: string, pem: string, options: { force: boolean; mode: number }): Promise<void> {
  const { force, mode } = options;
  const target = force ? join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`) : path;
  let handle;
  try {
    handle = await open(target, 'wx', mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CoreError('file_exists', `${path} already exists. Choose another file, or overwrite it on purpose (--force).`);
    throw new CoreError('file_error', `Cannot create ${path} (${code ?? 'unknown error'}).`);
  }
  try {
    await handle.writeFile(pem, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (force) {
    try {
      await rename(target, path);
    } catch (error) {
      await rm(target, { force: true });
      throw new CoreError('file_error', `Cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
    }
  }
}
