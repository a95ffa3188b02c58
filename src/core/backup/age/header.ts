import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// The age header (C2SP age spec, "Header"): the version line, one stanza per recipient,
// and a MAC over all of it. Written and read strictly, as the spec asks: a header that
// could be read two ways is refused, never guessed at.

export const VERSION_LINE = 'age-encryption.org/v1';
const MAC_LABEL = 'header';
/** A body's base64 is wrapped at 64 columns; its last line is shorter (possibly empty). */
const COLUMNS = 64;
const ARG = /^[\x21-\x7e]+$/;
const RAW_BASE64 = /^[A-Za-z0-9+/]*$/;
/** Far more recipients than anyone encrypts to; each costs a key agreement to try, so a hostile file cannot make thousands. */
const MAX_STANZAS = 1000;

/** One recipient's wrapping of the file key: a type and its arguments, and a binary body. */
export interface Stanza {
  readonly args: readonly string[];
  readonly body: Uint8Array;
}

/** Something a file is encrypted to: it wraps the file key in stanzas of its type. */
export interface Recipient {
  wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]>;
}

/** Something that opens a file: the file key from one of its stanzas, or null when none is its own. */
export interface Identity {
  unwrapFileKey(stanzas: readonly Stanza[]): Promise<Uint8Array | null>;
}

/** A file age (and this app) must refuse: its header or payload is malformed, or was changed. */
export class AgeFormatError extends Error {}

/** base64 without padding (age's encoding), decoded only when it is the one canonical spelling. */
export function decodeRawBase64(text: string): Buffer {
  if (!RAW_BASE64.test(text) || text.length % 4 === 1) throw new AgeFormatError('invalid base64');
  const bytes = Buffer.from(text, 'base64');
  if (encodeRawBase64(bytes) !== text) throw new AgeFormatError('non-canonical base64');
  return bytes;
}

export function encodeRawBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

function macOf(fileKey: Uint8Array, headerUpToMark: Buffer): Buffer {
  const key = Buffer.from(hkdfSync('sha256', fileKey, Buffer.alloc(0), MAC_LABEL, 32));
  return createHmac('sha256', key).update(headerUpToMark).digest();
}

/** The header for these stanzas, with its MAC under `fileKey`, ending in its newline. */
export function writeHeader(stanzas: readonly Stanza[], fileKey: Uint8Array): Buffer {
  let text = `${VERSION_LINE}\n`;
  for (const stanza of stanzas) {
    if (stanza.args.length === 0 || !stanza.args.every((arg) => ARG.test(arg))) throw new Error('invalid stanza');
    text += `-> ${stanza.args.join(' ')}\n`;
    const body = encodeRawBase64(stanza.body);
    // Full lines, then a shorter last line, empty when the body fills its last line exactly.
    for (let at = 0; ; at += COLUMNS) {
      text += `${body.slice(at, at + COLUMNS)}\n`;
      if (body.length - at < COLUMNS) break;
    }
  }
  const upToMark = Buffer.from(`${text}---`, 'latin1');
  return Buffer.concat([upToMark, Buffer.from(` ${encodeRawBase64(macOf(fileKey, upToMark))}\n`, 'latin1')]);
}

export interface Header {
  readonly stanzas: Stanza[];
  /** Checks the header's MAC under the file key a stanza gave. */
  macMatches(fileKey: Uint8Array): boolean;
  /** Where the payload starts. */
  readonly end: number;
}

/** Reads the header at the start of `file`, strictly; a malformed one throws AgeFormatError. */
export function readHeader(file: Uint8Array): Header {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  let at = 0;
  const line = (): string => {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) throw new AgeFormatError('the header is cut short');
    const text = bytes.toString('latin1', at, end);
    at = end + 1;
    return text;
  };
  if (line() !== VERSION_LINE) throw new AgeFormatError('not an age v1 file');
  const stanzas: Stanza[] = [];
  for (;;) {
    const start = at;
    const text = line();
    if (text.startsWith('--- ')) {
      if (stanzas.length === 0) throw new AgeFormatError('the header has no recipients');
      const mac = decodeRawBase64(text.slice(4));
      if (mac.length !== 32) throw new AgeFormatError('invalid header MAC');
      const upToMark = bytes.subarray(0, start + 3);
      return {
        stanzas,
        end: at,
        macMatches: (fileKey) => timingSafeEqual(macOf(fileKey, upToMark), mac),
      };
    }
    if (!text.startsWith('-> ')) throw new AgeFormatError('invalid header line');
    const args = text.slice(3).split(' ');
    if (!args.every((arg) => ARG.test(arg))) throw new AgeFormatError('invalid stanza arguments');
    let body = '';
    for (;;) {
      const bodyLine = line();
      if (bodyLine.length > COLUMNS) throw new AgeFormatError('a stanza body line is too long');
      body += bodyLine;
      if (bodyLine.length < COLUMNS) break;
    }
    stanzas.push({ args, body: decodeRawBase64(body) });
    if (stanzas.length > MAX_STANZAS) throw new AgeFormatError('the header has too many recipients');
  }
}
