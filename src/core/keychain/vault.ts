import { createHash } from 'node:crypto';
import { CoreError } from '../errors';

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
 * Windows Credential Manager refuses secrets over 2560 bytes and a 4096-bit PEM
 * is about 3.2 KB, so secrets are always stored in chunks below that. Doing it on
 * every OS keeps one format and means the split path is exercised everywhere.
 */
export const DEFAULT_CHUNK_SIZE = 2000;
const CHUNK_SEPARATOR = '#chunk-';

interface Manifest {
  v: 1;
  chunks: number;
  sha256: string;
}

export interface VaultInventory {
  /** Ids whose manifest is present. */
  complete: string[];
  /** Ids with chunks but no manifest: a write or delete that stopped half way. */
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

/**
 * Stores one secret per key id as chunks plus a manifest. The manifest is
 * written last and deleted first, so a secret is either whole (manifest present
 * and every chunk matches its hash) or visibly broken, never half returned.
 */
export class ChunkedVault {
  /**
   * @param exclusive runs writes, deletes and enumerations one at a time across
   * processes sharing the keychain service: keytar's Linux enumeration crashes
   * the process if an item is deleted while it runs (see keytarStore.ts).
   * @param beforeWrite runs before each write or delete touches the keychain (writeMarks.ts).
   */
  constructor(
    private readonly store: SecretStore,
    private readonly chunkSize = DEFAULT_CHUNK_SIZE,
    private readonly exclusive: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
    private readonly beforeWrite: () => Promise<void> = async () => undefined,
  ) {
    if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be a positive integer');
  }

  private chunkAccount(id: string, index: number): string {
    return `${id}${CHUNK_SEPARATOR}${index}`;
  }

  /** A cheap read that fails with the keychain's own error when it cannot be reached at all. */
  async probe(): Promise<void> {
    await this.store.get('jaas-key-manager-probe');
  }

  put(id: string, secret: string): Promise<void> {
    return this.exclusive(async () => {
      await this.beforeWrite();
      return this.putChunks(id, secret);
    });
  }

  private async putChunks(id: string, secret: string): Promise<void> {
    if (id.includes(CHUNK_SEPARATOR)) throw new RangeError('invalid vault id');
    const chunks: string[] = [];
    for (let at = 0; at < secret.length; at += this.chunkSize) chunks.push(secret.slice(at, at + this.chunkSize));
    try {
      for (const [index, chunk] of chunks.entries()) await this.store.set(this.chunkAccount(id, index), chunk);
      const manifest: Manifest = { v: 1, chunks: chunks.length, sha256: sha256Hex(secret) };
      await this.store.set(id, JSON.stringify(manifest));
    } catch (error) {
      await this.removeChunks(id, chunks.length).catch(() => undefined);
      throw error;
    }
  }

  async get(id: string): Promise<string | null> {
    const manifestText = await this.store.get(id);
    if (manifestText === null) return null;
    const manifest = parseManifest(id, manifestText);
    const parts: string[] = [];
    for (let index = 0; index < manifest.chunks; index++) {
      const part = await this.store.get(this.chunkAccount(id, index));
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

  /** Removes the manifest first (the secret stops being readable at once), then every chunk. */
  delete(id: string): Promise<boolean> {
    return this.exclusive(async () => {
      await this.beforeWrite();
      return this.deleteChunks(id);
    });
  }

  private async deleteChunks(id: string): Promise<boolean> {
    const manifestText = await this.store.get(id);
    let knownChunks = 0;
    if (manifestText !== null) {
      try {
        knownChunks = parseManifest(id, manifestText).chunks;
      } catch {
        knownChunks = 0;
      }
      await this.store.delete(id);
    }
    const removed = await this.removeChunks(id, knownChunks);
    return manifestText !== null || removed > 0;
  }

  private async removeChunks(id: string, knownChunks: number): Promise<number> {
    const prefix = `${id}${CHUNK_SEPARATOR}`;
    const stray = (await this.store.accounts()).filter((account) => account.startsWith(prefix));
    const targets = new Set(stray);
    for (let index = 0; index < knownChunks; index++) targets.add(this.chunkAccount(id, index));
    let removed = 0;
    for (const account of targets) if (await this.store.delete(account)) removed++;
    return removed;
  }

  inventory(): Promise<VaultInventory> {
    return this.exclusive(() => this.listAccounts());
  }

  private async listAccounts(): Promise<VaultInventory> {
    const accounts = await this.store.accounts();
    const complete = new Set<string>();
    const withChunks = new Set<string>();
    for (const account of accounts) {
      const at = account.indexOf(CHUNK_SEPARATOR);
      if (at === -1) complete.add(account);
      else withChunks.add(account.slice(0, at));
    }
    return { complete: [...complete], partial: [...withChunks].filter((id) => !complete.has(id)) };
  }
}
