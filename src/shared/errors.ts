// The fixed list of error codes that cross a boundary (core -> CLI, main -> renderer).
// Every code has a human message attached where it is raised; the UI and the CLI
// decide what to show per code, so adding a code means handling it in both.
export const ERROR_CODES = [
  'keychain_unavailable', // no D-Bus session, no Secret Service, native module missing
  'keychain_locked', // the keychain exists but is locked
  'key_not_found',
  'ambiguous_key',
  'invalid_label',
  'label_taken',
  'invalid_app_id',
  'app_id_mismatch',
  'invalid_kid',
  'kid_in_use',
  'catalog_corrupt',
  'catalog_busy',
  'secret_missing', // the catalog lists a key whose secret is gone from the keychain
  'secret_corrupt', // a chunk of a secret is missing or does not match its manifest
  'file_exists',
  'file_error',
  'invalid_key_file',
  'public_key_only',
  'not_rsa',
  'weak_key',
  'passphrase_required',
  'wrong_passphrase',
  'key_exists',
  'no_kid',
  'key_retired', // a retired key does not sign and cannot be made current
  'key_trashed', // a key in the trash does not sign; undelete it first
  'not_in_trash', // purge takes only a key in the trash
  'no_current_key', // an AppID was named, but it has no current key
  'no_app_id', // rotation needs the key's AppID
  'invalid_token',
  'invalid_backup', // not a backup of this app, damaged, cut short, or from a newer version
  'wrong_identity', // a recipient backup made for another computer
  'weak_passphrase', // a backup passphrase the strength estimator rejects
  'invalid_input', // an argument failed validation at a boundary
  'forbidden_sender', // an IPC message from a frame that is not the app's own page
  'unknown_method',
  'cancelled', // the person dismissed a dialog
  'internal', // an unexpected failure; details are logged without secrets
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorValue {
  code: ErrorCode;
  /** Plain words for people, with no command in them: each face adds its own hint. */
  message: string;
  /** The key the error is about, where a face's hint needs it (the CLI's `undelete ID`, say). */
  keyId?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };
