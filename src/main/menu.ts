import { app, Menu, shell, type WebContents } from 'electron';
import { applicationMenuTemplate, contextMenuTemplate } from './menuTemplates';

/** The application menu (menuTemplates.ts), with links opened in the person's browser. */
export function applicationMenu(): Menu {
  return Menu.buildFromTemplate(
    applicationMenuTemplate({
      platform: process.platform,
      packaged: app.isPackaged,
      open: (url) => void shell.openExternal(url),
    }),
  );
}

/** Shows the right-click menu of an editable field or a selection in this window's page. */
export function attachContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params);
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
}
