import type { ErrorCode, ErrorValue } from '../shared/errors';

// The command's own words after a refusal: the core says what is wrong in plain
// words; this table adds the `jaas-keys` command that mends it, keyed by error
// code (as the window's errorText.ts adds its buttons' words). A code without a
// command that helps maps to null. Every code is listed: a new code that is not
// is a type error.

type Hint = ((error: ErrorValue) => string) | null;

const key = (error: ErrorValue) => error.keyId ?? 'KEY';

export const HINTS: Record<ErrorCode, Hint> = {
  keychain_unavailable: (error) =>
    /keytar\) is not built/.test(error.message)
      ? 'in a checkout: npm rebuild keytar (after sudo apt-get install libsecret-1-dev on Debian or Ubuntu).'
      : /D-Bus session/.test(error.message)
        ? 'outside a desktop session: dbus-run-session -- jaas-keys …'
        : 'jaas-keys doctor names the keychain in use and what is missing.',
  keychain_locked: () => 'unlock the keychain, then retry; jaas-keys doctor checks it.',
  key_not_found: () => 'jaas-keys list shows the keys (jaas-keys list --trash, the trash).',
  ambiguous_key: () => 'jaas-keys list shows each key’s id.',
  invalid_label: null,
  label_taken: (error) =>
    error.keyId
      ? `rename that key first: jaas-keys rename ${error.keyId} NEW-LABEL`
      : 'choose another label; jaas-keys list shows those in use.',
  invalid_app_id: null,
  app_id_mismatch: null,
  invalid_kid: null,
  kid_in_use: () => 'jaas-keys list shows which key holds each Key ID.',
  catalog_corrupt: null,
  catalog_busy: () => 'retry in a moment.',
  secret_missing: () => 'jaas-keys doctor compares the key list with the keychain.',
  secret_corrupt: () => 'jaas-keys doctor lists what the keychain holds.',
  file_exists: () => 'pass --force to replace it, or choose another name.',
  file_error: null,
  invalid_key_file: null,
  public_key_only: null,
  not_rsa: null,
  weak_key: null,
  passphrase_required: () => 'put the passphrase in an environment variable and pass --passphrase-env VAR.',
  wrong_passphrase: null,
  key_exists: (error) => `jaas-keys show ${key(error)}`,
  no_kid: (error) =>
    `jaas-keys public ${key(error)} --out FILE, upload it in the JaaS console, then: jaas-keys kid ${key(error)} KID`,
  key_retired: (error) =>
    error.keyId ? `jaas-keys unretire ${error.keyId}` : 'jaas-keys list shows the current key of each AppID.',
  key_trashed: (error) =>
    error.keyId ? `jaas-keys undelete ${error.keyId}` : 'jaas-keys list --trash, then jaas-keys undelete KEY',
  not_in_trash: (error) => `delete it first: jaas-keys rm ${key(error)}`,
  no_current_key: () => 'jaas-keys activate KEY makes an active key current; jaas-keys kid KEY KID records a Key ID.',
  no_app_id: (error) => `jaas-keys kid ${key(error)} KID`,
  invalid_token: null,
  invalid_backup: null,
  wrong_identity: () =>
    'jaas-keys recipient prints this computer’s recipient; make the backup to it on the other computer.',
  weak_passphrase: null,
  invalid_input: null,
  forbidden_sender: null,
  unknown_method: null,
  cancelled: null,
  internal: null,
};

/** The hint line for an error, or null when no command helps. */
export function hintFor(error: ErrorValue): string | null {
  const hint = HINTS[error.code]?.(error);
  return hint ? hint : null;
}
