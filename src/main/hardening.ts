import { app, protocol, session, shell } from 'electron';
import { appResponse } from './appFiles';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isTrustedPageUrl } from './security';

/** Must run before `app` is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from app://jaas/, with the CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url, CONTENT_SECURITY_POLICY));
}

/**
 * The checklist items that live outside the window's own options: no permission
 * is ever granted, no navigation away from the app, no new windows, no webviews;
 * links to an allow-listed https page open in the person's browser.
 */
export function hardenSessionsAndContents(devServerUrl?: string): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedPageUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedPageUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
