import { randomBytes } from 'node:crypto';

/** A key's permanent id: 16 hex digits, random, never reused. */
export function newKeyId(): string {
  return randomBytes(8).toString('hex');
}
