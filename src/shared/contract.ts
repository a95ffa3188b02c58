import * as z from 'zod';
import type { ErrorValue, Result } from './errors';
import type { PassphraseStrength, RestoreItem } from './backup';
import { PRIVATE_FORMATS, type HistoryEntry, type KeyDetail, type KeyListing, type KeyRecord } from './keys';
import type { Method } from './methods';
import { KEY_RUNTIMES, type KeyCheckReport } from './keyCheck';
import { JAAS_FEATURES, type MadeToken, type TokenReport } from './tokens';

// The IPC contract: for every method the window may call, a strict schema for
// its input (unknown fields, wrong types and oversized strings are refused) and
// its result type. Main registers handlers from it; the preload exposes it.

const keyId = z.string().regex(/^[0-9a-f]{16}$/, 'a key id is 16 hex digits');
/** A pasted key as it arrived somewhere: at most 64 KB, as check-key reads (anything longer is not one key). */
const pastedKey = z.strictObject({ text: z.string().min(1).max(65_536), runtime: z.enum(KEY_RUNTIMES).nullable() });
const shortText = (max: number) => z.string().max(max);

/** Marks a method's result type; the value itself is never used. */
const returns = <T>() => undefined as unknown as T;

export interface KidCheck {
  ok: boolean;
  problem: string | null;
}

export interface SavedFile {
  path: string;
}

export interface ImportedKey {
  key: KeyRecord;
  /** Human name of the format that was read, e.g. "encrypted OpenSSH private key". */
  formatName: string;
  encrypted: boolean;
  /** The file the key came from, which still holds a copy; null for pasted text. */
  sourcePath: string | null;
}

export interface Rotation {
  old: KeyRecord;
  key: KeyRecord;
  /** How long to wait after the new key is current before retiring the old one. */
  waitSeconds: number;
}

export interface ChosenBackup {
  /** Names the file for previewRestore and restoreBackup; the window never sees the file. */
  fileId: string;
  name: string;
  /** What opens it: a passphrase, or this computer's age identity. */
  needs: 'passphrase' | 'identity';
}

export interface RestoreProgress {
  /** Keys stored in the keychain so far, and how many will be. */
  done: number;
  total: number;
}

export interface ChosenFile {
  /** Names the file for importKeyFile; the window never sees the file's content. */
  fileId: string;
  name: string;
}

const importFields = {
  label: shortText(200),
  appId: shortText(200).nullable().optional(),
  passphrase: shortText(1024).optional(),
};

const tokenOptions = z.strictObject({
  room: shortText(200),
  userId: shortText(200).optional(),
  name: shortText(200).optional(),
  email: shortText(320).optional(),
  avatar: shortText(2000).optional(),
  moderator: z.boolean(),
  features: z.array(z.enum(JAAS_FEATURES)).max(JAAS_FEATURES.length),
  lifetimeSeconds: z
    .number()
    .int()
    .positive()
    .max(366 * 24 * 3600),
  nbfSkewSeconds: z.number().int().min(0).max(3600),
});

export const contract = {
  listKeys: { input: z.strictObject({}), result: returns<KeyListing>() },
  checkKeychain: { input: z.strictObject({}), result: returns<KeyListing>() },
  generateKey: {
    input: z.strictObject({ label: shortText(200), appId: shortText(200).nullable().optional() }),
    result: returns<KeyRecord>(),
  },
  showKey: { input: z.strictObject({ id: keyId }), result: returns<KeyDetail>() },
  checkKid: { input: z.strictObject({ id: keyId, kid: shortText(500) }), result: returns<KidCheck>() },
  recordKid: { input: z.strictObject({ id: keyId, kid: shortText(500) }), result: returns<KeyRecord>() },
  renameKey: { input: z.strictObject({ id: keyId, label: shortText(200) }), result: returns<KeyRecord>() },
  savePublicKey: { input: z.strictObject({ id: keyId }), result: returns<SavedFile>() },
  copyPublicKey: { input: z.strictObject({ id: keyId }), result: returns<{ copied: true }>() },
  /** Copies public text the window shows (a fingerprint, a kid); never reads from the clipboard. */
  copyText: { input: z.strictObject({ text: shortText(20_000) }), result: returns<{ copied: true }>() },
  /** Asks, then saves the private key in one of the forms servers read, where the person chooses (0600). */
  exportPrivateKey: {
    input: z.strictObject({ id: keyId, format: z.enum(PRIVATE_FORMATS) }),
    result: returns<SavedFile>(),
  },
  /** Asks, then puts a private form on the clipboard from main (the window never sees it); cleared after a minute. */
  copyPrivateForm: {
    input: z.strictObject({ id: keyId, format: z.enum(PRIVATE_FORMATS) }),
    result: returns<{ copied: true; clearsAfterSeconds: number }>(),
  },
  /** Moves a key to the trash (30 days); its private key stays in the keychain. */
  deleteKey: { input: z.strictObject({ id: keyId }), result: returns<KeyRecord>() },
  undeleteKey: { input: z.strictObject({ id: keyId }), result: returns<KeyRecord>() },
  /** Deletes a trashed key's private key for good; `confirmation` is what the person typed (its label or kid). */
  purgeKey: { input: z.strictObject({ id: keyId, confirmation: shortText(500) }), result: returns<{ id: string }>() },
  activateKey: {
    input: z.strictObject({ id: keyId }),
    result: returns<{ key: KeyRecord; previous: KeyRecord | null }>(),
  },
  retireKey: { input: z.strictObject({ id: keyId }), result: returns<KeyRecord>() },
  unretireKey: { input: z.strictObject({ id: keyId }), result: returns<KeyRecord>() },
  rotateKey: { input: z.strictObject({ id: keyId }), result: returns<Rotation>() },
  keyHistory: { input: z.strictObject({ id: keyId }), result: returns<HistoryEntry[]>() },
  recoverKey: { input: z.strictObject({ id: keyId, label: shortText(200) }), result: returns<KeyRecord>() },
  openExternal: { input: z.strictObject({ url: shortText(2000) }), result: returns<{ opened: true }>() },
  importKey: { input: z.strictObject({ text: shortText(20_000), ...importFields }), result: returns<ImportedKey>() },
  chooseKeyFile: { input: z.strictObject({}), result: returns<ChosenFile>() },
  importKeyFile: {
    input: z.strictObject({ fileId: z.string().regex(/^[0-9a-f]{32}$/), ...importFields }),
    result: returns<ImportedKey>(),
  },
  passphraseStrength: { input: z.strictObject({ passphrase: shortText(1024) }), result: returns<PassphraseStrength>() },
  checkRecipient: { input: z.strictObject({ recipient: shortText(200) }), result: returns<KidCheck>() },
  myRecipient: { input: z.strictObject({}), result: returns<{ recipient: string }>() },
  /** Encrypts the chosen keys (none named: every key) and saves the file where the person chooses. */
  backupKeys: {
    input: z.strictObject({
      ids: z.array(keyId).max(10_000),
      lock: z.union([
        z.strictObject({ passphrase: shortText(1024) }),
        z.strictObject({ recipients: z.array(shortText(200)).min(1).max(20) }),
      ]),
      includeTrash: z.boolean(),
    }),
    result: returns<{ path: string; count: number }>(),
  },
  chooseBackupFile: { input: z.strictObject({}), result: returns<ChosenBackup>() },
  previewRestore: {
    input: z.strictObject({ fileId: z.string().regex(/^[0-9a-f]{32}$/), passphrase: shortText(1024).optional() }),
    result: returns<RestoreItem[]>(),
  },
  restoreBackup: {
    input: z.strictObject({ fileId: z.string().regex(/^[0-9a-f]{32}$/), passphrase: shortText(1024).optional() }),
    result: returns<RestoreItem[]>(),
  },
  /**
   * How far a restore of this file has got (key n of N in the keychain), for the window to
   * poll while restoreBackup runs: the contract has no messages from main to the window.
   */
  restoreProgress: {
    input: z.strictObject({ fileId: z.string().regex(/^[0-9a-f]{32}$/) }),
    result: returns<RestoreProgress | null>(),
  },
  createToken: { input: z.strictObject({ id: keyId, options: tokenOptions }), result: returns<MadeToken>() },
  checkToken: { input: z.strictObject({ token: shortText(16_384) }), result: returns<TokenReport>() },
  /** What is wrong with a pasted private key (check-key); the report holds no key material. */
  checkKey: { input: pastedKey, result: returns<KeyCheckReport>() },
  /** Saves the repaired copy of a pasted key (PKCS#8 PEM, 0600) where the person chooses. */
  saveRepairedKey: { input: pastedKey, result: returns<SavedFile>() },
} satisfies Record<Method, { input: z.ZodType; result: unknown }>;

export type Contract = typeof contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M]['result'];

/** What `window.jaas` is: one promise-returning function per method, results as values. */
export type JaasApi = { readonly [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> };

export type { ErrorValue, Result };
