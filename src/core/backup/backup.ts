import type { RestoreItem } from '../../shared/backup';
import type { HistoryEntry, KeyRecord } from '../../shared/keys';
import type { Catalog } from '../catalog/catalog';
import type { StoredKey } from '../catalog/types';
import type { Backup, BackupKey, BackupLock } from './backupFile';
import { CoreError } from '../errors';
import { writeExportFile } from '../files/exportFile';
import { newKeyId } from '../keys/keyId';
import { historyEntry } from '../catalog/history';
import { passphraseStrength } from './passphrase';
import { resolveKey } from '../catalog/resolveKey';
import { privateKeyFromStoredPem, privatePkcs8Pem } from '../keys/rsa';
import { placeKey } from './placeKey';
import type { Vault } from '../keychain/vault';
import { BACKUP_IDENTITY_ID } from '../keychain/reconcile';

const PKCS8_BEGIN = '-----BEGIN PRIVATE KEY-----\n';

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
    const { generateIdentity, identityToRecipient } = await import('./age/x25519');
    let identity = await this.vault.get(BACKUP_IDENTITY_ID);
    if (identity === null) {
      identity = generateIdentity();
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
   * backup by name. The next key's read is asked for while this one is decoded, so the
   * keychain's round trip and the decoding overlap; at most two reads are ever pending.
   */
  private async readSecrets(keys: readonly StoredKey[]): Promise<string[]> {
    const pems: string[] = [];
    const read = (key: StoredKey | undefined) => {
      const reading = key ? this.vault.get(key.id) : undefined;
      reading?.catch(() => undefined); // awaited in its turn; a failure before then must not go unhandled
      return reading;
    };
    let next = read(keys[0]);
    for (const [n, key] of keys.entries()) {
      const pem = await next;
      next = read(keys[n + 1]);
      if (pem === null || pem === undefined)
        throw new CoreError(
          'secret_missing',
          `The private key of "${key.label}" is not in the keychain, so it cannot be backed up. Leave it out, or check the keychain first.`,
          { keyId: key.id },
        );
      // Both keychain forms are checksummed and were checked when written, and a format 2 item
      // decodes to PKCS#8 already (secretItem.ts): only a secret in another form is converted.
      pems.push(pem.startsWith(PKCS8_BEGIN) ? pem : privatePkcs8Pem(privateKeyFromStoredPem(pem)));
    }
    return pems;
  }

  /** Writes an encrypted backup to `path` (mode 0600, whole or not at all); records when each key was backed up. */
  async write(
    path: string,
    options: { refs?: readonly string[]; includeTrash?: boolean; force?: boolean; lock: BackupLock },
  ): Promise<KeyRecord[]> {
    const { lock } = options;
    // scrypt (the thread pool) and the strength check (a worker thread) need only the passphrase:
    // they start first, scrypt before the backup format's code (zod) loads, and the keychain reads
    // run while scrypt works (docs/benchmarks.md); refused, scrypt's work is dropped. The reads wait
    // for the check, so a weak passphrase is refused before the keychain is asked (on macOS, asking
    // can mean a password prompt per key).
    const started =
      'passphrase' in lock ? new (await import('./age/scrypt')).ScryptRecipient(lock.passphrase) : undefined;
    const strength = 'passphrase' in lock ? passphraseStrength(lock.passphrase) : undefined;
    strength?.catch(() => undefined); // awaited below; the import between must not leave it unhandled
    const { BACKUP_FORMAT, BACKUP_VERSION, sealBackup } = await import('./backupFile');
    const verdict = await strength;
    if (verdict && !verdict.ok)
      throw new CoreError(
        'weak_passphrase',
        `That passphrase is too weak for a backup: ${[verdict.warning, ...verdict.suggestions].filter(Boolean).join(' ')}`,
      );
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
