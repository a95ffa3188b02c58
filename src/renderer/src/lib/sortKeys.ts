import type { KeyRecord } from '../../../shared/keys';

export type SortOrder = 'label' | 'newest' | 'oldest';

// Made once: creating an Intl.Collator or DateTimeFormat (which toLocaleDateString with
// options does on every call) costs far more than using one, and the list does it per row.
let collator: Intl.Collator | undefined;
let dateFormat: Intl.DateTimeFormat | undefined;
const labelCollator = () => (collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }));
const shortDate = () =>
  (dateFormat ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));

/** Makes the collator and date format ahead (the first of each takes milliseconds), for idle time after the list shows. */
export function prepareSorting(): void {
  labelCollator().compare('a', 'b');
  shortDate();
}

/** Each key's searchable text (label, AppID, kid, id, fingerprint), lower-cased once per record. */
const haystacks = new WeakMap<KeyRecord, string>();
function haystackOf(key: KeyRecord): string {
  let text = haystacks.get(key);
  if (text === undefined) {
    // A separator no one types, so a filter never matches across two fields.
    text = [key.label, key.appId ?? '', key.kid ?? '', key.id, key.fingerprint].join('\u0000').toLowerCase();
    haystacks.set(key, text);
  }
  return text;
}

/** Filters by any visible text (label, AppID, kid, id, fingerprint) and sorts; pure, so it is cheap to memoise. */
export function visibleKeys(keys: readonly KeyRecord[], filter: string, order: SortOrder): KeyRecord[] {
  const needle = filter.trim().toLowerCase();
  const matching = needle ? keys.filter((key) => haystackOf(key).includes(needle)) : [...keys];
  if (order === 'label') {
    const compare = labelCollator().compare;
    return matching.sort((a, b) => compare(a.label, b.label));
  }
  // Each time parsed once, not once per comparison.
  const timed = matching.map((key) => ({ key, time: key.createdAt ? Date.parse(key.createdAt) : 0 }));
  timed.sort(order === 'newest' ? (a, b) => b.time - a.time : (a, b) => a.time - b.time);
  return timed.map((entry) => entry.key);
}

export function formatDate(iso: string | null): string {
  if (!iso) return 'unknown date';
  return shortDate().format(new Date(iso));
}
