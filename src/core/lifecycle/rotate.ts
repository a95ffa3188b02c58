import type { StoredKey } from '../catalog/types';
import { CoreError } from '../errors';
import { live } from './lifecycle';

// Rotation's first step, before any key is made: which key is replaced, and the
// new key's label (the old one plus the date, numbered when that is taken).

export function rotationLabel(keys: readonly StoredKey[], old: StoredKey, at: Date, label?: string): string {
  if (old.status === 'retired') {
    throw new CoreError(
      'key_retired',
      `"${old.label}" is retired already; rotate the current key of ${old.appId ?? 'its AppID'} instead.`,
    );
  }
  if (!old.appId) {
    throw new CoreError(
      'no_app_id',
      `"${old.label}" has no AppID yet, so there is nothing to rotate it for. Record its Key ID first.`,
      { keyId: old.id },
    );
  }
  if (label !== undefined) return label;
  const base = `${old.label} ${at.toISOString().slice(0, 10)}`;
  const taken = new Set(live(keys).map((key) => key.label));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  return name;
}
