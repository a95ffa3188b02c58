import { isAscii } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry } from '../../shared/keys';
import type { CatalogState, StoredKey } from './types';

export type { CatalogState, StoredKey };
import { removeAbandonedTemporaries, writeFileAtomic } from '../files/atomicFile';
import { migrateV1 } from './catalogMigration';
import { checkedCatalogV2 } from './catalogCheck';
import { CoreError } from '../errors';
import { SerialQueue, withFileLock } from '../files/lock';

export const CATALOG_FILE = 'keys.json';
export const CATALOG_VERSION = 2;
/** Where the version 1 file is kept, byte for byte, when it is migrated. */
export const CATALOG_V1_BACKUP = 'keys.v1.json';

/**
 * The read cache's key: the file's inode, size and time, and a mark each write of this
 * app puts at the top of the file. The file's own identity alone cannot serve: ext4 hands a
 * replaced file's inode to the next file, and its times move in steps of a few milliseconds,
 * so two lists of one size written within one step looked the same (the race campaign read
 * a stale list that way). The mark alone would miss a hand edit that kept it.
 */
const WRITE_ID = /^\{\s*"version":\s*2,\s*"writeId":\s*"([0-9a-f]{16})"/;
const HEAD_BYTES = 96;
const identityOf = (info: Stats) => `${info.ino}:${info.size}:${info.mtimeMs}`;

/** The write mark at the top of the file, read without reading the rest; null if there is none. */
function writeIdOnDisk(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    return WRITE_ID.exec(head.toString('latin1', 0, readSync(fd, head, 0, HEAD_BYTES, 0)))?.[1] ?? null;
  } finally {
    closeSync(fd);
  }
}

/** The cached list is shared by every read: frozen, so a caller that edits what it read fails loudly instead of changing the next reader's list. */
function frozen(state: CatalogState): CatalogState {
  for (const key of state.keys) Object.freeze(key);
  for (const entry of state.history) Object.freeze(Object.freeze(entry).detail);
  Object.freeze(state.keys);
  Object.freeze(state.history);
  return Object.freeze(state);
}

type Parsed =
  { version: 1; text: string; state: CatalogState } | { version: 2; state: CatalogState; writeId: string | null };

/**
 * The key metadata file: versioned JSON in the data folder, replaced atomically.
 * Changes go through `update`, which holds a cross-process lock and re-reads the
 * file inside it, so the app and the CLI never overwrite each other's changes.
 * A version 1 file is migrated the first time it is opened (see catalogMigration.ts).
 */
export class Catalog {
  readonly path: string;
  private readonly lockPath: string;
  private readonly queue = new SerialQueue();
  /**
   * The last version 2 list read or written, by its identity and write mark (above); a file
   * without a mark, written by an older version, is parsed every time. Reads share it;
   * `update` always parses afresh, since its change edits what it gets.
   */
  private cached: { identity: string; writeId: string; state: CatalogState } | null = null;

  /**
   * @param afterWrite runs after each successful write, under the lock: the key list now
   * shows every keychain change this process made (keychain/writeMarks.ts).
   */
  constructor(
    readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
    private readonly afterWrite: () => Promise<void> = async () => undefined,
  ) {
    this.path = join(dataDir, CATALOG_FILE);
    this.lockPath = join(dataDir, `${CATALOG_FILE}.lock`);
  }

  async read(): Promise<StoredKey[]> {
    return (await this.readState()).keys;
  }

  async readState(): Promise<CatalogState> {
    const info = await stat(this.path).catch(() => null);
    const identity = info ? identityOf(info) : null;
    if (this.cached !== null && this.cached.identity === identity && writeIdOnDisk(this.path) === this.cached.writeId)
      return this.cached.state;
    const parsed = await this.load();
    if (parsed?.version === 2 && parsed.writeId !== null && identity !== null)
      this.cached = { identity, writeId: parsed.writeId, state: frozen(parsed.state) };
    if (parsed === null) return { keys: [], history: [] };
    if (parsed.version === 2) return parsed.state;
    // First open of a version 1 file: migrate it for good, under the lock.
    return this.update(() => undefined).then(() => this.readState());
  }

  private async load(): Promise<Parsed | null> {
    let bytes: Buffer;
    try {
      // One blocking read, on purpose: fs.promises.readFile goes in 512 KB steps through the
      // thread pool, 11 ms for the 14 MB list of 10,000 keys where this takes under 2 ms.
      bytes = readFileSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new CoreError(
        'file_error',
        `Cannot read the key list ${this.path}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.`,
      );
    }
    // All ASCII (the usual list; JSON.stringify writes other characters as UTF-8): Latin-1 gives
    // the same characters, decoded about six times faster than UTF-8 at that size.
    return this.parse(isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));
  }

  private async parse(text: string): Promise<Parsed> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.corrupt('it is not valid JSON');
    }
    const version = (json as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > CATALOG_VERSION) {
      throw new CoreError(
        'catalog_corrupt',
        `The key list ${this.path} was written by a newer version (format ${version}). Update JaaS Key Manager; the file was left as it is.`,
      );
    }
    const writeId = (json as { writeId?: unknown } | null)?.writeId;
    const mark = typeof writeId === 'string' && /^[0-9a-f]{16}$/.test(writeId) ? writeId : null;
    const fast = version === 2 ? checkedCatalogV2(json) : null;
    if (fast) return { version: 2, state: fast, writeId: mark };
    // A version 1 file, or one the fast check refused: the zod schemas, loaded only now, decide and say why.
    const { catalogV1Schema, catalogV2Schema } = await import('./catalogSchema');
    if (version === 1) {
      const v1 = catalogV1Schema.safeParse(json);
      if (!v1.success) throw this.corrupt(this.where(v1.error.issues[0]));
      return { version: 1, text, state: migrateV1(v1.data, this.now()) };
    }
    const v2 = catalogV2Schema.safeParse(json);
    if (!v2.success) throw this.corrupt(this.where(v2.error.issues[0]));
    return { version: 2, state: v2.data, writeId: mark };
  }

  private where(issue: { path: PropertyKey[]; message: string } | undefined): string {
    const path = issue?.path.map(String).join('.') || 'the top level';
    return `${path} is not valid${issue?.message && !/^Invalid/.test(issue.message) ? `: ${issue.message}` : ''}`;
  }

  private corrupt(why: string): CoreError {
    return new CoreError(
      'catalog_corrupt',
      `The key list ${this.path} is damaged (${why}). It was left untouched; restore it from a backup or move it aside. Private keys in the keychain are not affected.`,
    );
  }

  /**
   * Reads, changes and writes the catalog as one step under the lock; returns what
   * `change` returns. `change` may edit the keys and append to the history.
   */
  update<T>(change: (keys: StoredKey[], history: HistoryEntry[]) => T | Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      return withFileLock(this.lockPath, async () => {
        const parsed = await this.load();
        const state = parsed?.state ?? { keys: [], history: [] };
        if (parsed?.version === 1) await this.keepV1Copy(parsed.text);
        const result = await change(state.keys, state.history);
        // A writer killed between its temporary file and the rename left that file; none can be live under the lock.
        await removeAbandonedTemporaries(this.path);
        const writeId = randomBytes(8).toString('hex');
        const written = await writeFileAtomic(
          this.path,
          `${JSON.stringify({ version: CATALOG_VERSION, writeId, keys: state.keys, history: state.history }, null, 2)}\n`,
        );
        // The next read needs no parse while the file is still this one: its identity before the rename, and its mark.
        this.cached = { identity: identityOf(written), writeId, state: frozen(state) };
        await this.afterWrite();
        return result;
      });
    });
  }

  /** The version 1 file, byte for byte, beside the new one; an earlier copy is never replaced. */
  private async keepV1Copy(text: string): Promise<void> {
    const backup = join(this.dataDir, CATALOG_V1_BACKUP);
    if (
      await access(backup).then(
        () => true,
        () => false,
      )
    )
      return;
    await writeFileAtomic(backup, text);
  }
}
