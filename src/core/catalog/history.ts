import type { HistoryEntry, KeyRecord } from '../../shared/keys';
import { CoreError } from '../errors';
import { resolveKey } from './resolveKey';

/** One history entry for a key as it is now; never holds private material (the key record has none). */
export function historyEntry(key: KeyRecord, event: HistoryEntry['event'], at: Date, note?: string): HistoryEntry {
  return {
    at: at.toISOString(),
    keyId: key.id,
    event,
    detail: { label: key.label, kid: key.kid, fingerprint: key.fingerprint, ...(note ? { note } : {}) },
  };
}

/**
 * The history, newest first: all of it, or one key's. A key is named as anywhere
 * else, and a purged key by the id, label, kid or fingerprint its entries recorded.
 */
export function historyOf(keys: readonly KeyRecord[], history: readonly HistoryEntry[], ref?: string): HistoryEntry[] {
  // Newest first by time; entries of one moment keep their recorded order, reversed.
  const newestFirst = history
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.at.localeCompare(a.entry.at) || b.index - a.index)
    .map(({ entry }) => entry);
  if (ref === undefined) return newestFirst;
  let keyId: string;
  try {
    keyId = resolveKey(keys, ref, 'any').id;
  } catch (error) {
    if (!(error instanceof CoreError) || error.code !== 'key_not_found') throw error;
    const ids = new Set(
      history
        .filter(
          (entry) =>
            entry.keyId === ref ||
            entry.detail.kid === ref ||
            entry.detail.label === ref ||
            entry.detail.fingerprint === ref,
        )
        .map((entry) => entry.keyId),
    );
    if (ids.size === 0) throw new CoreError('key_not_found', `No key, and nothing in the history, matches "${ref}".`);
    if (ids.size > 1)
      throw new CoreError(
        'ambiguous_key',
        `"${ref}" named ${ids.size} keys over time: ${[...ids].join(', ')}. Use the id.`,
      );
    keyId = [...ids][0]!;
  }
  return newestFirst.filter((entry) => entry.keyId === keyId);
}
