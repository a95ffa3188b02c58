import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ScryptRecipient } from '../../src/core/backup/age/scrypt';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MAX_BACKUP_BYTES,
  backupNeeds,
  checkRecipient,
  openBackup,
  sealBackup,
  type Backup,
} from '../../src/core/backup/backupFile';

// The backup file format on its own, with Debian's age and age-keygen as the other
// side: what each malformed file, missing secret and bad recipient is told. (backup.test.ts
// and restore.test.ts go through the key manager and the keychain.)

const sh = (file: string, args: string[], input?: string | Buffer) =>
  execFileSync(file, args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
function ageIdentity(): { identity: string; recipient: string } {
  const identity = sh('age-keygen', [])
    .toString()
    .split('\n')
    .find((line) => line.startsWith('AGE-SECRET-KEY-'))!;
  return { identity, recipient: sh('age-keygen', ['-y'], identity).toString().trim() };
}
const EMPTY: Backup = {
  format: BACKUP_FORMAT,
  version: BACKUP_VERSION,
  createdAt: '2026-11-28T10:00:00.000Z',
  keys: [],
};
const refusal = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
  );
const notABackup = (why: string) => ({
  code: 'invalid_backup',
  message: `This is not a JaaS Key Manager backup: ${why}.`,
});

describe('age recipients', () => {
  it('accepts one age-keygen made, and says what is wrong with anything else', async () => {
    const { identity, recipient } = ageIdentity();
    expect(await checkRecipient(recipient)).toBeNull();
    expect(await checkRecipient(identity)).toBe(
      'That is an age identity (a private key), not a recipient: never share it. The recipient starts with age1.',
    );
    const generic =
      'An age recipient is "age1" followed by 58 letters and digits, as this app shows it for a computer or `age-keygen -y` prints it.';
    for (const text of ['', 'age1', `${recipient}x`, ` ${recipient}`, recipient.toUpperCase()])
      expect(await checkRecipient(text), text).toBe(generic);
    // The right shape with a broken checksum.
    const flipped = `${recipient.slice(0, -1)}${recipient.endsWith('q') ? 'p' : 'q'}`;
    expect(await checkRecipient(flipped)).toBe('That age recipient does not decode; copy it again.');
  });

  it('refuses to seal to no recipient, or to one that is not, naming it', async () => {
    expect(await refusal(sealBackup(EMPTY, { recipients: [] }))).toEqual({
      code: 'invalid_input',
      message: 'Name at least one age recipient.',
    });
    const { recipient } = ageIdentity();
    expect(await refusal(sealBackup(EMPTY, { recipients: [recipient, 'age1notarecipientatall'] }))).toEqual({
      code: 'invalid_input',
      message:
        'age1notareci…: An age recipient is "age1" followed by 58 letters and digits, as this app shows it for a computer or `age-keygen -y` prints it.',
    });
  });
});

describe('the scrypt recipient', () => {
  it('derives from the moment it is made, and wraps one file key only (one salt per file, as age requires)', async () => {
    const recipient = new ScryptRecipient('violet kettle harbour seventeen ribbon', 10);
    const [stanza] = await recipient.wrapFileKey(new Uint8Array(16).fill(7));
    expect(stanza!.args.slice(0, 1)).toEqual(['scrypt']);
    expect(stanza!.args[2]).toBe('10');
    await expect(recipient.wrapFileKey(new Uint8Array(16))).rejects.toThrow(/one file key only/);
    // Two files never share a salt.
    const other = (
      await new ScryptRecipient('violet kettle harbour seventeen ribbon', 10).wrapFileKey(new Uint8Array(16))
    )[0]!;
    expect(other.args[1]).not.toBe(stanza!.args[1]);
  });
});

describe('opening a backup file', () => {
  it('opens what it sealed, armored, and the binary form age writes without -a', async () => {
    const { identity, recipient } = ageIdentity();
    const armored = await sealBackup(EMPTY, { recipients: [recipient] });
    expect(armored.startsWith('-----BEGIN AGE ENCRYPTED FILE-----\n')).toBe(true);
    expect(await backupNeeds(armored)).toBe('identity');
    expect(await openBackup(armored, { identity })).toEqual(EMPTY);
    const binary = sh('age', ['-r', recipient], JSON.stringify(EMPTY)).toString('latin1');
    expect(binary.startsWith('age-encryption.org/v1\n')).toBe(true);
    expect(await openBackup(binary, { identity })).toEqual(EMPTY);
  });

  it('asks for what the file needs: a passphrase, or this computer’s identity', async () => {
    const sealed = await sealBackup(EMPTY, { passphrase: 'violet kettle harbour seventeen ribbon' });
    expect(await backupNeeds(sealed)).toBe('passphrase');
    for (const passphrase of [undefined, '']) {
      expect(await refusal(openBackup(sealed, { passphrase }))).toEqual({
        code: 'passphrase_required',
        message: 'This backup is protected by a passphrase. Enter it to restore.',
      });
    }
    expect(await refusal(openBackup(sealed, { passphrase: 'violet kettle harbour seventeen ribbons' }))).toEqual({
      code: 'wrong_passphrase',
      message: 'The passphrase is wrong: the backup did not decrypt. Check it and try again.',
    });
    const { recipient } = ageIdentity();
    const locked = await sealBackup(EMPTY, { recipients: [recipient] });
    expect(await refusal(openBackup(locked, {}))).toEqual({
      code: 'wrong_identity',
      message:
        'This backup was encrypted for another computer: it is locked to age recipients, and this computer has no age identity yet (showing this computer’s recipient makes one).',
    });
  });

  it('refuses what is not a backup of this app, saying what it is', async () => {
    const { identity, recipient } = ageIdentity();
    const sealed = (text: string) => sh('age', ['-a', '-r', recipient], text).toString();
    expect(await refusal(openBackup('x'.repeat(MAX_BACKUP_BYTES + 1), { identity }))).toEqual(
      notABackup('it is far too large'),
    );
    expect(await refusal(openBackup('hello', { identity }))).toEqual(
      notABackup('it is not an ASCII-armored age file ("-----BEGIN AGE ENCRYPTED FILE-----"), or it was cut short'),
    );
    const armoredJunk = `-----BEGIN AGE ENCRYPTED FILE-----\n${Buffer.from('not-age\n').toString('base64')}\n-----END AGE ENCRYPTED FILE-----\n`;
    expect(await refusal(openBackup(armoredJunk, { identity }))).toEqual(notABackup('it is not an age file'));
    expect(await refusal(openBackup(sealed('{'), { identity }))).toEqual(
      notABackup('it decrypts, but what is inside is not JSON'),
    );
    expect(await refusal(openBackup(sealed('null'), { identity }))).toEqual(
      notABackup('it decrypts, but it holds something else'),
    );
    expect(await refusal(openBackup(sealed(JSON.stringify({ ...EMPTY, format: 'other' })), { identity }))).toEqual(
      notABackup('it decrypts, but it holds something else'),
    );
    expect(await refusal(openBackup(sealed(JSON.stringify({ ...EMPTY, version: 2 })), { identity }))).toEqual({
      code: 'invalid_backup',
      message: 'This backup was made by a newer JaaS Key Manager (backup format 2). Update the app to restore it.',
    });
    for (const [damage, where] of [
      [{ version: '2' }, 'version'],
      [{ version: 0 }, 'version'],
      [{ createdAt: 'soon' }, 'createdAt'],
      [{ keys: [{}] }, 'keys.0.id'],
      [{ extra: 1 }, 'the top level'],
    ] as const) {
      expect(await refusal(openBackup(sealed(JSON.stringify({ ...EMPTY, ...damage })), { identity })), where).toEqual({
        code: 'invalid_backup',
        message: `This backup's content is damaged: ${where} is not valid. Nothing was restored.`,
      });
    }
  });
});
