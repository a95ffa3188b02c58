import { extname, join, normalize, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Maps an app:// URL to a file inside the built renderer folder, or null for
 * anything outside it (another host, `..` tricks, encoded separators).
 */
export function resolveAppFile(rendererDir: string, url: string): { path: string; contentType: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^[/\\]+/, '');
  const root = normalize(rendererDir);
  const path = join(root, relative);
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  return contentType ? { path, contentType } : null;
}
