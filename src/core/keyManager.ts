import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { Finding, KeyDetail, KeyListing, KeyRecord, KeySource } from '../shared/keys';
import type { MadeToken, TokenOptions, TokenReport } from '../shared/tokens';
import { Catalog, type StoredKey } from './catalog';
import { CoreError, toErrorValue } from './errors';
import { rsaRandomart, sshFingerprint } from './fingerprint';
import { checkAppId, checkKid } from './kid';
import { assertJaasKey, parseKeyFile, type KeyFileFormat } from './importKey';
import { checkLabel } from './label';
import { withFileLock } from './lock';
import { writeExportFile } from './exportFile';
import { resolveKey } from './resolveKey';
import { makeToken, noKidError } from './token';
import { checkToken } from './tokenCheck';
import { generateRsaKey, modulusBits, privateKeyFromStoredPem, privatePkcs1Pem, privatePkcs8Pem, publicSpkiPem } from './rsa';
import { ChunkedVault, type SecretStore } from './vault';

export interface KeyManagerOptions {
  dataDir: string;
  store: SecretStore;
  chunkSize?: number;
  now?: () => Date;
}

export interface NewKeyRequest {
  label: string;
  appId?: string | null;
}

export interface PrivateExportOptions {
  pkcs8?: boolean;
  force?: boolean;
}

function newKeyId(): string {
  return randomBytes(8).toString('hex');
}

function publicRecord(key: StoredKey): KeyRecord {
  const { publicPem: _publicPem, ...record } = key;
  return record;
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

  constructor(options: KeyManagerOptions) {
    this.catalog = new Catalog(options.dataDir);
    this.secrets = options.store;
    const keychainLock = join(options.dataDir, 'keychain.lock');
    this.vault = new ChunkedVault(options.store, options.chunkSize, (work) => withFileLock(keychainLock, work));
    this.now = options.now ?? (() => new Date());
  }

  /** The catalog alone: fast, and works while the keychain is locked. */
  async list(): Promise<KeyRecord[]> {
    return (await this.catalog.read()).map(publicRecord);
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
      if (!listed.has(id)) {
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
    const keys = await this.list();
    const keychainName = (await this.secrets.describe?.().catch(() => null)) ?? null;
    try {
      return { keys, findings: await this.reconcile(), keychainProblem: null, keychainName };
    } catch (error) {
      if (!(error instanceof CoreError) || error.code === 'catalog_corrupt') throw error;
      return { keys, findings: [], keychainProblem: toErrorValue(error), keychainName };
    }
  }

  async resolve(ref: string): Promise<KeyRecord> {
    return publicRecord(resolveKey(await this.catalog.read(), ref));
  }

  async show(ref: string): Promise<KeyDetail> {
    const key = resolveKey(await this.catalog.read(), ref);
    return { ...publicRecord(key), publicPem: key.publicPem, randomart: rsaRandomart(createPublicKey(key.publicPem), key.bits) };
  }

  async publicPem(ref: string): Promise<string> {
    return resolveKey(await this.catalog.read(), ref).publicPem;
  }

  async generate(request: NewKeyRequest): Promise<KeyRecord> {
    const label = validLabel(request.label);
    const appId = validAppId(request.appId);
    await this.assertLabelFree(label);
    // Reach the keychain before spending seconds on a key it could not store.
    await this.vault.probe();
    const privateKey = await generateRsaKey();
    return this.store(privateKey, { label, appId, source: 'generated' });
  }

  /** Puts a private key in the vault and lists it. Used by generate, import and recover. */
  private async store(privateKey: KeyObject, meta: { label: string; appId: string | null; source: KeySource; id?: string; createdAt?: string | null }): Promise<KeyRecord> {
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
    };
    if (!meta.id) await this.vault.put(entry.id, privatePkcs8Pem(privateKey));
    try {
      await this.catalog.update((keys) => {
        if (keys.some((key) => key.label === entry.label)) throw labelTaken(entry.label);
        const twin = keys.find((key) => key.fingerprint === entry.fingerprint);
        if (twin) throw keyExists(twin);
        keys.push(entry);
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
    const parsed = parseKeyFile(text, request.passphrase);
    assertJaasKey(parsed.key);
    const keys = await this.catalog.read();
    const fingerprint = sshFingerprint(parsed.key);
    const twin = keys.find((key) => key.fingerprint === fingerprint);
    if (twin) throw keyExists(twin);
    if (keys.some((key) => key.label === label)) throw labelTaken(label);
    // Re-encode from the parsed key so the keychain holds the same plain PKCS#8 PEM for every key.
    const key = await this.store(parsed.key, { label, appId, source: 'imported' });
    return { key, format: parsed.format };
  }

  private async assertLabelFree(label: string): Promise<void> {
    if ((await this.catalog.read()).some((key) => key.label === label)) throw labelTaken(label);
  }

  async recordKid(ref: string, kidText: string): Promise<KeyRecord> {
    return this.catalog.update((keys) => {
      const key = resolveKey(keys, ref);
      const refusal = kidRefusal(keys, key, kidText);
      if (refusal) throw refusal;
      key.kid = kidText;
      key.appId = kidText.slice(0, kidText.indexOf('/'));
      key.kidRecordedAt = this.now().toISOString();
      return publicRecord(key);
    });
  }

  /** Why recording this kid on this key would be refused, or null; for live feedback while typing. */
  async kidProblem(ref: string, kidText: string): Promise<string | null> {
    const keys = await this.catalog.read();
    return kidRefusal(keys, resolveKey(keys, ref), kidText)?.message ?? null;
  }


  async rename(ref: string, newLabel: string): Promise<KeyRecord> {
    const label = validLabel(newLabel);
    return this.catalog.update((keys) => {
      const key = resolveKey(keys, ref);
      if (keys.some((other) => other.label === label && other.id !== key.id)) throw labelTaken(label);
      key.label = label;
      return publicRecord(key);
    });
  }

  /** The private key itself, for signing inside the core; never handed across a boundary. */
  async privateKey(ref: string): Promise<{ record: KeyRecord; key: KeyObject }> {
    const record = await this.resolve(ref);
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

  /** Signs a JaaS meeting token with a stored key; the private key never leaves this call. */
  async makeToken(ref: string, options: TokenOptions): Promise<MadeToken> {
    const record = await this.resolve(ref);
    // Refuse before touching the keychain: without a kid no token can be valid.
    if (!record.kid) throw noKidError(record);
    return makeToken(record, await this.privateKeyOf(record), options, this.now());
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
    return record;
  }

  /** Deletes every chunk of the secret, then the catalog entry. Also cleans up reconcile leftovers by id. */
  async delete(ref: string): Promise<{ id: string; label: string | null }> {
    const keys = await this.catalog.read();
    let target: { id: string; label: string | null };
    try {
      const key = resolveKey(keys, ref);
      target = { id: key.id, label: key.label };
    } catch (error) {
      // A secret the catalog does not list can only be named by its full id.
      if (!(error instanceof CoreError && error.code === 'key_not_found' && /^[0-9a-f]{16}$/.test(ref))) throw error;
      target = { id: ref, label: null };
    }
    const removedSecret = await this.vault.delete(target.id);
    let removedEntry = false;
    await this.catalog.update((current) => {
      const index = current.findIndex((key) => key.id === target.id);
      if (index !== -1) {
        current.splice(index, 1);
        removedEntry = true;
      }
    });
    if (!removedSecret && !removedEntry) throw new CoreError('key_not_found', `No key matches "${ref}".`);
    return target;
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
