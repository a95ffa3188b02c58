import { createHash } from 'node:crypto';
import type { KeyManager } from '../../core/keyManager';
import { PRIVATE_FORMAT_NAMES, type PrivateFormat } from '../../shared/keys';
import type { Desktop } from '../desktop';
import type { Handlers } from './handlerTypes';
import { cancelled, fileName } from './dialogAnswers';

type ProductionHandlers = Pick<Handlers, 'exportPrivateKey' | 'copyPrivateForm' | 'checkKey' | 'saveRepairedKey'>;

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** How long a private form stays on the clipboard: long enough to paste into a secret store. */
export const CLIPBOARD_CLEAR_SECONDS = 60;

const FILES: Record<PrivateFormat, { extension: string; filter: string; extensions: string[] }> = {
  pkcs1: { extension: '.pem', filter: 'Private key (PEM)', extensions: ['pem', 'key'] },
  pkcs8: { extension: '.pem', filter: 'Private key (PEM)', extensions: ['pem', 'key'] },
  env: { extension: '.env', filter: 'Environment file', extensions: ['env'] },
  'env-base64': { extension: '.env', filter: 'Environment file', extensions: ['env'] },
  json: { extension: '.json', filter: 'JSON', extensions: ['json'] },
  k8s: { extension: '.yaml', filter: 'Kubernetes manifest', extensions: ['yaml', 'yml'] },
  jwk: { extension: '.jwk.json', filter: 'JSON Web Key', extensions: ['json'] },
};

/**
 * Keys in production, from the window: a private key leaves main only for a file or the
 * clipboard the person asked for, after a confirmation; a pasted key is checked here
 * and only its report goes back.
 */
export function createProductionHandlers(
  keys: KeyManager,
  desktop: Desktop,
  clearAfterMs = CLIPBOARD_CLEAR_SECONDS * 1000,
): ProductionHandlers {
  async function confirmPrivate(id: string, where: 'file' | 'clipboard'): Promise<string> {
    const key = await keys.resolve(id, 'any');
    const confirmed = await desktop.confirm(
      where === 'file'
        ? {
            message: `Export the private key of "${key.label}" to a file?`,
            detail:
              'Anyone who has this file can sign meeting tokens for your JaaS app. Store it somewhere safe, do not send it by email or chat, and delete it when you no longer need it. The key stays in the keychain either way.',
            confirmLabel: 'Export private key',
          }
        : {
            message: `Copy the private key of "${key.label}"?`,
            detail: `Anyone who has it can sign meeting tokens for your JaaS app. Paste it straight into your server's secret store; clipboard managers may keep a copy. The clipboard is cleared after ${Math.round(clearAfterMs / 1000)} seconds if it still holds the key.`,
            confirmLabel: 'Copy private key',
          },
    );
    if (!confirmed) throw cancelled();
    return key.label;
  }

  return {
    async exportPrivateKey({ id, format }) {
      const label = await confirmPrivate(id, 'file');
      const file = FILES[format];
      const path = await desktop.chooseSavePath({
        title:
          format === 'pkcs1' || format === 'pkcs8'
            ? `Save the private key of "${label}"`
            : `Save the private key of "${label}" as ${PRIVATE_FORMAT_NAMES[format]}`,
        defaultName: fileName(label, file.extension),
        filters: [{ name: file.filter, extensions: file.extensions }],
      });
      if (path === null) throw cancelled();
      // The save dialog has already asked before replacing an existing file.
      await keys.exportPrivate(id, path, { format, force: true });
      return { path };
    },
    async copyPrivateForm({ id, format }) {
      await confirmPrivate(id, 'clipboard');
      const { record, text } = await keys.privateForm(id, format);
      await desktop.writeClipboard(text);
      await keys.notePrivateExport(record.id, `${PRIVATE_FORMAT_NAMES[format]} copied to the clipboard`);
      // Cleared only if it still holds the key: whatever the person copied since stays. Only a
      // digest is kept for that comparison, so the key does not wait in main's memory for a minute.
      const copied = digest(text);
      setTimeout(() => {
        void Promise.resolve(desktop.readClipboard())
          .then((now) => (digest(now) === copied ? desktop.writeClipboard('') : undefined))
          .catch(() => undefined);
      }, clearAfterMs).unref?.();
      return { copied: true, clearsAfterSeconds: Math.round(clearAfterMs / 1000) };
    },
    checkKey: ({ text, runtime }) => keys.production.checkKey(Buffer.from(text), runtime),
    async saveRepairedKey({ text, runtime }) {
      const path = await desktop.chooseSavePath({
        title: 'Save the repaired private key (PKCS#8 PEM)',
        defaultName: 'jaas-private-key.pem',
        filters: [{ name: 'Private key (PEM)', extensions: ['pem', 'key'] }],
      });
      if (path === null) throw cancelled();
      await keys.production.saveRepaired(Buffer.from(text), runtime, path, true);
      return { path };
    },
  };
}
