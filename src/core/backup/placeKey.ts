import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { RestoreItem } from '../../shared/backup';
import type { StoredKey } from '../catalog/types';
import type { BackupKey } from './backupFile';
import { CoreError } from '../errors';
import { sshFingerprint } from '../keys/fingerprint';
import { assertJaasKey } from '../keys/importKey';
import { live } from '../lifecycle/lifecycle';
import { privatePkcs8Pem, publicSpkiPem } from '../keys/rsa';

// Where each key of a backup goes among the keys already here: restored (under which
// label and id), already here, or refused and why. Pure, so a preview and a restore agree.

/** A backup key's private half, checked once (its RSA numbers, size and fingerprint), or why it is refused. */
type Checked = { key: KeyObject; publicPem: string; pem: string } | { refusal: string };

/** Per backup key, its check: a restore places each key twice (before the keychain, and again under the list's lock). */
const checkedKeys = new WeakMap<BackupKey, Checked>();

function checkKey(item: BackupKey): Checked {
  const known = checkedKeys.get(item);
  if (known) return known;
  let checked: Checked;
  try {
    const key = createPrivateKey({ key: item.privateKeyPem, format: 'pem' });
    const fingerprint = assertJaasKey(key) === item.bits ? sshFingerprint(key) : null;
    if (fingerprint === null) {
      checked = {
        refusal: `its private key has ${key.asymmetricKeyDetails?.modulusLength} bits, not the ${item.bits} recorded`,
      };
    } else if (fingerprint !== item.fingerprint) {
      checked = {
        refusal: `its private key's fingerprint is ${fingerprint}, not the ${item.fingerprint} recorded: the backup was changed`,
      };
    } else {
      checked = { key, publicPem: publicSpkiPem(key), pem: privatePkcs8Pem(key) };
    }
  } catch (error) {
    checked = {
      refusal: error instanceof CoreError ? error.message : 'its private key is not a readable RSA private key',
    };
  }
  checkedKeys.set(item, checked);
  return checked;
}

/** One key of a backup, checked and placed against the keys already here. Pure, so a dry run and a restore agree. */
export function placeKey(
  here: readonly StoredKey[],
  item: BackupKey,
  newId: () => string,
): { result: RestoreItem; entry?: StoredKey; pem?: string } {
  const base = { id: item.id, label: item.label, fingerprint: item.fingerprint, restoredAs: null };
  const refuse = (reason: string) => ({ result: { ...base, outcome: 'refused' as const, reason } });
  const checked = checkKey(item);
  if ('refusal' in checked) return refuse(checked.refusal);
  const twin = here.find((other) => other.fingerprint === item.fingerprint);
  if (twin)
    return {
      result: {
        ...base,
        outcome: 'already-here',
        restoredAs: twin.label === item.label ? null : twin.label,
        reason: `already here as "${twin.label}"${twin.status === 'trashed' ? ' (in the trash)' : ''}; nothing changed`,
      },
    };
  const others = item.status === 'trashed' ? [] : live(here);
  const kidHolder = item.kid ? others.find((other) => other.kid === item.kid) : undefined;
  if (kidHolder) return refuse(`its Key ID ${item.kid} is recorded here for "${kidHolder.label}", a different key`);
  let label = item.label;
  for (let n = 1; others.some((other) => other.label === label); n++)
    label = `${item.label} (restored${n > 1 ? ` ${n}` : ''})`;
  const id = here.some((other) => other.id === item.id) ? newId() : item.id;
  const current = item.current && !live(here).some((other) => other.appId === item.appId && other.current);
  const { privateKeyPem: _pem, history: _history, ...fields } = item;
  const entry: StoredKey = {
    ...fields,
    id,
    label,
    current,
    source: 'restored',
    publicPem: checked.publicPem,
    lastBackupAt: null,
  };
  const notes = [
    label !== item.label ? `label "${item.label}" is taken here` : null,
    id !== item.id ? 'its id is taken here, so it gets a new one' : null,
    item.current && !current ? `${item.appId} has a current key here already` : null,
  ].filter(Boolean);
  return {
    result: {
      ...base,
      id,
      outcome: 'restored',
      restoredAs: label !== item.label ? label : null,
      reason: notes.length ? notes.join('; ') : null,
    },
    entry,
    pem: checked.pem,
  };
}
