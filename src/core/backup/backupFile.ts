import * as z from 'zod';
import { HISTORY_EVENTS, KEY_STATUSES } from '../../shared/keys';
import { CoreError } from '../errors';
import { decrypt, encrypt, NoIdentityMatchedError } from './age/age';
import { armor, dearmor } from './age/armor';
import { AgeFormatError, readHeader, VERSION_LINE, type Identity, type Recipient, type Stanza } from './age/header';
import { ScryptIdentity, ScryptRecipient } from './age/scrypt';
import { identityToRecipient, parseRecipient, X25519Identity, X25519Recipient } from './age/x25519';

// The backup file: an ASCII-armored age file (C2SP age spec; Debian's `age`
// decrypts it) around JSON that names its format and version and holds, per key,
// its metadata, its history and its private key as plain PKCS#8 PEM. So
// `age -d backup.age | jq -r '.keys[0].privateKeyPem' | openssl pkey` works
// without this app. The age format is written and read by ./age over Node's own
// cryptography (OpenSSL's ChaCha20-Poly1305, X25519, HKDF, HMAC and scrypt).

export const BACKUP_FORMAT = 'jaas-key-manager-backup';
export const BACKUP_VERSION = 1;
/** A backup of thousands of keys is a few MB; anything far larger is not one of ours. */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

const isoTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'an ISO 8601 time');
const hexId = z.string().regex(/^[0-9a-f]{16}$/);

const backupKeySchema = z.strictObject({
  id: hexId,
  label: z.string().min(1).max(200),
  appId: z.string().max(200).nullable(),
  kid: z.string().max(500).nullable(),
  status: z.enum(KEY_STATUSES),
  current: z.boolean(),
  createdAt: isoTime.nullable(),
  kidRecordedAt: isoTime.nullable(),
  retiredAt: isoTime.nullable(),
  trashedAt: isoTime.nullable(),
  purgeAfter: isoTime.nullable(),
  statusBeforeTrash: z.enum(['needs-kid', 'active', 'retired']).nullable(),
  source: z.enum(['generated', 'imported', 'recovered', 'restored']),
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/),
  bits: z.number().int().positive(),
  tokensSigned: z.number().int().min(0),
  lastTokenAt: isoTime.nullable(),
  longestTokenSeconds: z.number().int().positive().nullable(),
  rotationOf: hexId.nullable(),
  history: z.array(
    z.strictObject({
      at: isoTime,
      keyId: hexId,
      event: z.enum(HISTORY_EVENTS),
      detail: z.strictObject({
        label: z.string(),
        kid: z.string().nullable(),
        fingerprint: z.string(),
        note: z.string().optional(),
      }),
    }),
  ),
  privateKeyPem: z.string().startsWith('-----BEGIN PRIVATE KEY-----\n').max(20_000),
});

export const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: isoTime,
  keys: z.array(backupKeySchema),
});

export type Backup = z.infer<typeof backupSchema>;
export type BackupKey = Backup['keys'][number];

/** How a backup file is locked: which secret opens it. */
export type BackupLock = { passphrase: string } | { recipients: string[] };

export async function checkRecipient(text: string): Promise<string | null> {
  if (!/^age1[02-9ac-hj-np-z]{58}$/.test(text)) {
    return text.startsWith('AGE-SECRET-KEY-')
      ? 'That is an age identity (a private key), not a recipient: never share it. The recipient starts with age1.'
      : 'An age recipient is "age1" followed by 58 letters and digits, as this app shows it for a computer or `age-keygen -y` prints it.';
  }
  return parseRecipient(text) ? null : 'That age recipient does not decode; copy it again.';
}

/**
 * Encrypts the backup's JSON to a passphrase (age's scrypt) or to age recipients (X25519),
 * armored. `started` is a scrypt recipient for the lock's passphrase whose work began earlier.
 */
export async function sealBackup(backup: Backup, lock: BackupLock, started?: ScryptRecipient): Promise<string> {
  const recipients: Recipient[] = [];
  // scrypt on Node's thread pool (age/scrypt.ts): the same file age's own passphrase mode writes.
  if ('passphrase' in lock) recipients.push(started ?? new ScryptRecipient(lock.passphrase));
  else {
    if (lock.recipients.length === 0) throw new CoreError('invalid_input', 'Name at least one age recipient.');
    for (const recipient of lock.recipients) {
      const problem = await checkRecipient(recipient);
      if (problem) throw new CoreError('invalid_input', `${recipient.slice(0, 12)}…: ${problem}`);
      recipients.push(new X25519Recipient(recipient));
    }
  }
  return armor(await encrypt(Buffer.from(`${JSON.stringify(backup, null, 2)}\n`), recipients));
}

/** What an age file needs to open, read from its header without decrypting it. */
export async function backupNeeds(text: string): Promise<'passphrase' | 'identity'> {
  return needsOf(decodeArmor(text));
}

function needsOf(binary: Buffer): 'passphrase' | 'identity' {
  if (!binary.toString('latin1', 0, VERSION_LINE.length + 1).startsWith(`${VERSION_LINE}\n`))
    throw notABackup('it is not an age file');
  let stanzas: readonly Stanza[];
  try {
    stanzas = readHeader(binary).stanzas;
  } catch (error) {
    if (error instanceof AgeFormatError) throw damaged();
    throw error;
  }
  return stanzas.some((stanza) => stanza.args[0] === 'scrypt') ? 'passphrase' : 'identity';
}

function decodeArmor(text: string): Buffer {
  if (text.length > MAX_BACKUP_BYTES) throw notABackup('it is far too large');
  if (text.startsWith(`${VERSION_LINE}\n`)) return Buffer.from(text, 'latin1');
  try {
    return dearmor(text);
  } catch {
    throw notABackup('it is not an ASCII-armored age file ("-----BEGIN AGE ENCRYPTED FILE-----"), or it was cut short');
  }
}

function damaged(): CoreError {
  return new CoreError(
    'invalid_backup',
    'The backup file is damaged or cut short: age could not authenticate it. Nothing was restored.',
  );
}

function notABackup(why: string): CoreError {
  return new CoreError('invalid_backup', `This is not a JaaS Key Manager backup: ${why}.`);
}

/** Decrypts and checks a backup file; every way it can be wrong has its own message. */
export async function openBackup(text: string, key: { passphrase?: string; identity?: string }): Promise<Backup> {
  const binary = decodeArmor(text);
  const needs = needsOf(binary);
  let identity: Identity;
  if (needs === 'passphrase') {
    if (!key.passphrase)
      throw new CoreError('passphrase_required', 'This backup is protected by a passphrase. Enter it to restore.');
    identity = new ScryptIdentity(key.passphrase);
  } else {
    if (!key.identity)
      throw new CoreError(
        'wrong_identity',
        'This backup was encrypted for another computer: it is locked to age recipients, and this computer has no age identity yet (showing this computer’s recipient makes one).',
      );
    identity = new X25519Identity(key.identity);
  }
  let plain: string;
  try {
    plain = (await decrypt(binary, [identity])).toString('utf8');
  } catch (error) {
    // No stanza opened: the passphrase or identity is not the file's. Anything else
    // (a bad tag, a short chunk, a broken header) means the file was changed.
    if (error instanceof NoIdentityMatchedError) {
      if (needs === 'passphrase')
        throw new CoreError(
          'wrong_passphrase',
          'The passphrase is wrong: the backup did not decrypt. Check it and try again.',
        );
      throw new CoreError(
        'wrong_identity',
        `This backup was encrypted for another computer: this computer's recipient (${identityToRecipient(key.identity!)}) is not among its recipients.`,
      );
    }
    throw damaged();
  }
  let json: unknown;
  try {
    json = JSON.parse(plain);
  } catch {
    throw notABackup('it decrypts, but what is inside is not JSON');
  }
  const format = (json as { format?: unknown } | null)?.format;
  const version = (json as { version?: unknown } | null)?.version;
  if (format !== BACKUP_FORMAT) throw notABackup('it decrypts, but it holds something else');
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    throw new CoreError(
      'invalid_backup',
      `This backup was made by a newer JaaS Key Manager (backup format ${version}). Update the app to restore it.`,
    );
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CoreError(
      'invalid_backup',
      `This backup's content is damaged: ${issue?.path.join('.') || 'the top level'} is not valid. Nothing was restored.`,
    );
  }
  return parsed.data;
}
