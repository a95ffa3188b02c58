import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The machine's own tools as oracles: what openssl and ssh-keygen say about a key.

export function opensslPublicFromPrivate(privatePath: string): string {
  return execFileSync('openssl', ['rsa', '-in', privatePath, '-pubout', '-outform', 'PEM'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString();
}

export function opensslModulusBits(publicPem: string, dir: string): number {
  const path = join(dir, 'oracle-pub.pem');
  writeFileSync(path, publicPem);
  const text = execFileSync('openssl', ['rsa', '-pubin', '-in', path, '-noout', '-text']).toString();
  const match = /Public-Key: \((\d+) bit\)/.exec(text);
  if (!match) throw new Error(`openssl printed no key size: ${text.slice(0, 200)}`);
  return Number(match[1]);
}

/** `ssh-keygen -lvf` on an SPKI PEM public key (converted with `ssh-keygen -i -m PKCS8`). */
export function sshKeygenFingerprintOfSpki(
  publicPem: string,
  dir: string,
): { fingerprint: string; bits: number; randomart: string } {
  const pemPath = join(dir, 'oracle-spki.pem');
  const sshPath = join(dir, 'oracle.pub');
  writeFileSync(pemPath, publicPem);
  writeFileSync(sshPath, execFileSync('ssh-keygen', ['-i', '-m', 'PKCS8', '-f', pemPath]));
  return sshKeygenFingerprint(sshPath);
}

export function sshKeygenFingerprint(path: string): { fingerprint: string; bits: number; randomart: string } {
  const lines = execFileSync('ssh-keygen', ['-lvf', path], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trimEnd()
    .split('\n');
  const [bits, fingerprint] = lines[0]!.split(' ');
  return { bits: Number(bits), fingerprint: fingerprint!, randomart: lines.slice(1).join('\n') };
}
