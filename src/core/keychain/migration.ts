import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Vault } from './vault';

/** In the data folder once every secret of its keychain service is one item (format 2). */
export const KEYCHAIN_FORMAT_FILE = 'keychain-format-2';

/**
 * Moves the secrets an earlier release left in chunks to one item each, the first time
 * a command or the window writes the key list (`Vault.migrate` for each, so a process
 * killed at any moment loses nothing; the next write takes up what is left). The file
 * above records that it is done, so later writes do not read the keychain for it.
 */
export class KeychainMigration {
  private done = false;

  constructor(
    private readonly dataDir: string,
    private readonly vault: Vault,
  ) {}

  /** Never throws: a keychain that cannot be reached now is tried again at the next write; `doctor` counts what is left. */
  async runOnce(): Promise<void> {
    if (this.done) return;
    const flag = join(this.dataDir, KEYCHAIN_FORMAT_FILE);
    if (
      await access(flag).then(
        () => true,
        () => false,
      )
    ) {
      this.done = true;
      return;
    }
    try {
      const { chunked, leftovers } = await this.vault.oldForm();
      for (const id of [...chunked, ...leftovers]) await this.vault.migrate(id).catch(() => undefined);
      const left = await this.vault.oldForm();
      if (left.chunked.length + left.leftovers.length > 0) return;
      await writeFile(flag, '2\n', { mode: 0o600 });
      this.done = true;
    } catch {
      // The list was written all the same; the secrets stay readable in their old form.
    }
  }
}
