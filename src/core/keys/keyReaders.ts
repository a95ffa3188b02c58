import { createPrivateKey } from 'node:crypto';
import type { KeyRuntime } from '../../shared/keyCheck';

// Whether a key's text loads, as it is, in each runtime of 8x8's token samples, read
// the way each sample reads it. Node, Python, PHP and Ruby hand the text to OpenSSL,
// as Node's own createPrivateKey does here. Java's sample strips the PKCS#8 header
// lines and whitespace and decodes the rest; Go's takes the first PEM block and parses
// it as PKCS#8; .NET's ImportFromPem finds a PKCS#1 or PKCS#8 block anywhere in the
// text. test/cli/checkKey.test.ts holds each rule to the real runtime where one is installed.

function loadsInOpenSsl(text: string): boolean {
  try {
    createPrivateKey(text);
    return true;
  } catch {
    return false;
  }
}

function pkcs8Der(der: Buffer): boolean {
  try {
    createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return true;
  } catch {
    return false;
  }
}

/** Strict base64, as Java's and Go's decoders read it (no other characters; padding only at the end). */
function strictBase64(text: string): Buffer | null {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 !== 1 ? Buffer.from(text, 'base64') : null;
}

/** Java's sample: replace the two PKCS#8 lines, drop every \s, Base64.getDecoder(), PKCS8EncodedKeySpec. */
function loadsInJava(text: string): boolean {
  const body = text
    .split('-----BEGIN PRIVATE KEY-----')
    .join('')
    .split('-----END PRIVATE KEY-----')
    .join('')
    // Java's \s: space, tab, line feed, vertical tab, form feed, carriage return.
    // eslint-disable-next-line no-control-regex
    .replace(/[ \t\n\x0B\f\r]/g, '');
  const der = strictBase64(body);
  return der !== null && pkcs8Der(der);
}

/** Go's encoding/pem Decode (a BEGIN line at the start of a line, the matching END) then ParsePKCS8PrivateKey. */
function loadsInGo(text: string): boolean {
  const block = /(?:^|\n)-----BEGIN ([^\n]*)-----[ \t]*\r?\n([\s\S]*?)\n-----END \1-----/.exec(text);
  if (!block) return false;
  const lines = block[2]!.split(/\r?\n/);
  // Header lines ("Key: value") come first; a blank line ends them.
  const headerEnd = lines[0]?.includes(':') ? lines.indexOf('') + 1 : 0;
  const der = strictBase64(
    lines
      .slice(headerEnd)
      .join('')
      .replace(/[ \t\r]/g, ''),
  );
  return der !== null && pkcs8Der(der);
}

/** .NET's RSA.ImportFromPem: the first RSA PRIVATE KEY or PRIVATE KEY block, anywhere in the text. */
function loadsInDotnet(text: string): boolean {
  const block = /-----BEGIN (RSA PRIVATE KEY|PRIVATE KEY)-----([A-Za-z0-9+/=\s]*)-----END \1-----/.exec(text);
  if (!block) return false;
  const der = strictBase64(block[2]!.replace(/\s+/g, ''));
  if (!der) return false;
  // ImportRSAPrivateKey reads RSAPrivateKey only, where OpenSSL would also take PKCS#8 under this label.
  if (block[1] === 'PRIVATE KEY') return pkcs8Der(der);
  if (pkcs8Der(der)) return false;
  try {
    createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
    return true;
  } catch {
    return false;
  }
}

export const KEY_READERS: Record<KeyRuntime, (text: string) => boolean> = {
  node: loadsInOpenSsl,
  python: loadsInOpenSsl,
  php: loadsInOpenSsl,
  ruby: loadsInOpenSsl,
  java: loadsInJava,
  go: loadsInGo,
  dotnet: loadsInDotnet,
};

/** The runtimes whose samples read only PKCS#8. */
export const PKCS8_ONLY: readonly KeyRuntime[] = ['java', 'go'];
