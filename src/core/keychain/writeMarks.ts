import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from '../files/processAlive';

/** The folder of marks, inside the data folder. */
export const WRITE_MARKS_DIR = 'keychain-writes';

/**
 * A mark in the data folder while this process has changed the keychain and its key
 * list may not show it yet. A keychain write or delete leaves the process's mark; its
 * next key list write takes it away. A mark whose process is gone means a write may
 * not have finished, so the keychain and the list may disagree.
 *
 * It lets the window start without reading the keychain: on macOS every item another
 * program made asks for the password when read, so the window reconciles at start only
 * when a mark was left (and whenever the person asks: Check keychain, `doctor`).
 */
export class WriteMarks {
  private readonly dir: string;
  private own: string | null = null;

  constructor(dataDir: string) {
    this.dir = join(dataDir, WRITE_MARKS_DIR);
  }

  /** Before a keychain write: this process's mark, made once until the next end(). */
  async begin(): Promise<void> {
    if (this.own !== null) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const name = `${process.pid}-${randomBytes(4).toString('hex')}`;
    await writeFile(join(this.dir, name), '', { mode: 0o600 });
    this.own = name;
  }

  /** After a key list write: the keychain and the list agree again as far as this process knows. */
  async end(): Promise<void> {
    if (this.own === null) return;
    const name = this.own;
    this.own = null;
    await rm(join(this.dir, name), { force: true });
  }

  /** Marks left by processes that are gone: their last keychain change may not be in the list. */
  async left(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((name) => {
      const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
      return name !== this.own && !processAlive(pid);
    });
  }

  /** Takes away marks once a reconcile has reported what they pointed at. */
  async clear(names: readonly string[]): Promise<void> {
    for (const name of names) await rm(join(this.dir, name), { force: true });
  }
}
