import type { HistoryEntry, KeyRecord } from '../../shared/keys';

// The key list's shapes, apart from the code that reads and writes them, so the
// check and the migration can name them without importing the catalog itself.

/** A catalog entry: the metadata people see plus the public key, which is not secret. */
export type StoredKey = KeyRecord & { publicPem: string };

export interface CatalogState {
  keys: StoredKey[];
  /** Oldest first; it outlives the keys it names (a purged key leaves its entries). */
  history: HistoryEntry[];
}
