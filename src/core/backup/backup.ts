import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { RestoreItem } from '../../shared/backup';
import type { HistoryEntry, KeyRecord } from '../../shared/keys';
import type { Catalog } from '../catalog/catalog';
import type { StoredKey } from '../catalog/types';
import type { Backup, BackupKey, BackupLock } from './backupFile';
import { CoreError } from '../errors';
import { writeExportFile } from '../files/exportFile';
import { sshFingerprint } from '../keys/fingerprint';
import { newKeyId } from '../keys/keyId';
import { historyEntry } from '../catalog/history';
import { assertJaasKey } from '../keys/importKey';
import { live } from '../lifecycle/lifecycle';
import { passphraseStrength } from './passphrase';
import { resolveKey } from '../catalog/resolveKey';
import { privateKeyFromStoredPem, privatePkcs8Pem, publicSpkiPem } from '../keys/rsa';
import type { Vault } from '../keychain/vault';
import { BACKUP_IDENTITY_ID } from '../keychain/reconcile';

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
function placeKey(
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

/**
 * Encrypted backups (an age file) and restores, here or on another computer.
 * Restores write the keychain first and the key list second, as every other write
 * does: every key's item, then one key list write.
 */
export class Backups {
  constructor(
    private readonly catalog: Catalog,
    private readonly vault: Vault,
    private readonly now: () => Date,
    private readonly newId: () => string = newKeyId,
  ) {}

  /** This computer's age recipient (`age1…`); its identity is made on first use and kept in the keychain. */
  async recipient(): Promise<string> {
    const { generateX25519Identity, identityToRecipient } = await import('age-encryption');
    let identity = await this.vault.get(BACKUP_IDENTITY_ID);
    if (identity === null) {
      identity = await generateX25519Identity();
      await this.vault.put(BACKUP_IDENTITY_ID, identity);
    }
    return identityToRecipient(identity);
  }

  /** The keys a backup would hold: the named ones, or every key not in the trash (with it, on request). */
  private async chosen(refs: readonly string[], includeTrash: boolean): Promise<StoredKey[]> {
    const keys = await this.catalog.read();
    if (refs.length === 0) return keys.filter((key) => includeTrash || key.status !== 'trashed');
    const picked = new Map(
      refs.map((ref) => resolveKey(keys, ref, includeTrash ? 'any' : 'live')).map((key) => [key.id, key]),
    );
    return [...picked.values()];
  }

  /**
   * Each key's private key as PKCS#8 PEM, in order; a key whose secret is gone stops the
   * backup by name. Each key is converted as it is read, between two awaits, so that 100
   * keys never hold the event loop at once.
   */
  private async readSecrets(keys: readonly StoredKey[]): Promise<string[]> {
    const pems: string[] = [];
    for (const key of keys) {
      const pem = await this.vault.get(key.id);
      if (pem === null)
        throw new CoreError(
          'secret_missing',
          `The private key of "${key.label}" is not in the keychain, so it cannot be backed up. Leave it out, or check the keychain first.`,
          { keyId: key.id },
        );
      pems.push(privatePkcs8Pem(privateKeyFromStoredPem(pem)));
    }
    return pems;
  }

  /** Writes an encrypted backup to `path` (mode 0600, whole or not at all); records when each key was backed up. */
  async write(
    path: string,
    options: { refs?: readonly string[]; includeTrash?: boolean; force?: boolean; lock: BackupLock },
  ): Promise<KeyRecord[]> {
    const { lock } = options;
    // scrypt needs only the passphrase: it starts first, on the thread pool, while the strength
    // check and then the keychain reads run here (docs/benchmarks.md); refused, its work is dropped.
    // The check still comes before any read, so a weak passphrase is refused before the keychain is asked.
    const { ScryptRecipient, BACKUP_FORMAT, BACKUP_VERSION, sealBackup } = await import('./backupFile');
    const started = 'passphrase' in lock ? new ScryptRecipient(lock.passphrase) : undefined;
    if ('passphrase' in lock) {
      const strength = await passphraseStrength(lock.passphrase);
      if (!strength.ok)
        throw new CoreError(
          'weak_passphrase',
          `That passphrase is too weak for a backup: ${[strength.warning, ...strength.suggestions].filter(Boolean).join(' ')}`,
        );
    }
    const keys = await this.chosen(options.refs ?? [], options.includeTrash ?? false);
    if (keys.length === 0) throw new CoreError('key_not_found', 'There are no keys to back up.');
    const pems = await this.readSecrets(keys);
    const { history } = await this.catalog.readState();
    const backup: Backup = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: this.now().toISOString(),
      keys: [],
    };
    for (const [n, key] of keys.entries()) {
      const { publicPem: _public, lastBackupAt: _last, ...fields } = key;
      backup.keys.push({
        ...fields,
        history: history.filter((entry) => entry.keyId === key.id),
        privateKeyPem: pems[n]!,
      });
    }
    await writeExportFile(path, await sealBackup(backup, lock, started), {
      force: options.force ?? false,
      mode: 0o600,
    });
    const ids = new Set(keys.map((key) => key.id));
    return this.catalog.update((current) => {
      for (const key of current) if (ids.has(key.id)) key.lastBackupAt = backup.createdAt;
      return current.filter((key) => ids.has(key.id));
    });
  }

  /** What a restore of this file would do, key by key; stores nothing. */
  async plan(text: string, passphrase?: string): Promise<RestoreItem[]> {
    const backup = await this.open(text, passphrase);
    return (await this.place(backup, [...(await this.catalog.read())])).map(({ placed }) => placed.result);
  }

  /**
   * Each key of the backup placed among the keys here (and those placed before it). A key
   * takes a millisecond or two to check (its RSA numbers, its fingerprint); the loop yields
   * between keys so that a restore of hundreds never holds the event loop (the app's window).
   */
  private async place(
    backup: Backup,
    here: StoredKey[],
  ): Promise<Array<{ item: BackupKey; placed: ReturnType<typeof placeKey> }>> {
    const planned: Array<{ item: BackupKey; placed: ReturnType<typeof placeKey> }> = [];
    for (const item of backup.keys) {
      const placed = placeKey(here, item, this.newId);
      if (placed.entry) here.push(placed.entry);
      planned.push({ item, placed });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return planned;
  }

  /**
   * Restores every key it can; a key it cannot restore is reported with why, and nothing
   * of it is stored. The keychain first (one item per key, `onProgress` after each), then
   * the key list once for all of them, where each key is placed again under the lock: a
   * key another process changed meanwhile is refused and its fresh secret taken back out.
   */
  async restore(
    text: string,
    passphrase?: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<RestoreItem[]> {
    const backup = await this.open(text, passphrase);
    const planned = await this.place(backup, [...(await this.catalog.read())]);
    const storing = planned.filter(({ placed }) => placed.entry);
    for (const [n, { placed }] of storing.entries()) {
      await this.vault.put(placed.entry!.id, placed.pem!);
      onProgress?.(n + 1, storing.length);
    }
    // Nothing to store (every key already here, or refused): the key list is left as it is.
    if (storing.length === 0) return planned.map(({ placed }) => placed.result);
    const results = await this.catalog.update((keys, history) => {
      const known = new Set(history.map((entry) => `${entry.at}|${entry.keyId}|${entry.event}`));
      return planned.map(({ item, placed }) => {
        if (!placed.entry) return placed.result;
        const again = placeKey(keys, item, () => placed.entry!.id);
        if (!again.entry || again.entry.id !== placed.entry.id) {
          return again.result.outcome === 'restored'
            ? {
                ...again.result,
                outcome: 'refused' as const,
                reason: 'the key list changed while restoring; run the restore again',
              }
            : again.result;
        }
        keys.push({ ...again.entry, lastBackupAt: backup.createdAt });
        // A key purged here and restored from its backup: its entries are here already.
        const carried = item.history.map((entry): HistoryEntry => ({ ...entry, keyId: again.entry!.id }));
        history.push(...carried.filter((entry) => !known.has(`${entry.at}|${entry.keyId}|${entry.event}`)));
        const why = again.result.reason ? `; ${again.result.reason}` : '';
        history.push(historyEntry(again.entry, 'restored', this.now(), `from the backup of ${backup.createdAt}${why}`));
        return again.result;
      });
    });
    // Refused at the last moment: take the fresh secrets back out so nothing is left unlisted.
    for (const [n, { placed }] of planned.entries()) {
      if (placed.entry && results[n]!.outcome !== 'restored') await this.vault.delete(placed.entry.id);
    }
    return results;
  }

  private async open(text: string, passphrase?: string): Promise<Backup> {
    const { backupNeeds, openBackup } = await import('./backupFile');
    const identity = (await backupNeeds(text)) === 'identity' ? await this.vault.get(BACKUP_IDENTITY_ID) : null;
    return openBackup(text, { passphrase, identity: identity ?? undefined });
  }
}
