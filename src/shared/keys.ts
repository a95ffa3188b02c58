import type { ErrorValue } from './errors';

// Key metadata as both the back end and the window see it. Never holds private material.

export type KeySource = 'generated' | 'imported' | 'recovered' | 'restored';

/**
 * Where a key is in its life (README: "Statuses"). Only an `active` key signs;
 * a `trashed` key's private key stays in the keychain until it is purged.
 */
export const KEY_STATUSES = ['needs-kid', 'active', 'retired', 'trashed'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** Days a trashed key waits before it is purged, as 1Password and the cloud KMSes default to. */
export const TRASH_DAYS = 30;

export interface KeyRecord {
  id: string;
  label: string;
  appId: string | null;
  kid: string | null;
  /** ISO 8601; null for a key whose creation time is not known (recovered from the keychain). */
  createdAt: string | null;
  kidRecordedAt: string | null;
  bits: number;
  /** `SHA256:…` exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  source: KeySource;
  status: KeyStatus;
  /** The active key that signs when a person names the AppID instead of a key; at most one per AppID. */
  current: boolean;
  retiredAt: string | null;
  trashedAt: string | null;
  /** When a trashed key is purged for good (trashedAt + 30 days). */
  purgeAfter: string | null;
  /** The status a trashed key goes back to when it is undeleted. */
  statusBeforeTrash: Exclude<KeyStatus, 'trashed'> | null;
  /** Tokens signed with this key: a count, never the tokens. */
  tokensSigned: number;
  lastTokenAt: string | null;
  /** The longest lifetime (seconds) of a token made with this key: how long a rotation waits. */
  longestTokenSeconds: number | null;
  /** Set on the key a rotation made: the id of the key it replaces. */
  rotationOf: string | null;
  /** When a backup file last included this key; null when it never was. */
  lastBackupAt: string | null;
}

/**
 * Every field of a key record, once. Each form a key takes (the key list and its two
 * checks, the record that leaves the core, `--json`, the backup file, docs/cli.md)
 * is built from or checked against this list: test/core/keyFields.test.ts fails
 * when a field is missing from any of them.
 */
export const KEY_FIELDS = [
  'id',
  'label',
  'appId',
  'kid',
  'fingerprint',
  'bits',
  'createdAt',
  'kidRecordedAt',
  'source',
  'status',
  'current',
  'retiredAt',
  'trashedAt',
  'purgeAfter',
  'statusBeforeTrash',
  'tokensSigned',
  'lastTokenAt',
  'longestTokenSeconds',
  'rotationOf',
  'lastBackupAt',
] as const satisfies ReadonlyArray<keyof KeyRecord>;

/** A KeyRecord field missing from KEY_FIELDS makes this a type error. */
type UnlistedField = Exclude<keyof KeyRecord, (typeof KEY_FIELDS)[number]>;
export const EVERY_KEY_FIELD_LISTED: [UnlistedField] extends [never] ? true : UnlistedField = true;

/** What `--json` leaves out: bookkeeping for the app's own rules, not something a person acts on. */
export const KEY_JSON_OMITS: ReadonlyArray<(typeof KEY_FIELDS)[number]> = ['statusBeforeTrash', 'longestTokenSeconds'];

/** What a backup leaves out: when a backup last held the key is this computer's fact, not the key's. */
export const KEY_BACKUP_OMITS: ReadonlyArray<(typeof KEY_FIELDS)[number]> = ['lastBackupAt'];

/** The lifecycle fields of a key as it is first listed (made, imported, recovered, migrated). */
export function newKeyLifecycle(): Pick<
  KeyRecord,
  | 'status'
  | 'current'
  | 'retiredAt'
  | 'trashedAt'
  | 'purgeAfter'
  | 'statusBeforeTrash'
  | 'tokensSigned'
  | 'lastTokenAt'
  | 'longestTokenSeconds'
  | 'rotationOf'
  | 'lastBackupAt'
> {
  return {
    status: 'needs-kid',
    current: false,
    retiredAt: null,
    trashedAt: null,
    purgeAfter: null,
    statusBeforeTrash: null,
    tokensSigned: 0,
    lastTokenAt: null,
    longestTokenSeconds: null,
    rotationOf: null,
    lastBackupAt: null,
  };
}

/** Every kind of change the history records (README: "History"). */
export const HISTORY_EVENTS = [
  'created',
  'imported',
  'recovered',
  'restored',
  'migrated',
  'kid-recorded',
  'kid-changed',
  'renamed',
  'made-current',
  'retired',
  'unretired',
  'trashed',
  'undeleted',
  'purged',
  'public-exported',
  'private-exported',
] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** One change to one key. `detail` names the key as it was then, so a purged key can still be identified. */
export interface HistoryEntry {
  at: string;
  keyId: string;
  event: HistoryEvent;
  detail: { label: string; kid: string | null; fingerprint: string; note?: string };
}

export interface KeyDetail extends KeyRecord {
  randomart: string;
  publicPem: string;
}

/** What a reconcile of catalog and keychain found; each names the key id involved. */
export type Finding =
  | { kind: 'secret_without_entry'; id: string; message: string }
  | { kind: 'entry_without_secret'; id: string; label: string; message: string }
  | { kind: 'incomplete_secret'; id: string; message: string };

export interface KeyListing {
  keys: KeyRecord[];
  findings: Finding[];
  /** Set when the keychain could not be checked (locked, missing); the keys are still listed. */
  keychainProblem: ErrorValue | null;
  /** Which keychain holds the private keys, e.g. "Secret Service: GNOME Keyring (gnome-keyring-daemon, pid 812)". */
  keychainName: string | null;
}

/** The forms a server reads a private key in (core/keys/privateForms.ts makes them; docs/cli.md, "Keys in production"). */
export const PRIVATE_FORMATS = ['pkcs1', 'pkcs8', 'env', 'env-base64', 'json', 'k8s', 'jwk'] as const;
export type PrivateFormat = (typeof PRIVATE_FORMATS)[number];

/** How each form is described to people. */
export const PRIVATE_FORMAT_NAMES: Record<PrivateFormat, string> = {
  pkcs1: 'PKCS#1 PEM',
  pkcs8: 'PKCS#8 PEM',
  env: 'a dotenv block of JAAS_APP_ID, JAAS_KID and JAAS_PRIVATE_KEY',
  'env-base64': 'a dotenv block with the key in base64 as JAAS_PRIVATE_KEY_B64',
  json: 'JSON of appId, kid and privateKey',
  k8s: 'a Kubernetes Secret manifest',
  jwk: 'a private JWK',
};
