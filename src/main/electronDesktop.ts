import { clipboard, dialog, shell, type BrowserWindow } from 'electron';
import type { Desktop } from './desktop';

/** The Desktop the handlers use, on Electron's dialogs, clipboard and shell. */
export function electronDesktop(window: () => BrowserWindow | null): Desktop {
  return {
    async chooseSavePath(request) {
      const parent = window();
      const options = {
        title: request.title,
        defaultPath: request.defaultName,
        filters: request.filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
          'createDirectory' | 'showOverwriteConfirmation'
        >,
      };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseOpenPath(request) {
      const parent = window();
      const options = {
        title: request.title,
        filters: request.filters,
        ...(request.defaultPath ? { defaultPath: request.defaultPath } : {}),
        properties: ['openFile', 'showHiddenFiles'] as Array<'openFile' | 'showHiddenFiles'>,
      };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
    },
    async confirm(request) {
      const parent = window();
      const options = {
        type: 'warning' as const,
        message: request.message,
        detail: request.detail,
        buttons: ['Cancel', request.confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const result = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return result.response === 1;
    },
    writeClipboard(text) {
      // Electron 45's writeText is asynchronous: the handler answers "copied" only once it is done.
      return clipboard.writeText(text);
    },
    readClipboard() {
      return clipboard.readText();
    },
    openExternal(url) {
      return shell.openExternal(url);
    },
  };
}
