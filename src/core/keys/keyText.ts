import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { KeyProblemId } from '../../shared/keyCheck';
import { SshReader } from './sshWire';

// Undoes, one layer at a time, what happens to a PEM on its way into a server's
// configuration: an encoding, quotes, escapes, lost or changed line breaks, lost or
// broken header lines. Each layer found is named; what is left is read as DER. Nothing
// here keeps or returns the text itself, only the key it recovers.

export type KeyContainer = 'pkcs1' | 'pkcs8' | 'spki' | 'pkcs1-public' | 'encrypted' | 'openssh' | 'ssh-public';

export interface RecoveredKey {
  /** The manglings found, in the order they were undone. */
  found: KeyProblemId[];
  container: KeyContainer | null;
  /** The private key, or the public key of a public-only input; null when encrypted or unreadable. */
  key: KeyObject | null;
}

const LABELS: Record<string, KeyContainer> = {
  'PRIVATE KEY': 'pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'PUBLIC KEY': 'spki',
  'RSA PUBLIC KEY': 'pkcs1-public',
  'ENCRYPTED PRIVATE KEY': 'encrypted',
  'OPENSSH PRIVATE KEY': 'openssh',
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Bounded so that no input makes them backtrack for long: a run of dashes is tried from its start only.
const LOOSE_BEGIN = /(?<!-)-{2,}[ \t]{0,4}BEGIN ([A-Z0-9 ]{1,40}?)[ \t]{0,4}-{2,}/;
const LOOSE_END = /(?<!-)-{2,}[ \t]{0,4}END ([A-Z0-9 ]{1,40}?)[ \t]{0,4}-{2,}/;

/** Reads DER as each kind of key block in turn; the first that parses names what it is. */
function sniff(der: Buffer): { container: KeyContainer; key: KeyObject | null } | null {
  const attempts: [KeyContainer, () => KeyObject][] = [
    ['pkcs8', () => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })],
    ['pkcs1', () => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })],
    ['spki', () => createPublicKey({ key: der, format: 'der', type: 'spki' })],
    ['pkcs1-public', () => createPublicKey({ key: der, format: 'der', type: 'pkcs1' })],
  ];
  for (const [container, read] of attempts) {
    try {
      return { container, key: read() };
    } catch (error) {
      // An EncryptedPrivateKeyInfo parses up to the point where it needs a passphrase.
      if ((error as { code?: string }).code === 'ERR_MISSING_PASSPHRASE') return { container: 'encrypted', key: null };
    }
  }
  return null;
}

function base64Der(body: string): Buffer | null {
  const compact = body.replace(/\s+/g, '');
  return compact.length >= 16 && BASE64.test(compact) ? Buffer.from(compact, 'base64') : null;
}

/** An `ssh-rsa AAAA…` line: its public key, from the SSH wire blob (string "ssh-rsa", mpint e, mpint n). */
function sshPublicKey(text: string): KeyObject | null {
  const match = /^ssh-rsa ([A-Za-z0-9+/=]+)/.exec(text);
  if (!match) return null;
  try {
    const reader = new SshReader(Buffer.from(match[1]!, 'base64'));
    if (reader.text() !== 'ssh-rsa') return null;
    const int = (bytes: Buffer) => bytes.subarray(bytes[0] === 0 ? 1 : 0).toString('base64url');
    const e = int(reader.bytes());
    return createPublicKey({ key: { kty: 'RSA', e, n: int(reader.bytes()) }, format: 'jwk' });
  } catch {
    return null;
  }
}

/** The outer layers: encoding marks, an assignment, quotes, escapes and line ends. */
function unwrapOuter(input: string, found: KeyProblemId[]): string {
  let text = input;
  if (text.startsWith('\ufeff')) {
    found.push('bom');
    text = text.slice(1);
  }
  text = text.trim();
  const assignment = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(?=["'`-]|[A-Za-z0-9+/_]{16})/.exec(text);
  if (assignment) {
    found.push('assignment');
    text = text.slice(assignment[0].length).trim();
  }
  const quoted = /^(["'`])([\s\S]*)\1[,;]?$/.exec(text);
  if (quoted) {
    found.push('quotes');
    text = quoted[2]!.trim();
  }
  if (/\\r\\n|\\n/.test(text)) {
    found.push('literal-newlines');
    text = text.replace(/\\r\\n|\\n|\\r/g, '\n');
  }
  if (/\r/.test(text)) {
    found.push('crlf');
    text = text.replace(/\r\n?/g, '\n');
  }
  return text.trim();
}

/** The PEM block itself: its header lines, its line breaks, its body. */
function readBlock(text: string, found: KeyProblemId[]): RecoveredKey {
  const begin = LOOSE_BEGIN.exec(text);
  const end = LOOSE_END.exec(text);
  let label: string | null = null;
  let body = text;
  if (begin) {
    label = begin[1]!;
    const from = begin.index + begin[0].length;
    const to = end && end.index >= from ? end.index : text.length;
    body = text.slice(from, to);
    const after = end && end.index >= from ? text.slice(end.index + end[0].length) : '';
    if (text.slice(0, begin.index).trim() || after.trim()) found.push('extra-text');
    const strictBegin = new RegExp(`(^|\\n)[ \\t]*-----BEGIN ${label}-----`).test(text);
    const strictEnd = end && end.index >= from && new RegExp(`-----END ${label}-----[ \\t]*(\\n|$)`).test(text);
    if (!strictBegin || !strictEnd || end?.[1] !== label) found.push('broken-header');
    if (!/^[ \t]*\n/.test(body) || (end && !/\n[ \t]*$/.test(body))) found.push('newlines-lost');
    else if (body.split('\n').some((line) => /^[ \t]+\S/.test(line)) || /\n[ \t]+-+\s*BEGIN/.test(`\n${text}`))
      found.push('indented');
  } else if (end) {
    found.push('broken-header');
    body = text.slice(0, end.index);
  } else {
    const key = sshPublicKey(text);
    if (key) return { found, container: 'ssh-public', key };
  }
  if (label === 'OPENSSH PRIVATE KEY') return { found: [...found, 'openssh'], container: 'openssh', key: null };
  if (/Proc-Type:\s*4,ENCRYPTED/.test(body)) return { found, container: 'encrypted', key: null };
  const der = base64Der(body);
  const sniffed = der ? sniff(der) : null;
  if (!sniffed) return { found: [...found, 'damaged'], container: null, key: null };
  if (!begin) found.push('no-header');
  else if (LABELS[label!] !== sniffed.container) found.push('wrong-label');
  return { found, ...sniffed };
}

/** What a key's bytes turn out to be once every layer is undone; a UTF-16 file is decoded first. */
export function recoverKey(bytes: Buffer): RecoveredKey {
  const found: KeyProblemId[] = [];
  let text: string;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    found.push('utf16');
    const little = bytes[0] === 0xff;
    // An odd last byte is not a character: drop it (swap16 needs an even length).
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    if (!little) body.swap16();
    text = body.toString('utf16le');
  } else text = bytes.toString('utf8');
  // Layers come in any order (quotes around base64 of an escaped PEM): peel until nothing changes, six rounds at most.
  for (let round = 0; round < 6; round++) {
    const before = text;
    text = unwrapOuter(text, found);
    // A whole PEM in base64 (env-base64 read without decoding it): decode and look again.
    const compact = text.replace(/\s+/g, '');
    const decoded = !/BEGIN/.test(text) && BASE64.test(compact) ? Buffer.from(compact, 'base64').toString('utf8') : '';
    // Encoded more than once, or around quotes: the decoded text is text again, and the next round looks at it.
    if (/-----BEGIN [A-Z ]+-----/.test(decoded) || (decoded.length >= 64 && /^[\x20-\x7e\s]+$/.test(decoded))) {
      found.push('base64-pem');
      text = decoded;
    } else if (text === before) break;
  }
  const recovered = readBlock(text, found);
  return { ...recovered, found: [...new Set(recovered.found)] };
}
