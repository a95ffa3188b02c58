import type { KeyRecord } from '../shared/keys';
import { CoreError } from './errors';

const MIN_PREFIX = 4;

/**
 * Finds the one key a person means by KEY: its id, its kid, its label, or a
 * unique prefix of its id (at least four characters), tried in that order so an
 * exact match always wins over a prefix.
 */
export function resolveKey<T extends KeyRecord>(keys: readonly T[], ref: string): T {
  if (ref.length === 0) throw new CoreError('key_not_found', 'No key was named.');
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
      const names = found.slice(0, 5).map((key) => `${key.id} (${key.label})`).join(', ');
      throw new CoreError('ambiguous_key', `"${ref}" matches ${found.length} keys: ${names}. Use more of the id.`);
    }
  }
  throw new CoreError('key_not_found', `No key matches "${ref}". Use a key's id, id prefix, label or kid.`);
}
