import type { BrowserWindowConstructorOptions } from 'electron';

// The window's security settings in one place, free of Electron imports at run
// time so tests can read exactly what the main process uses.

/** The app's pages are served from this origin by a custom protocol, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'jaas';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * No inline script, no eval, no remote origin: everything the page loads comes
 * from the app's own origin, styles included.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The same policy for the page's meta tag (production builds): frame-ancestors is ignored in a meta tag. */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", '');

/** The page's own background (styles.css, --bg), painted before the page is: no white flash in dark mode. */
export const WINDOW_BACKGROUND = { light: '#f6f7f9', dark: '#16181c' } as const;

export interface WindowChoices {
  iconPath?: string;
  /** nativeTheme.shouldUseDarkColors at the time the window opens. */
  dark?: boolean;
  /** Developer tools only outside packaged builds: from them anyone at the screen could call every window.jaas method. */
  devTools?: boolean;
}

export function windowOptions(preloadPath: string, choices: WindowChoices = {}): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 760,
    minWidth: 760,
    minHeight: 520,
    title: 'JaaS Key Manager',
    show: false,
    backgroundColor: choices.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    ...(choices.iconPath ? { icon: choices.iconPath } : {}),
    webPreferences: {
      devTools: choices.devTools ?? false,
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Only the app's own page may talk to the back end (GitHub Desktop checks every message the same way). */
export function isTrustedPageUrl(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  // During `npm run dev` the page comes from electron-vite's local server; never in a packaged build.
  return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin;
}

/** The https pages the app may open in the person's browser: the JaaS console and 8x8's docs. */
const EXTERNAL_HOSTS = new Set(['jaas.8x8.vc', 'developer.8x8.com', 'docs.8x8.com', '8x8.vc']);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_HOSTS.has(parsed.hostname)
  );
}
