import type { KeyRecord } from '../../../shared/keys';

export interface KeyGroup {
  /** The AppID, or null for the keys that have none yet. */
  appId: string | null;
  current: KeyRecord | null;
  keys: KeyRecord[];
}

/** Groups keys (already filtered and sorted) by AppID, AppIDs in order, keys without one last. */
export function groupByAppId(keys: readonly KeyRecord[]): KeyGroup[] {
  const groups = new Map<string | null, KeyGroup>();
  for (const key of keys) {
    let group = groups.get(key.appId);
    if (!group) groups.set(key.appId, (group = { appId: key.appId, current: null, keys: [] }));
    group.keys.push(key);
    if (key.current) group.current = key;
  }
  return [...groups.values()].sort((a, b) =>
    a.appId === null ? 1 : b.appId === null ? -1 : a.appId.localeCompare(b.appId),
  );
}

export const shortAppId = (appId: string) => appId.replace('vpaas-magic-cookie-', 'vpaas…');
