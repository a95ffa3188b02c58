import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { CoreError } from '../errors';

export const JAAS_KEY_BITS = 4096;
const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * Makes a JaaS key pair. Node runs RSA generation on its thread pool, so the
 * event loop (and with it the app's window) stays free during the seconds it takes.
 */
export async function generateRsaKey(bits = JAAS_KEY_BITS): Promise<KeyObject> {
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  return privateKey;
}

/** SubjectPublicKeyInfo PEM, byte-identical to `openssl rsa -pubout -outform PEM`. */
export function publicSpkiPem(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ type: 'spki', format: 'pem' }).toString();
}

/** PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), what `ssh-keygen -m PEM` writes. */
export function privatePkcs1Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs1', format: 'pem' }).toString();
}

/** PKCS#8 PEM (`BEGIN PRIVATE KEY`), what `openssl genpkey` writes. */
export function privatePkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function modulusBits(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType !== 'rsa' || !bits) throw new CoreError('not_rsa', 'This is not an RSA key.');
  return bits;
}

/** Reads a private key the vault stored; anything else there is a corrupt secret. */
export function privateKeyFromStoredPem(pem: string): KeyObject {
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    modulusBits(key);
    return key;
  } catch {
    throw new CoreError(
      'secret_corrupt',
      'The keychain holds something for this key that is not a readable RSA private key.',
    );
  }
}
