import { createHash } from 'node:crypto';
import type { SecretStore } from '../../src/core/keychain/vault';

/**
 * Writes a secret as every release before keychain format 2 did: chunks of 2,000
 * characters (`<id>#chunk-<n>`), then a manifest at `<id>` with the chunk count and
 * the SHA-256 of the whole. For tests of reading and migrating what those releases left.
 */
export async function putFormat1(store: SecretStore, id: string, secret: string, chunkSize = 2000): Promise<void> {
  const chunks: string[] = [];
  for (let at = 0; at < secret.length; at += chunkSize) chunks.push(secret.slice(at, at + chunkSize));
  for (const [index, chunk] of chunks.entries()) await store.set(`${id}#chunk-${index}`, chunk);
  const sha256 = createHash('sha256').update(secret, 'utf8').digest('hex');
  await store.set(id, JSON.stringify({ v: 1, chunks: chunks.length, sha256 }));
}
