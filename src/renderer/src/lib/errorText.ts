import type { ErrorCode, ErrorValue } from '../../../shared/errors';

export interface ErrorText {
  title: string;
  /** What the person can do about it. */
  action: string;
}

// One entry per error code: TypeScript refuses to build if a code is missing.
const TEXT: Record<ErrorCode, ErrorText> = {
  keychain_unavailable: {
    title: 'The keychain cannot be reached',
    action:
      'Make sure your keychain (Secret Service, Keychain, Credential Manager) is installed and running, then retry.',
  },
  keychain_locked: {
    title: 'The keychain is locked',
    action: 'Unlock your keychain (for example by logging in again), then retry.',
  },
  key_not_found: {
    title: 'That key is gone',
    action: 'It may have been deleted from another window or by jaas-keys. The list has been refreshed.',
  },
  ambiguous_key: { title: 'More than one key matches', action: 'Pick the key from the list.' },
  invalid_label: { title: 'That label cannot be used', action: 'Use a short name without line breaks.' },
  label_taken: { title: 'That label is taken', action: 'Each key needs its own label. Choose another.' },
  invalid_app_id: {
    title: 'That AppID is not valid',
    action: 'Copy the AppID from the JaaS console (it starts with vpaas-magic-cookie-), or leave it empty.',
  },
  app_id_mismatch: {
    title: 'This Key ID belongs to another app',
    action: 'Copy the Key ID shown next to this key in the JaaS console.',
  },
  invalid_kid: {
    title: 'That Key ID is not valid',
    action: 'Copy the Key ID again from the JaaS console, exactly as shown.',
  },
  kid_in_use: {
    title: 'Another key already has this Key ID',
    action: 'Each Key ID belongs to one key. Check which key you uploaded.',
  },
  catalog_corrupt: {
    title: 'The key list file is damaged',
    action: 'It was left untouched. Restore it from a backup or move it aside; private keys in the keychain are safe.',
  },
  catalog_busy: {
    title: 'The key list is busy',
    action: 'jaas-keys or another window is changing it. Retry in a moment.',
  },
  secret_missing: {
    title: 'The private key is missing from the keychain',
    action: 'It was deleted there, or this list came from another computer. The public key still works.',
  },
  secret_corrupt: {
    title: 'The private key in the keychain is damaged',
    action: 'Part of it is missing or changed. Restore it from an exported copy if you have one.',
  },
  file_exists: { title: 'That file already exists', action: 'Choose another name.' },
  file_error: {
    title: 'The file could not be written or read',
    action: 'Check the folder exists and you may write there, then retry.',
  },
  invalid_key_file: { title: 'That is not a key this app can read', action: 'Use a PEM or OpenSSH private key file.' },
  public_key_only: { title: 'That is only a public key', action: 'Importing needs the private key file.' },
  not_rsa: { title: 'That is not an RSA key', action: 'JaaS keys are RSA keys.' },
  weak_key: { title: 'That key is too short', action: 'JaaS expects a 4096-bit RSA key.' },
  passphrase_required: { title: 'The key is protected by a passphrase', action: 'Enter its passphrase.' },
  wrong_passphrase: { title: 'The passphrase is wrong', action: 'Check it and try again.' },
  key_exists: { title: 'This key is already stored', action: 'Use the key that is already in the list.' },
  no_kid: {
    title: 'This key has no Key ID yet',
    action: 'Upload its public key in the JaaS console and record the Key ID first.',
  },
  key_retired: {
    title: 'This key is retired',
    action: 'A retired key does not sign. Unretire it, or use the current key of its AppID.',
  },
  key_trashed: { title: 'This key is in the trash', action: 'Undelete it from the Trash first.' },
  not_in_trash: {
    title: 'Only a key in the trash can be purged',
    action: 'Delete the key first (it goes to the trash), then purge it there.',
  },
  no_current_key: {
    title: 'That AppID has no current key',
    action: 'Record a Key ID on one of its keys, or make an active key current.',
  },
  no_app_id: {
    title: 'This key has no AppID yet',
    action: 'Record its Key ID first: rotation makes the new key for the same AppID.',
  },
  invalid_backup: {
    title: 'That backup cannot be restored',
    action: 'Check that it is the whole file a JaaS Key Manager backup wrote; nothing was restored.',
  },
  wrong_identity: {
    title: 'This backup was made for another computer',
    action: 'Make it again on the old computer with this computer’s recipient, or use a passphrase backup.',
  },
  weak_passphrase: {
    title: 'That passphrase is too weak for a backup',
    action:
      'Use four or five random words, or a longer passphrase. A backup can leak; its passphrase is all that protects the keys.',
  },
  invalid_token: {
    title: 'That token cannot be read',
    action: 'Paste the whole token: three parts separated by dots.',
  },
  invalid_input: { title: 'The request was refused', action: 'Check the values you entered and retry.' },
  forbidden_sender: { title: 'The request was refused', action: 'Restart JaaS Key Manager.' },
  unknown_method: {
    title: 'This version cannot do that',
    action: 'Restart JaaS Key Manager; if it persists, update it.',
  },
  cancelled: { title: 'Cancelled', action: 'Nothing was changed.' },
  internal: {
    title: 'Something unexpected went wrong',
    action: 'Nothing was changed by the failed step. Retry; if it persists, restart the app.',
  },
};

export function errorText(error: ErrorValue): ErrorText & { detail: string } {
  return { ...TEXT[error.code], detail: error.message };
}
