import type { KeyObject } from 'node:crypto';
import type { KeyRecord } from '../../shared/keys';
import type { MadeToken, TokenOptions } from '../../shared/tokens';
import type { Catalog } from '../catalog/catalog';
import { privatePkcs8Pem } from '../keys/rsa';
import { makeToken } from './token';

/**
 * A key opened for signing: its private key read from the keychain once, tokens
 * made in memory, and the key's token count kept in the key list. Tokens are
 * counted, never recorded; a server flushes the count now and then, not per token.
 */
export class Signer {
  private pending = 0;
  private longest = 0;
  private lastAt: string | null = null;

  constructor(
    readonly record: KeyRecord,
    private readonly privateKey: KeyObject,
    private readonly catalog: Catalog,
    private readonly now: () => Date,
  ) {}

  sign(options: TokenOptions): MadeToken {
    const made = makeToken(this.record, this.privateKey, options, this.now());
    this.pending += 1;
    this.longest = Math.max(this.longest, options.lifetimeSeconds);
    this.lastAt = this.now().toISOString();
    return made;
  }

  /** The private key as PKCS#8 PEM (`BEGIN PRIVATE KEY`), for `run` to hand to a program; nothing else reads it. */
  privateKeyPem(): string {
    return privatePkcs8Pem(this.privateKey);
  }

  /** Adds the tokens signed since the last flush to the key's count, in one locked write. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    const [count, longest, lastAt] = [this.pending, this.longest, this.lastAt];
    this.pending = 0;
    await this.catalog.update((keys) => {
      const counted = keys.find((key) => key.id === this.record.id);
      if (!counted) return;
      counted.tokensSigned += count;
      counted.lastTokenAt = lastAt;
      counted.longestTokenSeconds = Math.max(counted.longestTokenSeconds ?? 0, longest);
    });
  }
}
