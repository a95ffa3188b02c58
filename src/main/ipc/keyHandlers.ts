import { CoreError } from '../../core/errors';
import { writeExportFile } from '../../core/files/exportFile';
import type { KeyManager } from '../../core/keyManager';
import type { Desktop } from '../desktop';
import { isAllowedExternalUrl } from '../security';
import type { Handlers } from './handlerTypes';
import { cancelled, fileName } from './dialogAnswers';

type KeyHandlers = Pick<
  Handlers,
  | 'generateKey'
  | 'showKey'
  | 'checkKid'
  | 'recordKid'
  | 'renameKey'
  | 'savePublicKey'
  | 'copyPublicKey'
  | 'copyText'
  | 'createToken'
  | 'checkToken'
  | 'openExternal'
>;

/**
 * One key's handlers: make, show, name and export it, and its tokens. None returns
 * private key material: the private export happens here, from confirmation to a 0600 file.
 */
export function createKeyHandlers(keys: KeyManager, desktop: Desktop): KeyHandlers {
  return {
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
      if (/PRIVATE KEY/.test(text))
        throw new CoreError('invalid_input', 'Private key material is never put on the clipboard.');
      await desktop.writeClipboard(text);
      return { copied: true };
    },
    createToken: ({ id, options }) => keys.makeToken(id, options),
    checkToken: ({ token }) => keys.checkToken(token),
    async openExternal({ url }) {
      if (!isAllowedExternalUrl(url))
        throw new CoreError('invalid_input', 'Only the JaaS console and 8x8 documentation links open from the app.');
      await desktop.openExternal(url);
      return { opened: true };
    },
  };
}
