// The names of every method the window may call. The preload imports only this
// list (not the schemas), so the bridge exposes exactly these and nothing else.
export const METHODS = [
  'listKeys',
  'checkKeychain',
  'generateKey',
  'showKey',
  'checkKid',
  'recordKid',
  'renameKey',
  'savePublicKey',
  'copyPublicKey',
  'copyText',
  'exportPrivateKey',
  'deleteKey',
  'undeleteKey',
  'purgeKey',
  'activateKey',
  'retireKey',
  'unretireKey',
  'rotateKey',
  'keyHistory',
  'recoverKey',
  'openExternal',
  'importKey',
  'chooseKeyFile',
  'importKeyFile',
  'passphraseStrength',
  'checkRecipient',
  'myRecipient',
  'backupKeys',
  'chooseBackupFile',
  'previewRestore',
  'restoreBackup',
  'restoreProgress',
  'createToken',
  'checkToken',
  'checkKey',
  'saveRepairedKey',
  'copyPrivateForm',
] as const;

export type Method = (typeof METHODS)[number];

/** The IPC channel of a method; one channel per method, never a generic one. */
export function channelFor(method: Method): string {
  return `jaas:${method}`;
}
