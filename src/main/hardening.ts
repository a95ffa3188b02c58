import { app, net, protocol, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveAppFile } from './appFiles';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isTrustedPageUrl } from './security';

/** Must run before `app` is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from app://jaas/, with the CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file.path).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Type', file.contentType);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
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
