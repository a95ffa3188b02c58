import { newKeyLifecycle, type HistoryEntry, type KeyRecord } from '../../shared/keys';
import type { CatalogV1 } from './catalogSchema';
import type { StoredKey } from './types';

/**
 * Version 1 → 2, without losing a field. Statuses follow the rules new keys
 * follow: a key with a kid is active, one without needs a kid; in each AppID the
 * key whose kid was recorded last becomes current, so `jaas-keys token APPID`
 * works right after the upgrade. The history gets what version 1 knew (when each
 * key was made and its kid recorded) and the migration itself.
 */
export function migrateV1(v1: CatalogV1, now: Date): { keys: StoredKey[]; history: HistoryEntry[] } {
  const keys: StoredKey[] = v1.keys.map((key) => ({
    ...key,
    ...newKeyLifecycle(),
    status: key.kid ? 'active' : 'needs-kid',
  }));
  const latestPerApp = new Map<string, StoredKey>();
  for (const key of keys) {
    if (key.status !== 'active' || key.appId === null) continue;
    const best = latestPerApp.get(key.appId);
    if (!best || (key.kidRecordedAt ?? '') > (best.kidRecordedAt ?? '')) latestPerApp.set(key.appId, key);
  }
  for (const key of latestPerApp.values()) key.current = true;

  const history: HistoryEntry[] = [];
  const entry = (key: KeyRecord, at: string, event: HistoryEntry['event'], note: string): HistoryEntry => ({
    at,
    keyId: key.id,
    event,
    detail: { label: key.label, kid: key.kid, fingerprint: key.fingerprint, note },
  });
  const created = { generated: 'created', imported: 'imported', recovered: 'recovered' } as const;
  for (const key of keys) {
    if (key.createdAt)
      history.push(
        entry(key, key.createdAt, created[key.source as keyof typeof created], 'from the version 1 key list'),
      );
    if (key.kidRecordedAt) history.push(entry(key, key.kidRecordedAt, 'kid-recorded', 'from the version 1 key list'));
    history.push(
      entry(
        key,
        now.toISOString(),
        'migrated',
        `key list version 1 → 2: ${key.status}${key.current ? ', current key of its AppID' : ''}`,
      ),
    );
  }
  history.sort((a, b) => a.at.localeCompare(b.at));
  return { keys, history };
}
