import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

// The application menu and the right-click menu as plain data, free of Electron at
// run time, so tests can read exactly what each platform and build gets.

export const JAAS_CONSOLE = 'https://jaas.8x8.vc/';
export const JAAS_DOCS = 'https://developer.8x8.com/jaas/docs/api-keys-jwt';

/**
 * The standard menus on every platform. macOS needs the File menu too: its Close
 * (Cmd+W) lives there, not in the Window menu. A packaged build's View menu has no
 * reload and no developer tools, from which anyone at the screen could call every
 * window.jaas method.
 */
export function applicationMenuTemplate(options: {
  platform: NodeJS.Platform;
  packaged: boolean;
  open: (url: string) => void;
}): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = options.packaged
    ? {
        label: 'View',
        submenu: [
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { type: 'separator' },
          { role: 'togglefullscreen' },
        ],
      }
    : { role: 'viewMenu' };
  return [
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open the JaaS Console', click: () => options.open(JAAS_CONSOLE) },
        { label: 'JaaS API Keys and Tokens', click: () => options.open(JAAS_DOCS) },
      ],
    },
  ];
}

/**
 * Right-click: Cut, Copy, Paste and Select All in an editable field, Copy on selected
 * text, nothing elsewhere. Electron has no default context menu, and people paste kids
 * and PEMs with the mouse. The OS roles do the work; each is enabled as Chromium says.
 */
export function contextMenuTemplate(
  params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>,
): MenuItemConstructorOptions[] {
  if (params.isEditable) {
    return [
      { role: 'cut', enabled: params.editFlags.canCut },
      { role: 'copy', enabled: params.editFlags.canCopy },
      { role: 'paste', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: params.editFlags.canSelectAll },
    ];
  }
  if (params.selectionText.trim() !== '') return [{ role: 'copy', enabled: params.editFlags.canCopy }];
  return [];
}
