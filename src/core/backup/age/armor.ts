import { AgeFormatError } from './header';

// age's ASCII armor (C2SP age spec, "ASCII armor"): strict PEM with the label "AGE
// ENCRYPTED FILE" and 64-column padded base64. Whitespace around it and CRLF line ends
// are accepted on reading, as age's own readers do; nothing else is.

const BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const END = '-----END AGE ENCRYPTED FILE-----';

export function armor(file: Uint8Array): string {
  const lines =
    Buffer.from(file)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}

const AROUND = new Set([' ', '\t', '\r', '\n']);

/** Only ASCII space, tab, CR and LF around the armor, as age allows (JavaScript's trim() takes more), without a regex that could backtrack. */
function trimmed(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && AROUND.has(text[start]!)) start++;
  while (end > start && AROUND.has(text[end - 1]!)) end--;
  return text.slice(start, end);
}

export function dearmor(text: string): Buffer {
  const lines = trimmed(text).replaceAll('\r\n', '\n').split('\n');
  if (lines.shift() !== BEGIN || lines.pop() !== END || lines.length === 0)
    throw new AgeFormatError('not an armored age file');
  for (const [n, line] of lines.entries()) {
    const last = n === lines.length - 1;
    const lengthOk = last ? line.length > 0 && line.length <= 64 && line.length % 4 === 0 : line.length === 64;
    if (!lengthOk || !/^[A-Za-z0-9+/]+={0,2}$/.test(line) || (!last && line.includes('=')))
      throw new AgeFormatError('the armor is malformed');
  }
  const joined = lines.join('');
  const bytes = Buffer.from(joined, 'base64');
  if (bytes.toString('base64') !== joined) throw new AgeFormatError('the armor is malformed');
  return bytes;
}
