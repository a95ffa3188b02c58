import type { KeyRecord } from '../../shared/keys';
import { CoreError } from '../errors';
import { checkAppId } from '../keys/kid';

const MIN_PREFIX = 4;

/** Which keys a reference may name: the live ones (default), those in the trash, or both. */
export type KeyScope = 'live' | 'trash' | 'any';

function inScope<T extends KeyRecord>(keys: readonly T[], scope: KeyScope): T[] {
  if (scope === 'any') return [...keys];
  return keys.filter((key) => (key.status === 'trashed') === (scope === 'trash'));
}

/**
 * Finds the one key a person means by KEY: its id, its kid, its label, or a
 * unique prefix of its id (at least four characters), tried in that order so an
 * exact match always wins over a prefix. An AppID means that AppID's current key.
 */
export function resolveKey<T extends KeyRecord>(all: readonly T[], ref: string, scope: KeyScope = 'live'): T {
  if (ref.length === 0) throw new CoreError('key_not_found', 'No key was named.');
  const keys = inScope(all, scope);
  if (scope !== 'trash' && checkAppId(ref).ok) {
    const current = keys.find((key) => key.appId === ref && key.current);
    if (current) return current;
    const count = keys.filter((key) => key.appId === ref).length;
    throw new CoreError(
      'no_current_key',
      `AppID ${ref} has no current key${count ? ` (it has ${count} other key${count === 1 ? '' : 's'}: make an active one current)` : ': record the Key ID of one of its keys first'}.`,
    );
  }
  const tiers: Array<(key: T) => boolean> = [
    (key) => key.id === ref,
    (key) => key.kid === ref,
    (key) => key.label === ref,
    (key) => ref.length >= MIN_PREFIX && key.id.startsWith(ref),
  ];
  for (const matches of tiers) {
    const found = keys.filter(matches);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const names = found
        .slice(0, 5)
        .map((key) => `${key.id} (${key.label})`)
        .join(', ');
      throw new CoreError('ambiguous_key', `"${ref}" matches ${found.length} keys: ${names}. Use more of the id.`);
    }
  }
  const trashed = scope === 'live' ? inTrash(all, ref) : null;
  if (trashed)
    throw new CoreError(
      'key_trashed',
      `"${ref}" is in the trash. Undelete it first.`,
      trashed === true ? undefined : { keyId: trashed.id },
    );
  if (scope === 'trash') throw new CoreError('key_not_found', `No key in the trash matches "${ref}".`);
  throw new CoreError('key_not_found', `No key matches "${ref}". Use a key's id, id prefix, label, kid or AppID.`);
}

/** The trashed key `ref` names; true when it names several; null when none. */
function inTrash<T extends KeyRecord>(all: readonly T[], ref: string): T | true | null {
  try {
    return resolveKey(all, ref, 'trash');
  } catch (error) {
    return error instanceof CoreError && error.code === 'ambiguous_key' ? true : null;
  }
}
