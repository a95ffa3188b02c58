import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CoreError } from '../../core/errors';
import type { KeyManager } from '../../core/keyManager';
import { passphraseStrength } from '../../core/backup/passphrase';
import type { Desktop } from '../desktop';
import type { RestoreProgress } from '../../shared/contract';
import type { Handlers } from './handlerTypes';
import { cancelled } from './dialogAnswers';

/** The backup format (zod, age) loads with the first backup step, as in the core, not with the window. */
const backupFile = () => import('../../core/backup/backupFile');

type BackupHandlers = Pick<
  Handlers,
  | 'passphraseStrength'
  | 'checkRecipient'
  | 'myRecipient'
  | 'backupKeys'
  | 'chooseBackupFile'
  | 'previewRestore'
  | 'restoreBackup'
  | 'restoreProgress'
>;

/**
 * Backups and restores for the window. The backup file is chosen in a dialog and
 * read here, in the main process; the page gets an opaque id and, for a restore,
 * what would happen to each key: never the file, its plaintext or a private key.
 */
export function createBackupHandlers(keys: KeyManager, desktop: Desktop, recheck: () => void): BackupHandlers {
  const chosen = new Map<string, string>();
  /** Each running restore's count of keys stored, by file; gone once the restore ends. */
  const progress = new Map<string, RestoreProgress>();

  async function readChosen(fileId: string): Promise<string> {
    const path = chosen.get(fileId);
    if (!path) throw new CoreError('invalid_input', 'Choose the backup file again.');
    // Outside the try: a module that fails to load is not a file that cannot be read.
    const { MAX_BACKUP_BYTES } = await backupFile();
    try {
      if ((await stat(path)).size > MAX_BACKUP_BYTES)
        throw new CoreError('invalid_backup', `${basename(path)} is far too large to be a backup of this app.`);
      return await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof CoreError) throw error;
      throw new CoreError(
        'file_error',
        `Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
      );
    }
  }

  return {
    passphraseStrength: ({ passphrase }) => passphraseStrength(passphrase),
    async checkRecipient({ recipient }) {
      const problem = await (await backupFile()).checkRecipient(recipient);
      return { ok: problem === null, problem };
    },
    myRecipient: async () => ({ recipient: await keys.backups.recipient() }),
    async backupKeys({ ids, lock, includeTrash }) {
      const stamp = new Date().toISOString().slice(0, 10);
      const path = await desktop.chooseSavePath({
        title: 'Save the encrypted backup',
        defaultName: `jaas-keys-${stamp}.age`,
        filters: [{ name: 'age encrypted file', extensions: ['age'] }],
      });
      if (path === null) throw cancelled();
      // The save dialog has already asked before replacing an existing file.
      const saved = await keys.backups.write(path, { refs: ids, includeTrash, force: true, lock });
      return { path, count: saved.length };
    },
    async chooseBackupFile() {
      const path = await desktop.chooseOpenPath({
        title: 'Choose a JaaS Key Manager backup',
        filters: [
          { name: 'age encrypted file', extensions: ['age'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (path === null) throw new CoreError('cancelled', 'No file was chosen.');
      const fileId = randomBytes(16).toString('hex');
      chosen.set(fileId, path);
      return { fileId, name: basename(path), needs: await (await backupFile()).backupNeeds(await readChosen(fileId)) };
    },
    previewRestore: async ({ fileId, passphrase }) => keys.backups.plan(await readChosen(fileId), passphrase),
    async restoreBackup({ fileId, passphrase }) {
      try {
        const items = await keys.backups.restore(await readChosen(fileId), passphrase, (done, total) =>
          progress.set(fileId, { done, total }),
        );
        recheck();
        return items;
      } finally {
        progress.delete(fileId);
      }
    },
    restoreProgress: async ({ fileId }) => progress.get(fileId) ?? null,
  };
}
