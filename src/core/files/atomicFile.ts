import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `content` so that a crash leaves either the old file or
 * the new one, never a torn mix: write a temporary file beside it, fsync it,
 * rename it over the target, then fsync the folder so the rename itself is durable.
 * Returns the new file's status as written (rename keeps inode, size and mtime), so
 * a caller can recognise its own file later without racing another writer's rename.
 */
export async function writeFileAtomic(path: string, content: string, mode = 0o600): Promise<Stats> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);
  let written: Stats;
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    written = await handle.stat();
  } catch (error) {
    // A full disk: what was written of the temporary file is taken back, not left for the next writer.
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
  return written;
}

/**
 * Removes the temporary files a killed writer of `path` left beside it. Call it only
 * while holding the lock every writer of `path` holds, or it could take a live writer's file.
 */
export async function removeAbandonedTemporaries(path: string): Promise<number> {
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const abandoned = names.filter(
    (name) => name.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length)),
  );
  await Promise.all(abandoned.map((name) => rm(join(dirname(path), name), { force: true })));
  return abandoned.length;
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; there the rename is already durable enough.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
