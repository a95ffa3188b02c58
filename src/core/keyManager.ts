import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { Finding, HistoryEntry, KeyDetail, KeyListing, KeyRecord } from '../shared/keys';
import { DEFAULT_TOKEN_OPTIONS, type MadeToken, type TokenOptions, type TokenReport } from '../shared/tokens';
import { Backups } from './backup/backup';
import { Catalog } from './catalog/catalog';
import { historyEntry, historyOf } from './catalog/history';
import { publicRecord } from './catalog/publicRecord';
import { resolveKey } from './catalog/resolveKey';
import { writeExportFile } from './files/exportFile';
import { withFileLock } from './files/lock';
import { listing, reconcile, startupListing } from './keychain/reconcile';
import { Vault, type SecretStore } from './keychain/vault';
import { WriteMarks } from './keychain/writeMarks';
import { KeychainMigration } from './keychain/migration';
import { rsaRandomart } from './keys/fingerprint';
import { assertJaasKey, parseKeyFile, type KeyFileFormat } from './keys/importKey';
import { generateRsaKey, privateKeyFromStoredPem } from './keys/rsa';
import { PRIVATE_FORMAT_NAMES, privateKeyForm, type PrivateFormat } from './keys/privateForms';
import { KeyIntake } from './lifecycle/intake';
import { kidRefusal, secretMissing, validAppId, validLabel } from './lifecycle/keyRules';
import { assertCanSign, Lifecycle, live } from './lifecycle/lifecycle';
import { rotationLabel } from './lifecycle/rotate';
import { recordKid, renameKey } from './lifecycle/naming';
import { Signer } from './tokens/signer';
import { checkToken } from './tokens/tokenCheck';
import { Production } from './work/production';

export { publicRecord } from './catalog/publicRecord';

export interface KeyManagerOptions {
  dataDir: string;
  store: SecretStore;
  now?: () => Date;
  /** Where new keys come from: generateRsaKey unless given (the tests hand in real keys made ahead, keyPool.ts). */
  generateKey?: () => Promise<KeyObject>;
}

export interface NewKeyRequest {
  label: string;
  appId?: string | null;
  /** Set by rotate: the id of the key the new one replaces. */
  rotationOf?: string | null;
}

export interface PrivateExportOptions {
  /** The form (keys/privateForms.ts); PKCS#1 PEM unless given. */
  format?: PrivateFormat;
  /** Short for format 'pkcs8'. */
  pkcs8?: boolean;
  force?: boolean;
}

/**
 * Everything the product does with keys, for the app's main process and the CLI
 * alike: a façade over the catalog, the keychain vault, the lifecycle, tokens and
 * backups, each in its own folder. Methods here only resolve, delegate and record.
 */
export class KeyManager {
  readonly catalog: Catalog;
  private readonly vault: Vault;
  private readonly secrets: SecretStore;
  private readonly now: () => Date;
  private readonly generateKey: () => Promise<KeyObject>;
  private readonly intake: KeyIntake;
  private readonly marks: WriteMarks;
  private readonly migration: KeychainMigration;
  /** Status changes, the trash and purging (core/lifecycle). */
  readonly lifecycle: Lifecycle;
  /** Encrypted backups and restores (core/backup). */
  readonly backups: Backups;
  /** Keys in production: a key checked as it arrived, config templates (core/work/production.ts). */
  readonly production: Production;

  constructor(options: KeyManagerOptions) {
    this.now = options.now ?? (() => new Date());
    this.generateKey = options.generateKey ?? (() => generateRsaKey());
    this.marks = new WriteMarks(options.dataDir);
    // After each key list write: format 1 secrets move to one item (once), then this process's write mark goes.
    this.catalog = new Catalog(options.dataDir, this.now, async () => {
      await this.migration.runOnce();
      await this.marks.end();
    });
    this.secrets = options.store;
    const keychainLock = join(options.dataDir, 'keychain.lock');
    const exclusive = <T>(work: () => Promise<T>) => withFileLock(keychainLock, work);
    this.vault = new Vault(options.store, exclusive, () => this.marks.begin());
    this.migration = new KeychainMigration(options.dataDir, this.vault);
    this.lifecycle = new Lifecycle(this.catalog, this.vault, this.now);
    this.intake = new KeyIntake(this.catalog, this.vault, this.now);
    this.backups = new Backups(this.catalog, this.vault, this.now);
    this.production = new Production(
      this.catalog,
      (key) => this.privateKeyOf(key),
      (id, how) => this.notePrivateExport(id, how),
    );
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

  /** Compares catalog and keychain and reports every mismatch; changes nothing (keychain/reconcile.ts). */
  reconcile(): Promise<Finding[]> {
    return reconcile(this.catalog, this.vault);
  }

  /** How many secrets are still in the chunked form of earlier releases (doctor); reads every item. */
  async oldFormSecrets(): Promise<number> {
    const { chunked, leftovers } = await this.vault.oldForm();
    return chunked.length + leftovers.length;
  }

  /** The key list with reconcile's findings; a keychain that cannot be reached is reported, not fatal. */
  async listing(): Promise<KeyListing> {
    await this.list({ all: true });
    return listing(this.catalog, this.vault, this.secrets);
  }

  /**
   * The listing a window opens with: the keychain's findings only when a write may not have
   * finished (a write mark was left), so an ordinary start reads no secret (on macOS each read
   * may ask for the password). A full check is Check keychain or `doctor`.
   */
  async startupListing(): Promise<KeyListing> {
    await this.list({ all: true });
    return startupListing(this.catalog, this.vault, this.secrets, this.marks);
  }

  async resolve(ref: string, scope: 'live' | 'trash' | 'any' = 'live'): Promise<KeyRecord> {
    return publicRecord(resolveKey(await this.catalog.read(), ref, scope));
  }

  async show(ref: string): Promise<KeyDetail> {
    const key = resolveKey(await this.catalog.read(), ref, 'any');
    return {
      ...publicRecord(key),
      publicPem: key.publicPem,
      randomart: rsaRandomart(createPublicKey(key.publicPem), key.bits),
    };
  }

  async publicPem(ref: string): Promise<string> {
    return resolveKey(await this.catalog.read(), ref, 'any').publicPem;
  }

  /** Records in the history that the public key left the app (saved to a file, copied). */
  async notePublicExport(ref: string, how: string): Promise<void> {
    await this.catalog.update(
      (keys, history) =>
        void history.push(historyEntry(resolveKey(keys, ref, 'any'), 'public-exported', this.now(), how)),
    );
  }

  async generate(request: NewKeyRequest): Promise<KeyRecord> {
    const label = validLabel(request.label);
    const appId = validAppId(request.appId);
    await this.intake.assertNew(label);
    // Reach the keychain before spending seconds on a key it could not store.
    await this.vault.probe();
    const privateKey = await this.generateKey();
    return this.intake.store(privateKey, { label, appId, source: 'generated', rotationOf: request.rotationOf ?? null });
  }

  /**
   * Stores a key people already have (PKCS#1, PKCS#8, OpenSSH; encrypted or not).
   * The source text is only read: the caller's file stays as it was. The keychain
   * gets the same plain PKCS#8 PEM for every key, re-encoded from the parsed key.
   */
  async importKey(
    text: string,
    request: NewKeyRequest & { passphrase?: string },
  ): Promise<{ key: KeyRecord; format: KeyFileFormat }> {
    const label = validLabel(request.label);
    const appId = validAppId(request.appId);
    const parsed = await parseKeyFile(text, request.passphrase);
    assertJaasKey(parsed.key);
    await this.intake.assertNew(label, parsed.key);
    const key = await this.intake.store(parsed.key, { label, appId, source: 'imported' });
    return { key, format: parsed.format };
  }

  /** Records the Key ID the console shows (lifecycle/naming.ts). */
  recordKid(ref: string, kidText: string): Promise<KeyRecord> {
    return recordKid(this.catalog, ref, kidText, this.now);
  }

  /** Why recording this kid on this key would be refused, or null; for live feedback while typing. */
  async kidProblem(ref: string, kidText: string): Promise<string | null> {
    const keys = await this.catalog.read();
    return kidRefusal(live(keys), resolveKey(keys, ref), kidText)?.message ?? null;
  }

  rename(ref: string, newLabel: string): Promise<KeyRecord> {
    return renameKey(this.catalog, ref, newLabel, this.now);
  }

  /** The private key itself, for signing inside the core; never handed across a boundary. */
  async privateKey(ref: string): Promise<{ record: KeyRecord; key: KeyObject }> {
    const record = await this.resolve(ref, 'any');
    return { record, key: await this.privateKeyOf(record) };
  }

  private async privateKeyOf(record: KeyRecord): Promise<KeyObject> {
    const pem = await this.vault.get(record.id);
    if (pem === null) throw secretMissing(record);
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
    const format = options.format ?? (options.pkcs8 ? 'pkcs8' : 'pkcs1');
    const { record, text } = await this.privateForm(ref, format);
    await writeExportFile(path, text, { force: options.force ?? false, mode: 0o600 });
    await this.notePrivateExport(record.id, PRIVATE_FORMAT_NAMES[format]);
    return record;
  }

  /**
   * The private key in one of the forms servers read (keys/privateForms.ts), for a caller
   * that hands it on itself: `export-private --out -` to a pipe. The caller records where it went.
   */
  async privateForm(ref: string, format: PrivateFormat): Promise<{ record: KeyRecord; text: string }> {
    const { record, key } = await this.privateKey(ref);
    return { record, text: privateKeyForm(format, key, record) };
  }

  /** Records in the history that the private key left the keychain, and how. */
  async notePrivateExport(ref: string, how: string): Promise<void> {
    const at = this.now();
    await this.catalog.update(
      (keys, history) => void history.push(historyEntry(resolveKey(keys, ref, 'any'), 'private-exported', at, how)),
    );
  }

  /**
   * Rotation's first step: a new 4096-bit key for the same AppID (core/lifecycle/rotate.ts).
   * The old key keeps signing until the new one is current and the old one's tokens
   * have expired (`waitSeconds`: its longest token, or 2 hours).
   */
  async rotate(ref: string, label?: string): Promise<{ old: KeyRecord; key: KeyRecord; waitSeconds: number }> {
    const keys = await this.catalog.read();
    const old = resolveKey(keys, ref);
    const name = rotationLabel(keys, old, this.now(), label);
    const key = await this.generate({ label: name, appId: old.appId, rotationOf: old.id });
    return {
      old: publicRecord(old),
      key,
      waitSeconds: old.longestTokenSeconds ?? DEFAULT_TOKEN_OPTIONS.lifetimeSeconds,
    };
  }

  /** Lists again a secret that reconcile found without a catalog entry. */
  recover(id: string, label: string): Promise<KeyRecord> {
    return this.intake.recover(id, label);
  }
}
