import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { CoreError } from '../../core/errors';
import { FORMAT_NAMES } from '../../core/keys/importKey';
import type { KeyManager } from '../../core/keyManager';
import type { Handlers } from './handlerTypes';
import type { Desktop } from '../desktop';

/**
 * Where the key-file dialog opens: ~/.ssh when there is one. The Linux portal file chooser
 * ignores showHiddenFiles, so a dialog opened at home would hide the folder most keys are in.
 */
function keyFolder(): { defaultPath?: string } {
  const ssh = join(homedir(), '.ssh');
  return existsSync(ssh) ? { defaultPath: ssh } : {};
}

/** A key file is a few KB; anything much larger is not one, and is not read into memory. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

type ImportHandlers = Pick<Handlers, 'importKey' | 'chooseKeyFile' | 'importKeyFile'>;

/**
 * Import from pasted text or from a file the person picked in an open dialog.
 * The window gets an opaque id for the picked file, never a path it could choose
 * itself, and never the file's content.
 */
export function createImportHandlers(keys: KeyManager, desktop: Desktop): ImportHandlers {
  const chosen = new Map<string, string>();

  async function readKeyFile(path: string): Promise<string> {
    try {
      if ((await stat(path)).size > MAX_KEY_FILE_BYTES)
        throw new CoreError('invalid_key_file', `${basename(path)} is too large to be a key file.`);
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
    async importKey({ text, label, appId, passphrase }) {
      const { key, format } = await keys.importKey(text, { label, appId: appId ?? null, passphrase });
      return { key, formatName: FORMAT_NAMES[format], encrypted: format.endsWith('encrypted'), sourcePath: null };
    },
    async chooseKeyFile() {
      const path = await desktop.chooseOpenPath({
        title: 'Choose a private key file',
        ...keyFolder(),
        // ssh-keygen's files have no extension (id_rsa), so every file is offered first.
        filters: [
          { name: 'All files', extensions: ['*'] },
          { name: 'PEM files', extensions: ['pem', 'key', 'pk'] },
        ],
      });
      if (path === null) throw new CoreError('cancelled', 'No file was chosen.');
      const fileId = randomBytes(16).toString('hex');
      chosen.set(fileId, path);
      return { fileId, name: basename(path) };
    },
    async importKeyFile({ fileId, label, appId, passphrase }) {
      const path = chosen.get(fileId);
      if (!path) throw new CoreError('invalid_input', 'Choose the key file again.');
      const { key, format } = await keys.importKey(await readKeyFile(path), {
        label,
        appId: appId ?? null,
        passphrase,
      });
      chosen.delete(fileId);
      return { key, formatName: FORMAT_NAMES[format], encrypted: format.endsWith('encrypted'), sourcePath: path };
    },
  };
}
