export const USAGE = `jaas-keys: make, keep and use 8x8 JaaS API keys; private keys stay in the OS keychain.

Usage:
  jaas-keys new --label LABEL [--app-id APPID] [--json]   make a 4096-bit RSA key
  jaas-keys list [--trash] [--json]                       list keys (from the key list only); --trash: the trash
  jaas-keys show KEY [--json]                             details, fingerprint and randomart
  jaas-keys public KEY [--out FILE] [--force]             the public key as PEM, to upload to JaaS
  jaas-keys kid KEY KID [--json]                          record the Key ID the JaaS console shows
  jaas-keys rename KEY LABEL                              change a key's label
  jaas-keys export-private KEY --out FILE [--pkcs8] [--force]
                                                          write the private key to a file (mode 0600)
  jaas-keys activate KEY                                  make an active key the current key of its AppID
  jaas-keys rotate KEY [--label LABEL]                    make a new key for the same AppID and print the steps
  jaas-keys retire KEY [--yes]                            stop a key from signing (asks first for a current key)
  jaas-keys unretire KEY                                  let a retired key sign again
  jaas-keys rm KEY [--yes]                                move a key to the trash (undelete within 30 days)
  jaas-keys undelete KEY                                  bring a key back from the trash
  jaas-keys purge KEY [--yes]                             delete a trashed key's private key for good
  jaas-keys history [KEY] [--json]                        what happened to the keys (a purged one too), newest first
  jaas-keys backup --out FILE [KEY…] [--recipient age1…]… [--passphrase-env VAR] [--include-trash] [--force]
                                                          an encrypted backup (age) of all keys or the named ones
  jaas-keys restore FILE [--passphrase-env VAR] [--dry-run] [--json]
                                                          restore keys from a backup made here or elsewhere
  jaas-keys recipient                                     this computer's age recipient, for backups made to it
  jaas-keys run KEY [--key-file] [--env-prefix P] -- COMMAND [ARGS…]
                                                          run COMMAND with JAAS_APP_ID, JAAS_KID and JAAS_PRIVATE_KEY
                                                          (or JAAS_PRIVATE_KEY_PATH) in its environment only
  jaas-keys serve KEY [--port N] [--origin URL]… [--lifetime 1h] [--max-lifetime 24h] [--json]
                                                          a token endpoint on 127.0.0.1 for front-end development
  jaas-keys doctor [--json]                               name the keychain and compare the key list with it
  jaas-keys recover ID --label LABEL                      list again a keychain secret doctor found
  jaas-keys import FILE|- --label LABEL [--passphrase-env VAR] [--app-id APPID] [--json]
                                                          store a key you already have (PKCS#1, PKCS#8,
                                                          OpenSSH; encrypted or not); FILE is left as it is
  jaas-keys token KEY [--room ROOM] [--moderator] [--feature NAME]… [--user-id ID] [--name NAME]
                  [--email EMAIL] [--avatar URL] [--lifetime 2h] [--nbf-skew 10] [--json]
                                                          sign a JaaS meeting token; prints the token alone
  jaas-keys check TOKEN|- [--json]                        check a token against Jitsi's rules; exit 0 only
                                                          when the signature and every rule pass

KEY is a key's id, a unique prefix of it (4+ characters), its label, its kid, or an AppID (its current key).
Features: livestreaming, recording, transcription, sip-inbound-call, sip-outbound-call, inbound-call,
outbound-call, file-upload, list-visitors, send-groupchat, create-polls (they work only for moderators).

Options for every command:
  --data-dir DIR   the key list's folder (also JAAS_KEYS_DATA_DIR; default: the app's folder)
  -h, --help       this text

Environment: JAAS_KEYS_SERVICE names the keychain service (default jaas-key-manager).
Exit status: 0 done, 1 refused (one line on stderr says why), 2 usage error.
`;
