import { CoreError } from '../../core/errors';
import { writeExportFile } from '../../core/exportFile';
import type { KeyManager } from '../../core/keyManager';
import type { Input, Output } from '../../shared/contract';
import type { KeyListing } from '../../shared/keys';
import type { Method } from '../../shared/methods';
import type { Desktop } from '../desktop';
import { isAllowedExternalUrl } from '../security';
import { createImportHandlers } from './importHandlers';
import { createLifecycleHandlers } from './lifecycleHandlers';
import { createBackupHandlers } from './backupHandlers';

export type Handlers = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };

const cancelled = () => new CoreError('cancelled', 'Cancelled; nothing was written.');

function fileName(label: string, extension: string): string {
  // Labels may hold characters no file system likes; the dialog still lets the person change it.
  return `${label.replace(/[\\/:*?"<>|]+/g, '-')}${extension}`;
}

/**
 * The back end of the window: each handler takes input the dispatcher already
 * validated and returns plain values. None returns private key material: the
 * private export happens here, from confirmation to a 0600 file.
 */
export function createHandlers(keys: KeyManager, desktop: Desktop): Handlers {
  // Reconciling reads the whole keychain, so it runs at start and on request, not on every listing.
  let lastCheck: Promise<KeyListing> | null = null;
  const recheck = () => {
    lastCheck = keys.listing();
    lastCheck.catch(() => undefined); // a failed check is reported by the next listing, never left unhandled
    return lastCheck;
  };
  const listing = async (): Promise<KeyListing> => {
    const checked = await (lastCheck ?? recheck()).catch(() => null);
    const current = await keys.list({ all: true });
    return { keys: current, findings: checked?.findings ?? [], keychainProblem: checked?.keychainProblem ?? null, keychainName: checked?.keychainName ?? null };
  };

  return {
    listKeys: () => listing(),
    checkKeychain: () => recheck(),
    generateKey: ({ label, appId }) => keys.generate({ label, appId: appId ?? null }),
    showKey: ({ id }) => keys.show(id),
    async checkKid({ id, kid }) {
      const problem = await keys.kidProblem(id, kid);
      return { ok: problem === null, problem };
    },
    recordKid: ({ id, kid }) => keys.recordKid(id, kid),
    renameKey: ({ id, label }) => keys.rename(id, label),
    async savePublicKey({ id }) {
      const key = await keys.show(id);
      const path = await desktop.chooseSavePath({
        title: `Save the public key of "${key.label}"`,
        defaultName: fileName(key.label, '.pub'),
        filters: [{ name: 'Public key (PEM)', extensions: ['pub', 'pem'] }],
      });
      if (path === null) throw cancelled();
      // The save dialog has already asked before replacing an existing file.
      await writeExportFile(path, key.publicPem, { force: true, mode: 0o644 });
      await keys.notePublicExport(id, `saved to ${path}`);
      return { path };
    },
    async copyPublicKey({ id }) {
      await desktop.writeClipboard(await keys.publicPem(id));
      await keys.notePublicExport(id, 'copied to the clipboard');
      return { copied: true };
    },
    async copyText({ text }) {
      if (/PRIVATE KEY/.test(text)) throw new CoreError('invalid_input', 'Private key material is never put on the clipboard.');
      await desktop.writeClipboard(text);
      return { copied: true };
    },
    async exportPrivateKey({ id, format }) {
      const key = await keys.resolve(id);
      const confirmed = await desktop.confirm({
        message: `Export the private key of "${key.label}" to a file?`,
        detail: 'Anyone who has this file can sign meeting tokens for your JaaS app. Store it somewhere safe, do not send it by email or chat, and delete it when you no longer need it. The key stays in the keychain either way.',
        confirmLabel: 'Export private key',
      });
      if (!confirmed) throw cancelled();
      const path = await desktop.chooseSavePath({
        title: `Save the private key of "${key.label}"`,
        defaultName: fileName(key.label, '.pem'),
        filters: [{ name: 'Private key (PEM)', extensions: ['pem', 'key'] }],
      });
      if (path === null) throw cancelled();
      // The save dialog has already asked before replacing an existing file.
      await keys.exportPrivate(id, path, { pkcs8: format === 'pkcs8', force: true });
      return { path };
    },
    async recoverKey({ id, label }) {
      const key = await keys.recover(id, label);
      void recheck();
      return key;
    },
    ...createImportHandlers(keys, desktop),
    ...createLifecycleHandlers(keys, () => void recheck()),
    ...createBackupHandlers(keys, desktop, () => void recheck()),
    createToken: ({ id, options }) => keys.makeToken(id, options),
    checkToken: ({ token }) => keys.checkToken(token),
    async openExternal({ url }) {
      if (!isAllowedExternalUrl(url)) throw new CoreError('invalid_input', 'Only the JaaS console and 8x8 documentation links open from the app.');
      await desktop.openExternal(url);
      return { opened: true };
    },
  };
}
