import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, NoIdentityMatchedError } from '../../src/core/backup/age/age';
import { armor, dearmor } from '../../src/core/backup/age/armor';
import { AgeFormatError, encodeRawBase64, readHeader, type Recipient } from '../../src/core/backup/age/header';
import { ScryptIdentity, ScryptRecipient } from '../../src/core/backup/age/scrypt';
import {
  generateIdentity,
  identityToRecipient,
  X25519Identity,
  X25519Recipient,
} from '../../src/core/backup/age/x25519';

// The reader's own rules, one by one, on files whose header MAC is right: a stanza a
// recipient type must refuse as malformed (AgeFormatError, "damaged") rather than as
// "not mine" (NoIdentityMatchedError, "wrong passphrase"), limits that keep a hostile
// file from costing minutes or gigabytes, and the armor's strict PEM. Mutation testing
// of src/core/backup/age found each of these unchecked (docs/testing.md).

/** A recipient that writes exactly these stanzas, so a file holds what age would never write. */
const writes = (...stanzas: Array<{ args: string[]; body?: Buffer }>): Recipient => ({
  wrapFileKey: async () => stanzas.map(({ args, body }) => ({ args, body: body ?? randomBytes(32) })),
});
const b64 = (length: number) => encodeRawBase64(randomBytes(length));
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The same bytes, with one of the unused bits of the last character set: base64 no decoder should take. */
const twisted = (text: string) => `${text.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(text.at(-1)!) ^ 1]}`;
const fileWith = (...stanzas: Array<{ args: string[]; body?: Buffer }>) =>
  encrypt(Buffer.from('hello'), [writes(...stanzas)]);

describe('a scrypt stanza', () => {
  const passphrase = new ScryptIdentity('correct horse battery staple');
  it('is refused as malformed when its salt, work factor, arguments or body are not age’s', async () => {
    for (const args of [
      ['scrypt', b64(15), '10'],
      ['scrypt', b64(16), '21'], // above the limit: refused before any work
      ['scrypt', b64(16), '40'],
      ['scrypt', b64(16), '010'],
      ['scrypt', b64(16), '0'],
      ['scrypt', b64(16), '1e1'],
      ['scrypt', b64(16)],
      ['scrypt', b64(16), '10', 'extra'],
    ])
      await expect(decrypt(await fileWith({ args }), [passphrase]), args.join(' ')).rejects.toBeInstanceOf(
        AgeFormatError,
      );
    const longBody = await fileWith({ args: ['scrypt', b64(16), '10'], body: randomBytes(33) });
    await expect(decrypt(longBody, [passphrase])).rejects.toBeInstanceOf(AgeFormatError);
  });

  it('is refused beside any other stanza, even with the right passphrase and a right MAC', async () => {
    const file = await encrypt(Buffer.from('x'), [
      new ScryptRecipient('correct horse battery staple', 10),
      writes({ args: ['grease-x'] }),
    ]);
    await expect(decrypt(file, [passphrase])).rejects.toBeInstanceOf(AgeFormatError);
  });

  it('that is well formed but not this passphrase’s says no identity matched', async () => {
    const file = await fileWith({ args: ['scrypt', b64(16), '10'] });
    await expect(decrypt(file, [passphrase])).rejects.toBeInstanceOf(NoIdentityMatchedError);
  });

  it('is written once per recipient: a second file key is refused', async () => {
    const recipient = new ScryptRecipient('correct horse battery staple', 10);
    await recipient.wrapFileKey(randomBytes(16));
    await expect(recipient.wrapFileKey(randomBytes(16))).rejects.toThrow(/one file key/);
  });
});

describe('an X25519 stanza', () => {
  const identity = generateIdentity();
  const mine = new X25519Identity(identity);
  it('is refused as malformed when its share, arguments or body are not age’s', async () => {
    const share = b64(32);
    for (const [what, stanza] of Object.entries({
      'a third argument': { args: ['X25519', share, 'extra'] },
      'no share': { args: ['X25519'] },
      'a short share': { args: ['X25519', b64(31)] },
      'a share in non-canonical base64': { args: ['X25519', twisted(share)] },
      'a low-order share': { args: ['X25519', encodeRawBase64(Buffer.alloc(32))] },
      'a long body': { args: ['X25519', share], body: randomBytes(33) },
    })) {
      await expect(decrypt(await fileWith(stanza), [mine]), what).rejects.toBeInstanceOf(AgeFormatError);
    }
  });

  it('of another recipient is passed over, and unknown stanza types are ignored', async () => {
    const plain = Buffer.from('for me among others');
    const others = [writes({ args: ['grease-x', 'a', 'b'], body: randomBytes(7) })];
    const file = await encrypt(plain, [
      ...others,
      new X25519Recipient(identityToRecipient(generateIdentity())),
      new X25519Recipient(identityToRecipient(identity)),
    ]);
    expect((await decrypt(file, [mine])).equals(plain)).toBe(true);
    // Whichever identity is tried first, the one that opens a stanza is the one used.
    const stranger = new X25519Identity(generateIdentity());
    expect((await decrypt(file, [stranger, mine])).equals(plain)).toBe(true);
    expect((await decrypt(file, [mine, stranger])).equals(plain)).toBe(true);
    await expect(decrypt(file, [stranger])).rejects.toBeInstanceOf(NoIdentityMatchedError);
  });

  it('needs at least one recipient to be written', async () => {
    await expect(encrypt(Buffer.from('x'), [])).rejects.toThrow(/no recipients/);
  });
});

describe('the header', () => {
  const mac = `--- ${b64(32)}\n`;
  const header = (text: string) => () => readHeader(Buffer.from(text, 'latin1'));
  it('is refused when it breaks age’s grammar', () => {
    for (const [what, text] of Object.entries({
      'no stanza': `age-encryption.org/v1\n${mac}`,
      'an empty argument': `age-encryption.org/v1\n-> X25519  ${b64(32)}\n${b64(32)}\n${mac}`,
      'a body line over 64 columns': `age-encryption.org/v1\n-> t a\n${'A'.repeat(68)}\n\n${mac}`,
      'a line that is no stanza': `age-encryption.org/v1\n-- t a\n\n${mac}`,
      'a cut before the MAC line ends': `age-encryption.org/v1\n-> t a\n\n--- ${b64(32)}`,
      'a MAC of the wrong length': `age-encryption.org/v1\n-> t a\n\n--- ${b64(31)}\n`,
      'a body in impossible base64': `age-encryption.org/v1\n-> t a\nAAAAA\n${mac}`,
      'over 1,000 stanzas': `age-encryption.org/v1\n${'-> t a\n\n'.repeat(1001)}${mac}`,
    }))
      expect(header(text), what).toThrow(AgeFormatError);
    const body64 = 'A'.repeat(64);
    const read = header(`age-encryption.org/v1\n-> t a\n${body64}\nAAAA\n-> u\n\n${mac}`)();
    expect(read.stanzas.map((stanza) => [stanza.args, stanza.body.length])).toEqual([
      [['t', 'a'], 51],
      [['u'], 0],
    ]);
    // A body of exactly 64 columns ends with an empty line; without it, the MAC line is read as body.
    expect(header(`age-encryption.org/v1\n-> t a\n${body64}\n${mac}`)).toThrow(AgeFormatError);
    expect(header(`age-encryption.org/v1\n-> t a\n${body64}\n\n${mac}`)().stanzas[0]!.body.length).toBe(48);
  });

  it('is written with a 64-column body ending in a shorter line, as age writes it', async () => {
    const file = await fileWith({ args: ['t'], body: randomBytes(48) }, { args: ['u'], body: randomBytes(100) });
    const lines = file.toString('latin1').split('\n');
    expect(lines.slice(1, 8).map((line) => line.length)).toEqual([4, 64, 0, 4, 64, 64, 134 - 128]);
  });
});

describe('the armor', () => {
  it('is refused unless it is strict PEM with 64-column lines and canonical padded base64', () => {
    const good = armor(randomBytes(100)); // two full lines and a last of 12 characters
    const [begin, one, two, last, end] = good.trimEnd().split('\n') as [string, string, string, string, string];
    expect(dearmor(good).length).toBe(100);
    const bad = {
      'an empty last line': [begin, one, two, last, '', end],
      'a last line not a multiple of 4': [begin, one, two, last.slice(0, -1), end],
      'a last line over 64': [begin, one, `${two}${last.slice(0, 4)}`, last.slice(4), end],
      'padding inside a full line': [begin, `${one.slice(0, -1)}=`, two, last, end],
      'a character outside base64': [begin, one.replace(/^./, '*'), two, last, end],
      'trailing text after a line': [begin, one, two, `${last} x`, end],
      'non-canonical padding bits': [begin, one, two, `${twisted(last.slice(0, -2))}==`, end],
      'no body': [begin, end],
      'a missing END': [begin, one, two, last],
    };
    for (const [what, lines] of Object.entries(bad))
      expect(() => dearmor(`${lines.join('\n')}\n`), what).toThrow(AgeFormatError);
  });
});
