import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxBlocked } from '../../scripts/desktop-prerequisites.mjs';
import { journeyContext, keyFile, ok, type JourneyContext } from '../journeys/journeyApp';
import { JOURNEYS } from '../journeys/journeys';
import { clearService, tempDir, uniqueService } from '../support/fixtures';

// The shared journeys, and what only Electron has, in a real Electron window: the
// unpacked app (`electron .`, fuses unflipped, as Playwright needs). Run by
// `npm run test:electron` (test/electron/run.mjs), which says in one line when
// Electron's binary cannot be had. Each test has its own data folder and keychain
// service, and takes both away afterwards: no private key is left in the person's
// keychain, and no folder in their temporary folder.

const BINARY = process.env.JAAS_ELECTRON_BINARY!;
/** Chromium's sandbox, as shipped, wherever this machine lets it start (not as root; not where AppArmor blocks it). */
const SANDBOX = process.getuid?.() !== 0 && !(process.platform === 'linux' && sandboxBlocked());
if (!SANDBOX)
  console.log(
    'Electron runs without Chromium’s sandbox here (root, or AppArmor blocks it): the sandbox itself is not tested.',
  );

interface Launched {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  context: JourneyContext;
}

const open: Launched[] = [];

async function launch(prepare?: (context: JourneyContext) => Promise<void>): Promise<Launched> {
  const dataDir = await tempDir('jaas-electron-');
  const service = uniqueService();
  const env = { ...process.env, JAAS_KEYS_DATA_DIR: dataDir, JAAS_KEYS_SERVICE: service };
  const context = journeyContext(await tempDir('jaas-electron-files-'), env);
  await prepare?.(context);
  const app = await electron.launch({ executablePath: BINARY, args: ['.'], env, chromiumSandbox: SANDBOX });
  const launched = { app, page: await app.firstWindow(), dataDir, env, context };
  open.push(launched);
  return launched;
}

afterEach(async () => {
  for (const { app, dataDir, env, context } of open.splice(0)) {
    await app.close().catch(() => undefined);
    // Every secret of this service goes, trashed keys' included: the trash keeps a secret, so rm alone would leave it.
    await clearService(env.JAAS_KEYS_SERVICE!);
    await rm(dataDir, { recursive: true, force: true });
    await rm(context.dir, { recursive: true, force: true });
  }
});

/** Native dialogs cannot be clicked by Playwright: the next one answers from the main process, and records what it was asked. */
async function answerDialog(app: ElectronApplication, kind: 'open' | 'save', path: string): Promise<void> {
  await app.evaluate(
    ({ dialog }, [which, filePath]) => {
      const asked = ((globalThis as { __dialogRequests?: unknown[] }).__dialogRequests ??= []);
      if (which === 'save') {
        (dialog as { showSaveDialog: unknown }).showSaveDialog = async (...args: unknown[]) => {
          asked.push(args.at(-1));
          return { canceled: false, filePath };
        };
      } else {
        (dialog as { showOpenDialog: unknown }).showOpenDialog = async (...args: unknown[]) => {
          asked.push(args.at(-1));
          return { canceled: false, filePaths: [filePath] };
        };
      }
    },
    [kind, path] as const,
  );
}

describe('shared journeys in Electron', () => {
  for (const journey of JOURNEYS) {
    it(journey.name, async () => {
      const { app, page, context } = await launch(journey.prepare);
      await journey.run(
        {
          page,
          answerOpen: (path) => answerDialog(app, 'open', path),
          answerSave: (path) => answerDialog(app, 'save', path),
        },
        context,
      );
    });
  }
});

describe('what only Electron has', () => {
  it('isolates the page: no Node, only window.jaas, served from app://', async () => {
    const { page } = await launch();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    const methods = await page.evaluate(() => Object.keys((globalThis as unknown as { jaas: object }).jaas));
    expect(methods).toContain('generateKey');
    expect(methods).not.toContain('invoke');
    expect(page.url()).toMatch(/^app:\/\/jaas\//);
  });

  it('runs sandboxed where the machine allows it', async () => {
    const { app } = await launch();
    expect(await app.evaluate(({ app: electronApp }) => electronApp.commandLine.hasSwitch('no-sandbox'))).toBe(
      !SANDBOX,
    );
  });

  it('answers a missing app:// file with 404', async () => {
    const { page } = await launch();
    const response = await page.goto('app://jaas/no-such-file.js');
    expect(response?.status()).toBe(404);
  });

  it('has File (with Close) and Edit (with the clipboard roles) menus', async () => {
    const { app } = await launch();
    const menus = await app.evaluate(({ Menu }) =>
      (Menu.getApplicationMenu()?.items ?? []).map((item) => ({
        label: item.label,
        roles: (item.submenu?.items ?? []).map((sub) => String(sub.role ?? '').toLowerCase()),
      })),
    );
    expect(menus.find((menu) => menu.label === 'File')?.roles.some((role) => role === 'close' || role === 'quit')).toBe(
      true,
    );
    expect(menus.find((menu) => menu.label === 'Edit')?.roles).toEqual(
      expect.arrayContaining(['cut', 'copy', 'paste', 'selectall']),
    );
  });

  it('offers Cut, Copy, Paste and Select All on a right-click in a text field', async () => {
    const { app, page } = await launch();
    await app.evaluate(({ Menu }) => {
      const shown: string[][] = [];
      (globalThis as { __menus?: string[][] }).__menus = shown;
      Menu.prototype.popup = function (this: Electron.Menu) {
        shown.push(
          this.items.filter((item) => item.type !== 'separator').map((item) => String(item.role).toLowerCase()),
        );
      };
    });
    await page.getByRole('button', { name: 'Make your first key' }).click();
    await page.getByLabel('Label').click({ button: 'right' });
    const shown = (): Promise<string[][]> => app.evaluate(() => (globalThis as { __menus?: string[][] }).__menus ?? []);
    await expect.poll(shown).toEqual([['cut', 'copy', 'paste', 'selectall']]);
  });

  it('opens the key file dialog at ~/.ssh, and saves through the save dialog', async () => {
    const { app, page, context } = await launch();
    const path = await keyFile(context.dir, 'id_rsa');
    await page.getByRole('button', { name: 'Import a key you have' }).click();
    await answerDialog(app, 'open', path);
    await page.getByRole('button', { name: 'Choose key file…' }).click();
    await page.getByTestId('chosen-file').getByText('id_rsa').waitFor();
    const [request] = await app.evaluate(
      () =>
        (globalThis as { __dialogRequests?: Array<{ defaultPath?: string; properties?: string[] }> })
          .__dialogRequests ?? [],
    );
    expect(request?.properties).toContain('openFile');
    const home = await app.evaluate(({ app: electronApp }) => electronApp.getPath('home'));
    const sshExists = (await readdir(home).catch(() => [] as string[])).includes('.ssh');
    expect(request?.defaultPath).toBe(sshExists ? join(home, '.ssh') : undefined);
  });

  it('keeps Chromium’s own files out of the key folder', async () => {
    const { app, dataDir } = await launch();
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('sessionData'))).toBe(
      join(dataDir, 'Chromium'),
    );
    expect((await readdir(dataDir)).filter((name) => /Cache|Local Storage|Cookies|Singleton/.test(name))).toEqual([]);
  });

  it('focuses the first window when a second instance starts, and the second leaves', async () => {
    const { app, env } = await launch();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.minimize());
    const second = spawn(BINARY, ['.', ...(SANDBOX ? [] : ['--no-sandbox'])], { env, stdio: 'ignore' });
    const status = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(status).toBe(0);
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isMinimized()))
      .toBe(false);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
