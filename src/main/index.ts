import { app, BrowserWindow, dialog, Menu, nativeTheme } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openKeyManager } from '../core/index';
import { createDispatcher } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register';
import { electronDesktop } from './electronDesktop';
import { hardenSessionsAndContents, registerAppScheme, serveRenderer } from './hardening';
import { applicationMenu, attachContextMenu } from './menu';
import { APP_ENTRY_URL, isTrustedPageUrl, WINDOW_BACKGROUND, windowOptions } from './security';

// The main process: thin wiring from Electron to the core. Everything with logic
// in it (handlers, validation, security settings) lives in modules tested in Node.

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
// electron-vite sets this during `npm run dev` only; a packaged app never has it.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

// The E2E suite runs the app against its own data folder and keychain service.
if (process.env.JAAS_KEYS_DATA_DIR) app.setPath('userData', process.env.JAAS_KEYS_DATA_DIR);
// Chromium's own files (caches, local storage, the singleton lock) go to a subfolder, not beside
// keys.json in the folder the command shares and people copy. Only before ready does this take.
app.setPath('sessionData', join(app.getPath('userData'), 'Chromium'));

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
registerAppScheme();

let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  const window = new BrowserWindow(
    windowOptions(here('../preload/index.cjs'), {
      iconPath: here('../../assets/icon.png'),
      dark: nativeTheme.shouldUseDarkColors,
      devTools: !app.isPackaged,
    }),
  );
  mainWindow = window;
  attachContextMenu(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  const url = devServerUrl ?? APP_ENTRY_URL;
  window.loadURL(url).catch((error: unknown) => {
    // An empty window helps nobody: say what failed and where, then leave.
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[jaas] could not load ${url}: ${reason}`);
    dialog.showErrorBox(
      'JaaS Key Manager could not open its window',
      `The page ${url} did not load (${reason}).${devServerUrl ? ' Is `npm run dev` still running?' : ' Reinstall the app; your keys in the keychain and the key list are not affected.'}`,
    );
    app.quit();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another copy is running: it gets focus (below), this one leaves before touching the keychain.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    hardenSessionsAndContents(devServerUrl);
    serveRenderer(here('../renderer'));
    const keys = openKeyManager({
      dataDir: app.getPath('userData'),
      service: process.env.JAAS_KEYS_SERVICE || undefined,
    });
    const handlers = createHandlers(
      keys,
      electronDesktop(() => mainWindow),
    );
    registerIpc(
      createDispatcher(
        handlers,
        (url) => isTrustedPageUrl(url, devServerUrl),
        (line) => console.error(`[jaas] ${line}`),
      ),
    );
    Menu.setApplicationMenu(applicationMenu());
    // A resize paints the window's own colour first: it follows the theme the page follows.
    nativeTheme.on('updated', () =>
      mainWindow?.setBackgroundColor(
        nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
      ),
    );
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
