import type { KeyRecord } from '../../../shared/keys';

export type SortOrder = 'label' | 'newest' | 'oldest';

/** Filters by any visible text (label, AppID, kid, id, fingerprint) and sorts; pure, so it is cheap to memoise. */
export function visibleKeys(keys: readonly KeyRecord[], filter: string, order: SortOrder): KeyRecord[] {
  const needle = filter.trim().toLowerCase();
  const matching = needle
    ? keys.filter((key) => [key.label, key.appId ?? '', key.kid ?? '', key.id, key.fingerprint].some((text) => text.toLowerCase().includes(needle)))
    : [...keys];
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const time = (key: KeyRecord) => (key.createdAt ? Date.parse(key.createdAt) : 0);
  if (order === 'label') return matching.sort((a, b) => collator.compare(a.label, b.label));
  if (order === 'newest') return matching.sort((a, b) => time(b) - time(a));
  return matching.sort((a, b) => time(a) - time(b));
}

export function formatDate(iso: string | null): string {
  if (!iso) return 'unknown date';
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
