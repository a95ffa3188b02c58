import { createPrivateKey, type KeyObject } from 'node:crypto';
import { CoreError } from '../errors';
import { JAAS_KEY_BITS } from './rsa';

export type KeyFileFormat = 'pkcs1' | 'pkcs1-encrypted' | 'pkcs8' | 'pkcs8-encrypted' | 'openssh' | 'openssh-encrypted';

export interface ParsedKeyFile {
  key: KeyObject;
  format: KeyFileFormat;
}

export const FORMAT_NAMES: Record<KeyFileFormat, string> = {
  pkcs1: 'PKCS#1 PEM',
  'pkcs1-encrypted': 'encrypted PKCS#1 PEM',
  pkcs8: 'PKCS#8 PEM',
  'pkcs8-encrypted': 'encrypted PKCS#8 PEM',
  openssh: 'OpenSSH private key',
  'openssh-encrypted': 'encrypted OpenSSH private key',
};

const PUBLIC_ONLY =
  /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+) AAAA|-----BEGIN (RSA |SSH2 )?PUBLIC KEY-----|---- BEGIN SSH2 PUBLIC KEY ----/m;

function openSslFailure(error: unknown, encrypted: boolean): CoreError {
  const code = (error as { code?: string }).code ?? '';
  const text = error instanceof Error ? error.message : '';
  if (encrypted && /bad decrypt|BAD_DECRYPT|bad password|DECRYPT/i.test(`${code} ${text}`)) {
    return new CoreError(
      'wrong_passphrase',
      'The passphrase is wrong: the key did not decrypt. Check it and try again.',
    );
  }
  if (encrypted && /passphrase|MISSING_PASSPHRASE|interrupted or cancelled/i.test(`${code} ${text}`)) {
    return new CoreError(
      'passphrase_required',
      'This private key is protected by a passphrase. Enter it to import the key.',
    );
  }
  return new CoreError(
    'invalid_key_file',
    'The PEM block could not be read as a private key; the file may be damaged or cut short.',
  );
}

/** Recognises the format of a private key file's text and reads it, with a passphrase where it is encrypted. */
export async function parseKeyFile(text: string, passphrase?: string): Promise<ParsedKeyFile> {
  if (/-----BEGIN OPENSSH PRIVATE KEY-----/.test(text)) {
    // Loaded only for OpenSSH files: bcrypt-pbkdf and tweetnacl are most of what `jaas-keys` would parse at start.
    const { parseOpenSshPrivateKey } = await import('./openssh');
    const { key, encrypted } = parseOpenSshPrivateKey(text, passphrase);
    return { key, format: encrypted ? 'openssh-encrypted' : 'openssh' };
  }
  const block = /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/.exec(text);
  if (!block) {
    if (PUBLIC_ONLY.test(text)) {
      throw new CoreError(
        'public_key_only',
        'This is a public key. Importing needs the private key: the file without ".pub" that ssh-keygen or the JaaS console gave you.',
      );
    }
    throw new CoreError(
      'invalid_key_file',
      'No private key found. Expected a PEM block ("-----BEGIN … PRIVATE KEY-----") or an OpenSSH private key.',
    );
  }
  const kind = block[1]!;
  if (kind === 'EC PRIVATE KEY' || kind === 'DSA PRIVATE KEY')
    throw new CoreError(
      'not_rsa',
      `This is an ${kind.split(' ')[0]} key, not RSA. JaaS API keys are 4096-bit RSA keys.`,
    );
  const encrypted = kind === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(block[0]);
  if (encrypted && !passphrase)
    throw new CoreError(
      'passphrase_required',
      'This private key is protected by a passphrase. Enter it to import the key.',
    );
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: block[0], format: 'pem', ...(encrypted ? { passphrase } : {}) });
  } catch (error) {
    throw openSslFailure(error, encrypted);
  }
  const format: KeyFileFormat =
    kind === 'RSA PRIVATE KEY' ? (encrypted ? 'pkcs1-encrypted' : 'pkcs1') : encrypted ? 'pkcs8-encrypted' : 'pkcs8';
  return { key, format };
}

/** JaaS signs with RSA 4096; anything else is refused with what it is. */
export function assertJaasKey(key: KeyObject): number {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CoreError(
      'not_rsa',
      `This is an ${key.asymmetricKeyType?.toUpperCase() ?? 'unknown'} key, not RSA. JaaS API keys are 4096-bit RSA keys.`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < JAAS_KEY_BITS)
    throw new CoreError(
      'weak_key',
      `This is a ${bits}-bit RSA key; JaaS expects ${JAAS_KEY_BITS} bits. Make a new key instead.`,
    );
  return bits;
}
