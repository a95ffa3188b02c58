import type { KeyObject } from 'node:crypto';
import type { KeyProblemId } from '../../src/shared/keyCheck';
import { privatePkcs1Pem, privatePkcs8Pem } from '../../src/core/keys/rsa';

// The ways a PEM arrives mangled on a server (issue 20), each made from a real key,
// with the problems check-key must name. Shared by the core test, the runtime
// oracle test and the fuzz campaign, which composes them.

export interface Mangling {
  name: string;
  make: (pem: { pkcs8: string; pkcs1: string }) => string | Buffer;
  names: KeyProblemId[];
}

const oneLine = (pem: string) => pem.trimEnd().replace(/\n/g, '\\n');

export const MANGLINGS: Mangling[] = [
  { name: 'clean PKCS#8', make: (p) => p.pkcs8, names: [] },
  { name: 'clean PKCS#1', make: (p) => p.pkcs1, names: [] },
  { name: 'literal \\n', make: (p) => oneLine(p.pkcs8), names: ['literal-newlines'] },
  { name: 'double quotes', make: (p) => `"${p.pkcs8.trimEnd()}"`, names: ['quotes'] },
  { name: 'single quotes', make: (p) => `'${p.pkcs8.trimEnd()}'`, names: ['quotes'] },
  { name: 'quotes and \\n', make: (p) => `"${oneLine(p.pkcs8)}"`, names: ['quotes', 'literal-newlines'] },
  {
    name: 'a dotenv line',
    make: (p) => `JAAS_PRIVATE_KEY="${oneLine(p.pkcs8)}"`,
    names: ['assignment', 'quotes', 'literal-newlines'],
  },
  { name: 'CRLF', make: (p) => p.pkcs8.replace(/\n/g, '\r\n'), names: ['crlf'] },
  { name: 'a BOM', make: (p) => `\ufeff${p.pkcs8}`, names: ['bom'] },
  {
    name: 'UTF-16',
    make: (p) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(p.pkcs8, 'utf16le')]),
    names: ['utf16'],
  },
  { name: 'lines joined by spaces', make: (p) => p.pkcs8.trimEnd().replace(/\n/g, ' '), names: ['newlines-lost'] },
  { name: 'lines joined', make: (p) => p.pkcs8.trimEnd().replace(/\n/g, ''), names: ['newlines-lost'] },
  { name: 'indented', make: (p) => p.pkcs8.replace(/^(?=.)/gm, '    '), names: ['indented'] },
  {
    name: 'body only',
    make: (p) =>
      `${p.pkcs8
        .split('\n')
        .filter((line) => line && !line.startsWith('-----'))
        .join('\n')}\n`,
    names: ['no-header'],
  },
  { name: 'four dashes', make: (p) => p.pkcs8.replace('-----BEGIN', '----BEGIN'), names: ['broken-header'] },
  { name: 'no END line', make: (p) => p.pkcs8.replace(/-----END PRIVATE KEY-----\n/, ''), names: ['broken-header'] },
  {
    name: 'PKCS#1 lines on PKCS#8',
    make: (p) => p.pkcs8.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY'),
    names: ['wrong-label'],
  },
  { name: 'base64 of the PEM', make: (p) => Buffer.from(p.pkcs8).toString('base64'), names: ['base64-pem'] },
  {
    name: 'base64 of a PEM with \\n',
    make: (p) => Buffer.from(oneLine(p.pkcs8)).toString('base64'),
    names: ['base64-pem', 'literal-newlines'],
  },
  {
    name: 'text around it',
    make: (p) => `Bag Attributes\n    localKeyID: 01\n${p.pkcs8}trailing\n`,
    names: ['extra-text'],
  },
  { name: 'cut short', make: (p) => p.pkcs8.slice(0, 1200), names: ['broken-header', 'damaged'] },
];

export function pemsOf(key: KeyObject): { pkcs8: string; pkcs1: string } {
  return { pkcs8: privatePkcs8Pem(key), pkcs1: privatePkcs1Pem(key) };
}

export function bytesOf(made: string | Buffer): Buffer {
  return typeof made === 'string' ? Buffer.from(made) : made;
}

/** Every run of 12 base64 characters of the key's DER body: none may appear in anything check-key prints. */
export function keyMaterialPieces(pkcs8: string): string[] {
  const body = pkcs8.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const pieces: string[] = [];
  for (let at = 0; at + 12 <= body.length; at += 12) pieces.push(body.slice(at, at + 12));
  return pieces;
}
