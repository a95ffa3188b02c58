import { createHash, type KeyObject } from 'node:crypto';

// OpenSSH fingerprints and randomart, computed the way ssh-keygen does so that
// `ssh-keygen -lvf` on the same key prints exactly the same text.

function sshString(payload: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(payload.length);
  return Buffer.concat([length, payload]);
}

/** An SSH mpint: big-endian, with a leading zero byte when the top bit is set (it is positive). */
function sshMpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  const needsPad = (trimmed[0] ?? 0) & 0x80;
  return sshString(needsPad ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** The SSH wire encoding of an RSA public key: string "ssh-rsa", mpint e, mpint n. */
export function sshRsaPublicBlob(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.n || !jwk.e) throw new Error('not an RSA key');
  return Buffer.concat([
    sshString(Buffer.from('ssh-rsa')),
    sshMpint(Buffer.from(jwk.e, 'base64url')),
    sshMpint(Buffer.from(jwk.n, 'base64url')),
  ]);
}

/** The `ssh-rsa AAAA…` line of an OpenSSH .pub file, with an optional comment. */
export function sshPublicLine(key: KeyObject, comment = ''): string {
  const line = `ssh-rsa ${sshRsaPublicBlob(key).toString('base64')}`;
  return comment ? `${line} ${comment}` : line;
}

export function sha256Digest(key: KeyObject): Buffer {
  return createHash('sha256').update(sshRsaPublicBlob(key)).digest();
}

/** `SHA256:` + unpadded base64, as `ssh-keygen -lf` prints it. */
export function sshFingerprint(key: KeyObject): string {
  return `SHA256:${sha256Digest(key).toString('base64').replace(/=+$/, '')}`;
}

const FIELD_WIDTH = 17;
const FIELD_HEIGHT = 9;
const SYMBOLS = ' .o+=*BOX@%&#/^SE';

function centredBorder(label: string): string {
  const left = Math.floor((FIELD_WIDTH - label.length) / 2);
  return `+${'-'.repeat(left)}${label}${'-'.repeat(FIELD_WIDTH - left - label.length)}+`;
}

/**
 * The "drunken bishop" picture ssh-keygen draws: the digest steers a walk over a
 * 17x9 field, two bits a step; each cell shows how often it was visited, S marks
 * the start and E the end.
 */
export function randomart(digest: Buffer, title: string, hashName = 'SHA256'): string {
  const maxSymbol = SYMBOLS.length - 1;
  const field: number[][] = Array.from({ length: FIELD_WIDTH }, () => new Array<number>(FIELD_HEIGHT).fill(0));
  let x = Math.floor(FIELD_WIDTH / 2);
  let y = Math.floor(FIELD_HEIGHT / 2);
  for (const byte of digest) {
    let input = byte;
    for (let step = 0; step < 4; step++) {
      x = Math.min(Math.max(x + (input & 1 ? 1 : -1), 0), FIELD_WIDTH - 1);
      y = Math.min(Math.max(y + (input & 2 ? 1 : -1), 0), FIELD_HEIGHT - 1);
      const column = field[x]!;
      if (column[y]! < maxSymbol - 2) column[y]!++;
      input >>= 2;
    }
  }
  field[Math.floor(FIELD_WIDTH / 2)]![Math.floor(FIELD_HEIGHT / 2)] = maxSymbol - 1;
  field[x]![y] = maxSymbol;

  const rows = [centredBorder(title)];
  for (let row = 0; row < FIELD_HEIGHT; row++) {
    let line = '|';
    for (let col = 0; col < FIELD_WIDTH; col++) line += SYMBOLS[Math.min(field[col]![row]!, maxSymbol)];
    rows.push(`${line}|`);
  }
  rows.push(centredBorder(`[${hashName}]`));
  return rows.join('\n');
}

export function rsaRandomart(key: KeyObject, bits: number): string {
  return randomart(sha256Digest(key), `[RSA ${bits}]`);
}
