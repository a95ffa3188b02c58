import type { KeyRecord } from '../../shared/keys';
import { CoreError } from '../errors';
import { checkAppId, checkKid } from '../keys/kid';
import { checkLabel } from '../keys/label';

// The refusals that keep the key list consistent when a key is added or changed:
// labels unique among live keys, one key per fingerprint, one key per kid.

export function validLabel(text: string): string {
  const check = checkLabel(text);
  if (!check.ok) throw new CoreError('invalid_label', check.problem);
  return check.value;
}

export function validAppId(text: string | null | undefined): string | null {
  if (text === undefined || text === null || text === '') return null;
  const check = checkAppId(text);
  if (!check.ok) throw new CoreError('invalid_app_id', check.problem);
  return check.value;
}

/** Every rule a kid must pass for this key: its format, the key's AppID, and one kid per key. */
export function kidRefusal(keys: readonly KeyRecord[], key: KeyRecord, kidText: string): CoreError | null {
  const check = checkKid(kidText);
  if (!check.ok) return new CoreError('invalid_kid', check.problem);
  const { kid, appId } = check.value;
  if (key.appId !== null && key.appId !== appId) {
    return new CoreError(
      'app_id_mismatch',
      `This Key ID belongs to AppID ${appId}, but "${key.label}" is for AppID ${key.appId}. Check that you copied the kid of this key.`,
    );
  }
  const holder = keys.find((other) => other.kid === kid && other.id !== key.id);
  return holder
    ? new CoreError(
        'kid_in_use',
        `Key ID ${kid} is already recorded for "${holder.label}". One Key ID belongs to one key.`,
      )
    : null;
}

/**
 * The same key is here already. A twin in the trash is named as such, with the way
 * back: `list` does not show it, so "already stored" alone would puzzle.
 */
export function keyExists(holder: KeyRecord): CoreError {
  if (holder.status === 'trashed') {
    return new CoreError(
      'key_trashed',
      `This key is already stored as "${holder.label}" (${holder.id}), which is in the trash until ${holder.purgeAfter?.slice(0, 10) ?? 'it is purged'}. Undelete it to use it again.`,
      { keyId: holder.id },
    );
  }
  return new CoreError('key_exists', `This key is already stored as "${holder.label}" (${holder.id}).`, {
    keyId: holder.id,
  });
}

export function labelTaken(label: string): CoreError {
  return new CoreError('label_taken', `A key labelled "${label}" already exists. Choose another label.`);
}

/** A listed key whose secret the keychain does not give. A locked Linux keychain answers "not found" rather than "locked", so both are named. */
export function secretMissing(record: KeyRecord): CoreError {
  return new CoreError(
    'secret_missing',
    `The private key of "${record.label}" is not in the keychain, or the keychain is locked. Unlock it and retry; if it is still missing, it was deleted there or this key list came from another computer.`,
    { keyId: record.id },
  );
}
