import type { KeyRecord } from '../../shared/keys';
import type { Catalog } from '../catalog/catalog';
import { historyEntry } from '../catalog/history';
import { publicRecord } from '../catalog/publicRecord';
import { resolveKey } from '../catalog/resolveKey';
import { kidRefusal, labelTaken, validLabel } from './keyRules';
import { kidRecorded, live } from './lifecycle';

// What a key is called: its kid (the console's name for it, which also sets its AppID
// and may make it current) and its label. Each is one catalog update with its history.

export function recordKid(catalog: Catalog, ref: string, kidText: string, now: () => Date): Promise<KeyRecord> {
  return catalog.update((keys, history) => {
    const key = resolveKey(keys, ref);
    const refusal = kidRefusal(live(keys), key, kidText);
    if (refusal) throw refusal;
    const previous = key.kid;
    if (previous === kidText) return publicRecord(key);
    key.kid = kidText;
    key.appId = kidText.slice(0, kidText.indexOf('/'));
    key.kidRecordedAt = now().toISOString();
    kidRecorded(keys, key, previous, now(), history);
    return publicRecord(key);
  });
}

export function renameKey(catalog: Catalog, ref: string, newLabel: string, now: () => Date): Promise<KeyRecord> {
  const label = validLabel(newLabel);
  return catalog.update((keys, history) => {
    const key = resolveKey(keys, ref, 'any');
    if (live(keys).some((other) => other.label === label && other.id !== key.id)) throw labelTaken(label);
    if (key.label === label) return publicRecord(key);
    const before = key.label;
    key.label = label;
    history.push(historyEntry(key, 'renamed', now(), `was "${before}"`));
    return publicRecord(key);
  });
}
