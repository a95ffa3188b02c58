import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { newKeyLifecycle, type Finding, type HistoryEntry, type KeyDetail, type KeyListing, type KeyRecord, type KeySource } from '../shared/keys';
import { DEFAULT_TOKEN_OPTIONS, type MadeToken, type TokenOptions, type TokenReport } from '../shared/tokens';
import { BACKUP_IDENTITY_ID, Backups } from './backup';
import { Catalog, type StoredKey } from './catalog';
import { CoreError, toErrorValue } from './errors';
import { rsaRandomart, sshFingerprint } from './fingerprint';
import { checkAppId, checkKid } from './kid';
import { assertJaasKey, parseKeyFile, type KeyFileFormat } from './importKey';
import { checkLabel } from './label';
import { historyEntry, historyOf } from './history';
import { assertCanSign, kidRecorded, Lifecycle, live } from './lifecycle';
import { withFileLock } from './lock';
import { writeExportFile } from './exportFile';
import { resolveKey } from './resolveKey';
import { Signer } from './signer';
import { checkToken } from './tokenCheck';
import { generateRsaKey, modulusBits, privateKeyFromStoredPem, privatePkcs1Pem, privatePkcs8Pem, publicSpkiPem } from './rsa';
import { ChunkedVault, type SecretStore } from './vault';

export interface KeyManagerOptions {
  dataDir: string;
  store: SecretStore;
  chunkSize?: number;
  now?: () => Date;
  /**
   * Where new private keys come from: generateRsaKey unless given. The tests hand in
   * real 4096-bit keys made ahead of time (test/support/keyPool.ts), since each
   * generation takes seconds and most tests are about what happens after it.
   */
  generateKey?: () => Promise<KeyObject>;
}

export interface NewKeyRequest {
  label: string;
  appId?: string | null;
  /** Set by rotate: the id of the key the new one replaces. */
  rotationOf?: string | null;
}

export interface PrivateExportOptions {
  pkcs8?: boolean;
  force?: boolean;
}

export function newKeyId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * A key as it leaves the core: every field but the public PEM. Spelled out rather than
 * `{ publicPem, ...record }`, which is several times slower at 10,000 keys; a field added
 * to KeyRecord and not here is a type error.
 */
export function publicRecord(key: StoredKey): KeyRecord {
  return {
    id: key.id, label: key.label, appId: key.appId, kid: key.kid, createdAt: key.createdAt, kidRecordedAt: key.kidRecordedAt,
    bits: key.bits, fingerprint: key.fingerprint, source: key.source, status: key.status, current: key.current,
    retiredAt: key.retiredAt, trashedAt: key.trashedAt, purgeAfter: key.purgeAfter, statusBeforeTrash: key.statusBeforeTrash,
    tokensSigned: key.tokensSigned, lastTokenAt: key.lastTokenAt, longestTokenSeconds: key.longestTokenSeconds,
    rotationOf: key.rotationOf, lastBackupAt: key.lastBackupAt,
  };
}

function validLabel(text: string): string {
  const check = checkLabel(text);
  if (!check.ok) throw new CoreError('invalid_label', check.problem);
  return check.value;
}

function validAppId(text: string | null | undefined): string | null {
  if (text === undefined || text === null || text === '') return null;
  const check = checkAppId(text);
  if (!check.ok) throw new CoreError('invalid_app_id', check.problem);
  return check.value;
}

/**
 * Everything the product does with keys, for the app's main process and the CLI
 * alike. Secrets go to the keychain first and the catalog second, so a failure
 * in between leaves a secret without an entry, which `reconcile` reports.
 */
export class KeyManager {
  readonly catalog: Catalog;
  private readonly vault: ChunkedVault;
  private readonly secrets: SecretStore;
  private readonly now: () => Date;
  private readonly generateKey: () => Promise<KeyObject>;
  /** Status changes, the trash and purging (core/lifecycle.ts). */
  readonly lifecycle: Lifecycle;
  /** Encrypted backups and restores (core/backup.ts). */
  readonly backups: Backups;

  constructor(options: KeyManagerOptions) {
    this.now = options.now ?? (() => new Date());
    this.generateKey = options.generateKey ?? (() => generateRsaKey());
    this.catalog = new Catalog(options.dataDir, this.now);
    this.secrets = options.store;
    const keychainLock = join(options.dataDir, 'keychain.lock');
    this.vault = new ChunkedVault(options.store, options.chunkSize, (work) => withFileLock(keychainLock, work));
    this.lifecycle = new Lifecycle(this.catalog, this.vault, this.now);
    this.backups = new Backups(this.catalog, this.vault, this.now, newKeyId);
  }

  /**
   * The key list, as the app and the command open it: first purges the trashed keys
   * whose 30 days have passed (which touches the keychain only when one has).
   * Live keys by default; the trash with `{ trash: true }`; every key with `{ all: true }`.
   */
  async list(options: { trash?: boolean; all?: boolean } = {}): Promise<KeyRecord[]> {
    let keys = await this.catalog.read();
    if ((await this.lifecycle.purgeExpired(keys)).length > 0) keys = await this.catalog.read();
    const shown = options.all ? keys : options.trash ? keys.filter((key) => key.status === 'trashed') : live(keys);
    return shown.map(publicRecord);
  }

  /** What happened to the keys, newest first; a purged key is still found by its id, label or kid. */
  async history(ref?: string): Promise<HistoryEntry[]> {
    const { keys, history } = await this.catalog.readState();
    return historyOf(keys, history, ref);
  }

  /** Compares catalog and keychain and reports every mismatch; changes nothing. */
  async reconcile(): Promise<Finding[]> {
    const [keys, inventory] = await Promise.all([this.catalog.read(), this.vault.inventory()]);
    const stored = new Set(inventory.complete);
    const listed = new Set(keys.map((key) => key.id));
    const findings: Finding[] = [];
    for (const key of keys) {
      if (!stored.has(key.id)) {
        findings.push({ kind: 'entry_without_secret', id: key.id, label: key.label, message: `The private key of "${key.label}" is missing from the keychain. Its public key still works for exports, but it cannot sign tokens or be exported.` });
      }
    }
    for (const id of inventory.complete) {
      // The age identity of backups is a secret of its own, never a key of the list.
      if (!listed.has(id) && id !== BACKUP_IDENTITY_ID) {
        findings.push({ kind: 'secret_without_entry', id, message: `The keychain holds private key ${id}, which is not in the key list (a save was interrupted, or the list was replaced). Recover it to list it again, or delete it.` });
      }
    }
    for (const id of inventory.partial) {
      findings.push({ kind: 'incomplete_secret', id, message: `The keychain holds part of private key ${id} without its index (an interrupted write or delete). It cannot be read; delete it to clean up.` });
    }
    return findings;
  }

  /** The key list with reconcile's findings; a keychain that cannot be reached is reported, not fatal. */
  async listing(): Promise<KeyListing> {
    const keys = await this.list({ all: true });
    const keychainName = (await this.secrets.describe?.().catch(() => null)) ?? null;
    try {
      return { keys, findings: await this.reconcile(), keychainProblem: null, keychainName };
    } catch (error) {
      if (!(error instanceof CoreError) || error.code === 'catalog_corrupt') throw error;
      return { keys, findings: [], keychainProblem: toErrorValue(error), keychainName };
    }
  }

  async resolve(ref: string, scope: 'live' | 'trash' | 'any' = 'live'): Promise<KeyRecord> {
    return publicRecord(resolveKey(await this.catalog.read(), ref, scope));
  }

  async show(ref: string): Promise<KeyDetail> {
    const key = resolveKey(await this.catalog.read(), ref, 'any');
    return { ...publicRecord(key), publicPem: key.publicPem, randomart: rsaRandomart(createPublicKey(key.publicPem), key.bits) };
  }

  async publicPem(ref: string): Promise<string> {
    return resolveKey(await this.catalog.read(), ref, 'any').publicPem;
  }

  /** Records in the history that the public key left the app (saved to a file, copied). */
  async notePublicExport(ref: string, how: string): Promise<void> {
    await this.catalog.update((keys, history) => void history.push(historyEntry(resolveKey(keys, ref, 'any'), 'public-exported', this.now(), how)));
  }

  async generate(request: NewKeyRequest): Promise<KeyRecord> {
    const label = validLabel(request.label);
    const appId = validAppId(request.appId);
    await this.assertLabelFree(label);
    // Reach the keychain before spending seconds on a key it could not store.
    await this.vault.probe();
    const privateKey = await this.generateKey();
    return this.store(privateKey, { label, appId, source: 'generated', rotationOf: request.rotationOf ?? null });
  }

  /** Puts a private key in the vault and lists it. Used by generate, import and recover. */
  private async store(privateKey: KeyObject, meta: { label: string; appId: string | null; source: KeySource; id?: string; createdAt?: string | null; rotationOf?: string | null }): Promise<KeyRecord> {
    const bits = modulusBits(privateKey);
    const entry: StoredKey = {
      id: meta.id ?? newKeyId(),
      label: meta.label,
      appId: meta.appId,
      kid: null,
      createdAt: meta.createdAt === undefined ? this.now().toISOString() : meta.createdAt,
      kidRecordedAt: null,
      bits,
      fingerprint: sshFingerprint(privateKey),
      source: meta.source,
      publicPem: publicSpkiPem(privateKey),
      ...newKeyLifecycle(),
      rotationOf: meta.rotationOf ?? null,
    };
    if (!meta.id) await this.vault.put(entry.id, privatePkcs8Pem(privateKey));
    try {
      await this.catalog.update((keys, history) => {
        if (live(keys).some((key) => key.label === entry.label)) throw labelTaken(entry.label);
        const twin = keys.find((key) => key.fingerprint === entry.fingerprint);
        if (twin) throw keyExists(twin);
        keys.push(entry);
        const event = { generated: 'created', imported: 'imported', recovered: 'recovered', restored: 'restored' } as const;
        history.push(historyEntry(entry, event[entry.source], this.now(), entry.rotationOf ? `rotation of ${entry.rotationOf}` : undefined));
      });
    } catch (error) {
      // The catalog refused the entry: take the fresh secret back out so nothing is left unlisted.
      if (!meta.id) await this.vault.delete(entry.id).catch(() => undefined);
      throw error;
    }
    return publicRecord(entry);
  }

  /**
   * Stores a key people already have (PKCS#1, PKCS#8, OpenSSH; encrypted or not).
   * The source text is only read: the caller's file stays as it was.
   */
  async importKey(text: string, request: NewKeyRequest & { passphrase?: string }): Promise<{ key: KeyRecord; format: KeyFileFormat }> {
    const label = validLabel(request.label);
    const appId = validAppId(request.appId);
    const parsed = await parseKeyFile(text, request.passphrase);
    assertJaasKey(parsed.key);
    const keys = await this.catalog.read();
    const fingerprint = sshFingerprint(parsed.key);
    const twin = keys.find((key) => key.fingerprint === fingerprint);
    if (twin) throw keyExists(twin);
    if (live(keys).some((key) => key.label === label)) throw labelTaken(label);
    // Re-encode from the parsed key so the keychain holds the same plain PKCS#8 PEM for every key.
    const key = await this.store(parsed.key, { label, appId, source: 'imported' });
    return { key, format: parsed.format };
  }

  private async assertLabelFree(label: string): Promise<void> {
    if (live(await this.catalog.read()).some((key) => key.label === label)) throw labelTaken(label);
  }

  async recordKid(ref: string, kidText: string): Promise<KeyRecord> {
    return this.catalog.update((keys, history) => {
      const key = resolveKey(keys, ref);
      const refusal = kidRefusal(live(keys), key, kidText);
      if (refusal) throw refusal;
      const previous = key.kid;
      if (previous === kidText) return publicRecord(key);
      key.kid = kidText;
      key.appId = kidText.slice(0, kidText.indexOf('/'));
      key.kidRecordedAt = this.now().toISOString();
      kidRecorded(keys, key, previous, this.now(), history);
      return publicRecord(key);
    });
  }

  /** Why recording this kid on this key would be refused, or null; for live feedback while typing. */
  async kidProblem(ref: string, kidText: string): Promise<string | null> {
    const keys = await this.catalog.read();
    return kidRefusal(live(keys), resolveKey(keys, ref), kidText)?.message ?? null;
  }


  async rename(ref: string, newLabel: string): Promise<KeyRecord> {
    const label = validLabel(newLabel);
    return this.catalog.update((keys, history) => {
      const key = resolveKey(keys, ref, 'any');
      if (live(keys).some((other) => other.label === label && other.id !== key.id)) throw labelTaken(label);
      if (key.label === label) return publicRecord(key);
      const before = key.label;
      key.label = label;
      history.push(historyEntry(key, 'renamed', this.now(), `was "${before}"`));
      return publicRecord(key);
    });
  }

  /** The private key itself, for signing inside the core; never handed across a boundary. */
  async privateKey(ref: string): Promise<{ record: KeyRecord; key: KeyObject }> {
    const record = await this.resolve(ref, 'any');
    return { record, key: await this.privateKeyOf(record) };
  }

  private async privateKeyOf(record: KeyRecord): Promise<KeyObject> {
    const pem = await this.vault.get(record.id);
    if (pem === null) {
      // A locked Linux keychain answers "not found" rather than "locked", so both are named.
      throw new CoreError('secret_missing', `The private key of "${record.label}" is not in the keychain, or the keychain is locked. Unlock it and retry; if it is still missing, it was deleted there or this key list came from another computer.`);
    }
    return privateKeyFromStoredPem(pem);
  }

  /**
   * Signs a JaaS meeting token with a stored key (or an AppID's current key); the
   * private key never leaves this call. The key keeps a count of its tokens.
   */
  async makeToken(ref: string, options: TokenOptions): Promise<MadeToken> {
    const signer = await this.signer(ref);
    const made = signer.sign(options);
    await signer.flush();
    return made;
  }

  /**
   * Opens a key that may sign (a kid, not retired or trashed; an AppID means its
   * current key), refusing before the keychain is touched. `run` and `serve` use it.
   */
  async signer(ref: string): Promise<Signer> {
    const key = resolveKey(await this.catalog.read(), ref);
    assertCanSign(key);
    return new Signer(publicRecord(key), await this.privateKeyOf(key), this.catalog, this.now);
  }

  /** Checks a pasted token against Jitsi's rules and the stored public keys (the keychain is not needed). */
  async checkToken(token: string): Promise<TokenReport> {
    return checkToken(token, await this.catalog.read(), this.now());
  }

  /**
   * Writes the private key to a file the person chose: PKCS#1 PEM by default (as
   * `ssh-keygen -m PEM` writes it), mode 0600, never over an existing file unless forced.
   */
  async exportPrivate(ref: string, path: string, options: PrivateExportOptions = {}): Promise<KeyRecord> {
    const { record, key } = await this.privateKey(ref);
    const pem = options.pkcs8 ? privatePkcs8Pem(key) : privatePkcs1Pem(key);
    await writeExportFile(path, pem, { force: options.force ?? false, mode: 0o600 });
    await this.catalog.update((keys, history) => void history.push(historyEntry(resolveKey(keys, record.id, 'any'), 'private-exported', this.now(), options.pkcs8 ? 'PKCS#8 PEM' : 'PKCS#1 PEM')));
    return record;
  }

  /**
   * Rotation's first step: a new 4096-bit key for the same AppID, labelled after the
   * old one and the date. The old key keeps signing until the new one is current and
   * the old one's tokens have expired (`waitSeconds`: its longest token, or 2 hours).
   */
  async rotate(ref: string, label?: string): Promise<{ old: KeyRecord; key: KeyRecord; waitSeconds: number }> {
    const keys = await this.catalog.read();
    const old = resolveKey(keys, ref);
    if (old.status === 'retired') throw new CoreError('key_retired', `"${old.label}" is retired already; rotate the current key of ${old.appId ?? 'its AppID'} instead.`);
    if (!old.appId) throw new CoreError('no_app_id', `"${old.label}" has no AppID yet, so there is nothing to rotate it for. Record its Key ID first.`);
    let name = label ?? `${old.label} ${this.now().toISOString().slice(0, 10)}`;
    for (let n = 2; label === undefined && live(keys).some((key) => key.label === name); n++) name = `${old.label} ${this.now().toISOString().slice(0, 10)} (${n})`;
    const key = await this.generate({ label: name, appId: old.appId, rotationOf: old.id });
    return { old: publicRecord(old), key, waitSeconds: old.longestTokenSeconds ?? DEFAULT_TOKEN_OPTIONS.lifetimeSeconds };
  }

  /** Lists again a secret that reconcile found without a catalog entry. */
  async recover(id: string, label: string): Promise<KeyRecord> {
    const name = validLabel(label);
    if ((await this.catalog.read()).some((key) => key.id === id)) throw new CoreError('key_exists', `Key ${id} is already in the key list.`);
    const pem = await this.vault.get(id);
    if (pem === null) throw new CoreError('secret_missing', `The keychain holds no complete secret with id ${id}.`);
    return this.store(privateKeyFromStoredPem(pem), { id, label: name, appId: null, source: 'recovered', createdAt: null });
  }
}

/** Every rule a kid must pass for this key: its format, the key's AppID, and one kid per key. */
function kidRefusal(keys: readonly KeyRecord[], key: KeyRecord, kidText: string): CoreError | null {
  const check = checkKid(kidText);
  if (!check.ok) return new CoreError('invalid_kid', check.problem);
  const { kid, appId } = check.value;
  if (key.appId !== null && key.appId !== appId) {
    return new CoreError('app_id_mismatch', `This Key ID belongs to AppID ${appId}, but "${key.label}" is for AppID ${key.appId}. Check that you copied the kid of this key.`);
  }
  const holder = keys.find((other) => other.kid === kid && other.id !== key.id);
  return holder ? new CoreError('kid_in_use', `Key ID ${kid} is already recorded for "${holder.label}". One Key ID belongs to one key.`) : null;
}

function keyExists(holder: KeyRecord): CoreError {
  return new CoreError('key_exists', `This key is already stored as "${holder.label}" (${holder.id}).`);
}

function labelTaken(label: string): CoreError {
  return new CoreError('label_taken', `A key labelled "${label}" already exists. Choose another label.`);
}
