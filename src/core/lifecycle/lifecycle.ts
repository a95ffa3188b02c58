import { TRASH_DAYS, type HistoryEntry, type KeyStatus } from '../../shared/keys';
import type { Catalog } from '../catalog/catalog';
import type { StoredKey } from '../catalog/types';
import { CoreError } from '../errors';
import { historyEntry } from '../catalog/history';
import { resolveKey } from '../catalog/resolveKey';
import { noKidError } from '../tokens/token';
import type { Vault } from '../keychain/vault';

// A key's life: needs-kid → active (current or not) → retired → trashed → purged,
// with the way back at each step (unretire, undelete). Modelled on the cloud KMSes
// (explicit states, a waiting period before deletion) and 1Password (a trash and a
// history). Every change happens inside one catalog update, with its history entry.

const DAY_MS = 24 * 60 * 60 * 1000;
type History = HistoryEntry[];

export const live = (keys: readonly StoredKey[]) => keys.filter((key) => key.status !== 'trashed');

/** Why this key may not sign a token, or nothing. */
export function assertCanSign(key: StoredKey): void {
  if (key.status === 'trashed')
    throw new CoreError('key_trashed', `"${key.label}" is in the trash and does not sign. Undelete it first.`, {
      keyId: key.id,
    });
  if (key.status === 'retired')
    throw new CoreError(
      'key_retired',
      `"${key.label}" is retired and does not sign. Use the current key of ${key.appId ?? 'its AppID'}, or unretire it.`,
      { keyId: key.id },
    );
  if (!key.kid) throw noKidError(key);
}

/** Makes `key` the current key of its AppID if that AppID has none. */
function claimCurrentIfFree(keys: StoredKey[], key: StoredKey, at: Date, history: History): void {
  if (key.status !== 'active' || key.appId === null) return;
  if (live(keys).some((other) => other.appId === key.appId && other.current)) return;
  key.current = true;
  history.push(historyEntry(key, 'made-current', at, `first key of ${key.appId} to sign`));
}

/** After a kid was recorded on `key` (its status and current flag follow). */
export function kidRecorded(
  keys: StoredKey[],
  key: StoredKey,
  previousKid: string | null,
  at: Date,
  history: History,
): void {
  if (key.status === 'needs-kid') key.status = 'active';
  history.push(
    historyEntry(
      key,
      previousKid === null ? 'kid-recorded' : 'kid-changed',
      at,
      previousKid === null ? undefined : `was ${previousKid}`,
    ),
  );
  claimCurrentIfFree(keys, key, at, history);
}

function makeCurrent(keys: StoredKey[], key: StoredKey, at: Date, history: History): StoredKey | null {
  // Only a key that may sign can sign for its AppID; an active key has a kid, and with it an AppID.
  assertCanSign(key);
  const previous =
    live(keys).find((other) => other.appId === key.appId && other.current && other.id !== key.id) ?? null;
  key.appId ??= key.kid!.slice(0, key.kid!.indexOf('/'));
  if (previous) previous.current = false;
  if (!key.current) {
    key.current = true;
    history.push(
      historyEntry(
        key,
        'made-current',
        at,
        previous ? `replaces "${previous.label}" as the current key of ${key.appId}` : undefined,
      ),
    );
  }
  return previous;
}

function retire(key: StoredKey, at: Date, history: History): { wasCurrent: boolean } {
  if (key.status === 'retired') throw new CoreError('key_retired', `"${key.label}" is already retired.`);
  const wasCurrent = key.current;
  key.status = 'retired';
  key.current = false;
  key.retiredAt = at.toISOString();
  history.push(historyEntry(key, 'retired', at, wasCurrent ? `${key.appId} has no current key now` : undefined));
  return { wasCurrent };
}

function unretire(keys: StoredKey[], key: StoredKey, at: Date, history: History): void {
  if (key.status !== 'retired')
    throw new CoreError('invalid_input', `"${key.label}" is not retired (it is ${key.status}).`);
  key.status = key.kid ? 'active' : 'needs-kid';
  key.retiredAt = null;
  history.push(historyEntry(key, 'unretired', at));
  claimCurrentIfFree(keys, key, at, history);
}

function trash(key: StoredKey, at: Date, history: History): void {
  key.statusBeforeTrash = key.status as Exclude<KeyStatus, 'trashed'>;
  key.status = 'trashed';
  const wasCurrent = key.current;
  key.current = false;
  key.trashedAt = at.toISOString();
  key.purgeAfter = new Date(at.getTime() + TRASH_DAYS * DAY_MS).toISOString();
  history.push(
    historyEntry(
      key,
      'trashed',
      at,
      `purged after ${key.purgeAfter}${wasCurrent ? `; ${key.appId} has no current key now` : ''}`,
    ),
  );
}

function undelete(keys: StoredKey[], key: StoredKey, at: Date, history: History): void {
  const others = live(keys);
  const labelHolder = others.find((other) => other.label === key.label);
  if (labelHolder)
    throw new CoreError(
      'label_taken',
      `Another key is now labelled "${key.label}" (${labelHolder.id}). Rename that key first, then undelete.`,
      { keyId: labelHolder.id },
    );
  const kidHolder = key.kid ? others.find((other) => other.kid === key.kid) : undefined;
  if (kidHolder)
    throw new CoreError(
      'kid_in_use',
      `Key ID ${key.kid} is now recorded for "${kidHolder.label}" (${kidHolder.id}). One Key ID belongs to one key.`,
    );
  key.status = key.statusBeforeTrash ?? (key.kid ? 'active' : 'needs-kid');
  key.statusBeforeTrash = null;
  key.trashedAt = null;
  key.purgeAfter = null;
  history.push(historyEntry(key, 'undeleted', at, `back as ${key.status}`));
  claimCurrentIfFree(keys, key, at, history);
}

/** The key-state changes, each one catalog update with its history entry; purge also empties the keychain. */
export class Lifecycle {
  constructor(
    private readonly catalog: Catalog,
    private readonly vault: Vault,
    private readonly now: () => Date,
  ) {}

  private change<T>(
    ref: string,
    scope: 'live' | 'trash',
    work: (keys: StoredKey[], key: StoredKey, at: Date, history: History) => T,
  ): Promise<T> {
    return this.catalog.update((keys, history) => work(keys, resolveKey(keys, ref, scope), this.now(), history));
  }

  /** Makes an active key the current key of its AppID; returns the key it replaced (still active). */
  activate(ref: string): Promise<{ key: StoredKey; previous: StoredKey | null }> {
    return this.change(ref, 'live', (keys, key, at, history) => ({
      previous: makeCurrent(keys, key, at, history),
      key,
    }));
  }

  retire(ref: string): Promise<{ key: StoredKey; wasCurrent: boolean }> {
    return this.change(ref, 'live', (_keys, key, at, history) => ({ ...retire(key, at, history), key }));
  }

  unretire(ref: string): Promise<StoredKey> {
    return this.change(ref, 'live', (keys, key, at, history) => (unretire(keys, key, at, history), key));
  }

  /** Delete, as people mean it: to the trash for 30 days; the private key stays in the keychain. */
  trash(ref: string): Promise<StoredKey> {
    return this.change(ref, 'live', (_keys, key, at, history) => (trash(key, at, history), key));
  }

  undelete(ref: string): Promise<StoredKey> {
    return this.change(ref, 'trash', (keys, key, at, history) => (undelete(keys, key, at, history), key));
  }

  /**
   * Deletes a trashed key's private key for good, then its entry; its history stays.
   * A full id that no entry lists cleans up a keychain leftover that reconcile found.
   */
  async purge(ref: string): Promise<{ id: string; label: string | null; kid: string | null }> {
    const keys = await this.catalog.read();
    let key: StoredKey;
    try {
      key = resolveKey(keys, ref, 'trash');
    } catch (error) {
      const liveKey = keys.find((k) => k.status !== 'trashed' && (k.id === ref || k.label === ref || k.kid === ref));
      if (liveKey)
        throw new CoreError(
          'not_in_trash',
          `"${liveKey.label}" is not in the trash. Delete it first; purge then removes it from the trash for good.`,
          { keyId: liveKey.id },
        );
      if (!/^[0-9a-f]{16}$/.test(ref) || keys.some((k) => k.id === ref)) throw error;
      if (!(await this.vault.delete(ref))) throw error;
      return { id: ref, label: null, kid: null };
    }
    await this.vault.delete(key.id);
    await this.catalog.update((current, history) => {
      const index = current.findIndex((k) => k.id === key.id);
      if (index === -1) return;
      history.push(
        historyEntry(
          current[index]!,
          'purged',
          this.now(),
          current[index]!.appId ? `AppID ${current[index]!.appId}` : undefined,
        ),
      );
      current.splice(index, 1);
    });
    return { id: key.id, label: key.label, kid: key.kid };
  }

  /**
   * Purges every trashed key whose 30 days have passed; run whenever the key list is
   * opened. `keys` is the list the caller just read, so the common case reads it once.
   */
  async purgeExpired(keys?: readonly StoredKey[]): Promise<string[]> {
    const now = this.now().getTime();
    const due = (keys ?? (await this.catalog.read())).filter(
      (key) => key.status === 'trashed' && key.purgeAfter !== null && Date.parse(key.purgeAfter) <= now,
    );
    for (const key of due) await this.purge(key.id);
    return due.map((key) => key.id);
  }
}
