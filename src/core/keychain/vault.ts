import { createHash } from 'node:crypto';
import { CoreError } from '../errors';
import { decodeItem, encodeItem, isItem } from './secretItem';

/** The small slice of a keychain the vault needs; keytar fits it, so does any OS keychain. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves false when there was nothing to delete. */
  delete(account: string): Promise<boolean>;
  /** Every account name this store holds under its service. */
  accounts(): Promise<string[]>;
  /** Which keychain this is, for people ("Secret Service: GNOME Keyring (…)"). */
  describe?(): Promise<string>;
}

/**
 * The format releases before format 2 wrote: a secret in chunks of 2,000 characters
 * (`<id>#chunk-<n>`) plus a manifest at `<id>` (chunk count and SHA-256), manifest
 * written last and deleted first. Read, never written, so that their keys migrate.
 */
const CHUNK_SEPARATOR = '#chunk-';

interface Manifest {
  v: 1;
  chunks: number;
  sha256: string;
}

export interface VaultInventory {
  /** Ids with an item at `<id>`: a format 2 item, or a format 1 manifest. */
  complete: string[];
  /** Ids with format 1 chunks but no manifest: a write or delete that stopped half way. */
  partial: string[];
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function parseManifest(id: string, text: string): Manifest {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    if (value.v === 1 && Number.isInteger(value.chunks) && value.chunks! > 0 && typeof value.sha256 === 'string') {
      return value as Manifest;
    }
  } catch {
    // fall through to the error below
  }
  throw new CoreError('secret_corrupt', `The keychain entry for key ${id} is not in a format this app wrote.`);
}

const chunkAccount = (id: string, index: number) => `${id}${CHUNK_SEPARATOR}${index}`;

/**
 * One keychain item per secret (secretItem.ts), at the account named by its id. Writes
 * are read back and compared before they count. A format 1 secret (chunks and manifest)
 * is still read, and `migrate` moves it to one item: the item first, read back and
 * compared, the chunks after, so a process killed at any moment loses nothing.
 */
export class Vault {
  /**
   * @param exclusive runs writes, deletes and enumerations one at a time across
   * processes sharing the keychain service: keytar's Linux enumeration crashes
   * the process if an item is deleted while it runs (see keytarStore.ts).
   * @param beforeWrite runs before each write or delete touches the keychain (writeMarks.ts).
   */
  constructor(
    private readonly store: SecretStore,
    private readonly exclusive: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
    private readonly beforeWrite: () => Promise<void> = async () => undefined,
  ) {}

  /** A cheap read that fails with the keychain's own error when it cannot be reached at all. */
  async probe(): Promise<void> {
    await this.store.get('jaas-key-manager-probe');
  }

  async put(id: string, secret: string): Promise<void> {
    if (id.includes(CHUNK_SEPARATOR)) throw new RangeError('invalid vault id');
    const item = encodeItem(secret);
    return this.exclusive(async () => {
      await this.beforeWrite();
      await this.writeChecked(id, item, secret);
    });
  }

  /** Sets the item and reads it back: a keychain that stored something else is found now, not at the next signing. */
  private async writeChecked(id: string, item: string, secret: string): Promise<void> {
    await this.store.set(id, item);
    const back = await this.store.get(id);
    if (back !== item || decodeItem(id, back) !== secret) {
      throw new CoreError('secret_corrupt', `The keychain did not keep key ${id}'s secret as it was written.`);
    }
  }

  async get(id: string): Promise<string | null> {
    const text = await this.store.get(id);
    if (text === null) return null;
    return isItem(text) ? decodeItem(id, text) : this.getChunks(id, text);
  }

  private async getChunks(id: string, manifestText: string): Promise<string> {
    const manifest = parseManifest(id, manifestText);
    const parts: string[] = [];
    for (let index = 0; index < manifest.chunks; index++) {
      const part = await this.store.get(chunkAccount(id, index));
      if (part === null) {
        throw new CoreError(
          'secret_corrupt',
          `Part ${index + 1} of ${manifest.chunks} of key ${id}'s secret is missing from the keychain.`,
        );
      }
      parts.push(part);
    }
    const secret = parts.join('');
    if (sha256Hex(secret) !== manifest.sha256) {
      throw new CoreError(
        'secret_corrupt',
        `Key ${id}'s secret in the keychain does not match its checksum; a part was changed or lost.`,
      );
    }
    return secret;
  }

  /** Removes the item (the secret stops being readable at once), then any format 1 chunks. */
  delete(id: string): Promise<boolean> {
    return this.exclusive(async () => {
      await this.beforeWrite();
      const text = await this.store.get(id);
      let knownChunks = 0;
      if (text !== null) {
        if (!isItem(text)) {
          try {
            knownChunks = parseManifest(id, text).chunks;
          } catch {
            knownChunks = 0;
          }
        }
        await this.store.delete(id);
      }
      const removed = await this.removeChunks(id, knownChunks);
      return text !== null || removed > 0;
    });
  }

  private async removeChunks(id: string, knownChunks: number): Promise<number> {
    const prefix = `${id}${CHUNK_SEPARATOR}`;
    const targets = new Set((await this.store.accounts()).filter((account) => account.startsWith(prefix)));
    for (let index = 0; index < knownChunks; index++) targets.add(chunkAccount(id, index));
    let removed = 0;
    for (const account of targets) if (await this.store.delete(account)) removed++;
    return removed;
  }

  inventory(): Promise<VaultInventory> {
    return this.exclusive(async () => {
      const accounts = await this.store.accounts();
      const complete = new Set<string>();
      const withChunks = new Set<string>();
      for (const account of accounts) {
        const at = account.indexOf(CHUNK_SEPARATOR);
        if (at === -1) complete.add(account);
        else withChunks.add(account.slice(0, at));
      }
      return { complete: [...complete], partial: [...withChunks].filter((id) => !complete.has(id)) };
    });
  }

  /**
   * Ids whose secret is still in format 1, and ids with chunks left beside a format 2
   * item (a migration killed before its clean-up). Reads every item: for `doctor` and
   * the migration, never for a plain start.
   */
  async oldForm(): Promise<{ chunked: string[]; leftovers: string[] }> {
    const accounts = await this.exclusive(() => this.store.accounts());
    const chunkOwners = new Set(
      accounts.filter((a) => a.includes(CHUNK_SEPARATOR)).map((a) => a.slice(0, a.indexOf(CHUNK_SEPARATOR))),
    );
    const chunked: string[] = [];
    const leftovers: string[] = [];
    for (const id of accounts.filter((account) => !account.includes(CHUNK_SEPARATOR))) {
      const text = await this.store.get(id);
      if (text === null) continue;
      if (!isItem(text)) chunked.push(id);
      else if (chunkOwners.has(id)) leftovers.push(id);
    }
    return { chunked, leftovers };
  }

  /**
   * Moves one format 1 secret to one item: reads and checks the chunks, writes the item
   * over the manifest, reads it back and compares, and only then deletes the chunks.
   * Killed before the item: the old form stays whole. Killed after it: the item is read
   * (a reader prefers it) and the chunks left are cleaned up by the next migration.
   * Returns false when there was nothing to move.
   */
  migrate(id: string): Promise<boolean> {
    return this.exclusive(async () => {
      const text = await this.store.get(id);
      if (text === null) return false;
      if (isItem(text)) {
        decodeItem(id, text); // a damaged item keeps its chunks, so nothing more is lost
        return (await this.removeChunks(id, 0)) > 0;
      }
      const secret = await this.getChunks(id, text);
      await this.beforeWrite();
      try {
        await this.writeChecked(id, encodeItem(secret), secret);
      } catch (error) {
        // The manifest goes back: the chunks it names are untouched.
        await this.store.set(id, text).catch(() => undefined);
        throw error;
      }
      await this.removeChunks(id, parseManifest(id, text).chunks);
      return true;
    });
  }
}
