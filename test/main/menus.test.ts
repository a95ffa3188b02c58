import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate, contextMenuTemplate, JAAS_CONSOLE } from '../../src/main/menuTemplates';
import { WINDOW_BACKGROUND, windowOptions } from '../../src/main/security';

// The menus and window settings as data, exactly as the main process hands them to
// Electron (menu.ts and index.ts only build them). Electron itself cannot run here.

const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role ?? item.label);
const flags = {
  canCut: true,
  canCopy: true,
  canPaste: true,
  canSelectAll: true,
  canUndo: false,
  canRedo: false,
  canDelete: false,
  canEditRichly: false,
};

describe('the application menu', () => {
  it('has a File menu on every platform, so Cmd+W closes the window on macOS too', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(roles(applicationMenuTemplate({ platform, packaged: true, open: () => undefined }))).toContain('fileMenu');
    }
    expect(roles(applicationMenuTemplate({ platform: 'darwin', packaged: true, open: () => undefined }))[0]).toBe(
      'appMenu',
    );
    expect(roles(applicationMenuTemplate({ platform: 'linux', packaged: true, open: () => undefined }))).not.toContain(
      'appMenu',
    );
  });

  it('offers no developer tools and no reload in a packaged build, and the full View menu in development', () => {
    const packaged = applicationMenuTemplate({ platform: 'linux', packaged: true, open: () => undefined });
    const view = packaged.find((item) => item.label === 'View')!;
    const viewRoles = (view.submenu as MenuItemConstructorOptions[]).map((item) => item.role).filter(Boolean);
    expect(viewRoles).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(JSON.stringify(packaged)).not.toMatch(/toggleDevTools|reload/i);
    expect(roles(applicationMenuTemplate({ platform: 'linux', packaged: false, open: () => undefined }))).toContain(
      'viewMenu',
    );
  });

  it('opens the JaaS links through the function it is given', () => {
    const opened: string[] = [];
    const help = applicationMenuTemplate({ platform: 'linux', packaged: true, open: (url) => opened.push(url) }).find(
      (item) => item.role === 'help',
    )!;
    const first = (help.submenu as MenuItemConstructorOptions[])[0]!;
    (first.click as () => void)();
    expect(opened).toEqual([JAAS_CONSOLE]);
  });
});

describe('the right-click menu', () => {
  it('offers Cut, Copy, Paste and Select All in an editable field, each enabled as Chromium says', () => {
    const menu = contextMenuTemplate({
      isEditable: true,
      selectionText: '',
      editFlags: { ...flags, canCut: false, canCopy: false },
    });
    expect(menu.filter((item) => item.role).map((item) => [item.role, item.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['selectAll', true],
    ]);
  });

  it('offers Copy on selected text outside a field, and nothing on an empty spot', () => {
    expect(contextMenuTemplate({ isEditable: false, selectionText: 'vpaas-magic-cookie-…', editFlags: flags })).toEqual(
      [{ role: 'copy', enabled: true }],
    );
    expect(contextMenuTemplate({ isEditable: false, selectionText: '  ', editFlags: flags })).toEqual([]);
  });
});

describe('the window before its page paints', () => {
  it('takes its background from the theme, as the page’s own colours, with no white flash in dark mode', () => {
    expect(windowOptions('/p.cjs', { dark: true }).backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    expect(windowOptions('/p.cjs', { dark: false }).backgroundColor).toBe(WINDOW_BACKGROUND.light);
  });

  it('matches the page’s --bg in both themes', async () => {
    const css = await import('node:fs/promises').then((fs) => fs.readFile('src/renderer/src/styles.css', 'utf8'));
    const colours = [...css.matchAll(/--bg:\s*(#[0-9a-f]{6})/gi)].map((match) => match[1]!.toLowerCase());
    expect(colours).toEqual([WINDOW_BACKGROUND.light, WINDOW_BACKGROUND.dark]);
  });

  it('has no developer tools unless asked (development builds only)', () => {
    expect(windowOptions('/p.cjs').webPreferences!.devTools).toBe(false);
    expect(windowOptions('/p.cjs', { devTools: true }).webPreferences!.devTools).toBe(true);
  });
});
