import { createHash, type KeyObject } from 'node:crypto';
import { randomart } from '../../shared/randomart';

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

export function sha256Digest(key: KeyObject): Buffer {
  return createHash('sha256').update(sshRsaPublicBlob(key)).digest();
}

/** `SHA256:` + unpadded base64, as `ssh-keygen -lf` prints it. */
export function sshFingerprint(key: KeyObject): string {
  return `SHA256:${sha256Digest(key).toString('base64').replace(/=+$/, '')}`;
}

export function rsaRandomart(key: KeyObject, bits: number): string {
  return randomart(sha256Digest(key), `[RSA ${bits}]`);
}
