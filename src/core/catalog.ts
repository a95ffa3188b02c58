import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { KeyRecord } from '../shared/keys';
import { writeFileAtomic } from './atomicFile';
import { CoreError } from './errors';
import { SerialQueue, withFileLock } from './lock';

export const CATALOG_FILE = 'keys.json';
export const CATALOG_VERSION = 1;

const keyRecordSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  label: z.string().min(1),
  appId: z.string().nullable(),
  kid: z.string().nullable(),
  createdAt: z.string().nullable(),
  kidRecordedAt: z.string().nullable(),
  bits: z.number().int().positive(),
  fingerprint: z.string().startsWith('SHA256:'),
  source: z.enum(['generated', 'imported', 'recovered']),
  publicPem: z.string().startsWith('-----BEGIN PUBLIC KEY-----\n'),
});

/** A catalog entry: the metadata people see plus the public key, which is not secret. */
export type StoredKey = KeyRecord & { publicPem: string };

const catalogSchema = z.object({
  version: z.literal(CATALOG_VERSION),
  keys: z.array(keyRecordSchema),
});

/**
 * The key metadata file: versioned JSON in the data folder, replaced atomically.
 * Changes go through `update`, which holds a cross-process lock and re-reads the
 * file inside it, so the app and the CLI never overwrite each other's changes.
 */
export class Catalog {
  readonly path: string;
  private readonly lockPath: string;
  private readonly queue = new SerialQueue();

  constructor(readonly dataDir: string) {
    this.path = join(dataDir, CATALOG_FILE);
    this.lockPath = join(dataDir, `${CATALOG_FILE}.lock`);
  }

  async read(): Promise<StoredKey[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new CoreError('file_error', `Cannot read the key list ${this.path}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.`);
    }
    return this.parse(text);
  }

  private parse(text: string): StoredKey[] {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.corrupt('it is not valid JSON');
    }
    const version = (json as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > CATALOG_VERSION) {
      throw new CoreError('catalog_corrupt', `The key list ${this.path} was written by a newer version (format ${version}). Update JaaS Key Manager; the file was left as it is.`);
    }
    const parsed = catalogSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.corrupt(`${issue?.path.join('.') || 'the top level'} is not valid`);
    }
    return parsed.data.keys;
  }

  private corrupt(why: string): CoreError {
    return new CoreError(
      'catalog_corrupt',
      `The key list ${this.path} is damaged (${why}). It was left untouched; restore it from a backup or move it aside. Private keys in the keychain are not affected.`,
    );
  }

  /** Reads, changes and writes the catalog as one step under the lock; returns what `change` returns. */
  update<T>(change: (keys: StoredKey[]) => T | Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      return withFileLock(this.lockPath, async () => {
        const keys = await this.read();
        const result = await change(keys);
        await writeFileAtomic(this.path, `${JSON.stringify({ version: CATALOG_VERSION, keys }, null, 2)}\n`);
        return result;
      });
    });
  }
}
