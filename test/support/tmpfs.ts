import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './fixtures';

/** Whether this process may mount file systems (root, as CI runs); tests of full and read-only disks need it. */
export const canMount = process.getuid?.() === 0;

/** A tmpfs mounted with `options` (`size=4k` fills up at once, `ro` refuses writes) at a new folder, for the length of `run`. */
export async function withTmpfs(options: string, run: (mount: string) => Promise<void>): Promise<void> {
  const mount = join(await tempDir(), 'mnt');
  await mkdir(mount);
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mount]);
  try {
    await run(mount);
  } finally {
    execFileSync('umount', [mount]);
  }
}
