import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

const JAAS_CONSOLE = 'https://jaas.8x8.vc/';
const JAAS_DOCS = 'https://developer.8x8.com/jaas/docs/api-keys-jwt';

/** Standard menus (copy and paste need the Edit menu on macOS) plus links to JaaS. */
export function applicationMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open the JaaS Console', click: () => void shell.openExternal(JAAS_CONSOLE) },
        { label: 'JaaS API Keys and Tokens', click: () => void shell.openExternal(JAAS_DOCS) },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
