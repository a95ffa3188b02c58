// ssh-keygen's randomart, pure and import-free so the window can draw it from a
// fingerprint alone (the fingerprint is the digest the picture is made from).

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
export function randomart(digest: Uint8Array, title: string, hashName = 'SHA256'): string {
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

/** The picture for an `SHA256:…` fingerprint as ssh-keygen prints it for an RSA key of `bits`. */
export function randomartFromFingerprint(fingerprint: string, bits: number): string | null {
  const match = /^SHA256:([A-Za-z0-9+/]{43})$/.exec(fingerprint);
  if (!match) return null;
  const binary = atob(`${match[1]}=`);
  const digest = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return randomart(digest, `[RSA ${bits}]`);
}
