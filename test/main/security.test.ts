import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appResponse, resolveAppFile } from '../../src/main/appFiles';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isTrustedPageUrl,
  windowOptions,
} from '../../src/main/security';

describe('the window follows the Electron security checklist', () => {
  const prefs = windowOptions('/app/preload/index.cjs').webPreferences!;

  it('isolates, sandboxes and keeps web security', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/app/preload/index.cjs',
    });
    expect(prefs.enableBlinkFeatures ?? '').toBe('');
  });

  it('loads the page from the custom protocol, not file://', () => {
    // The entry URL is served from the renderer folder and is the one sender the dispatcher trusts.
    expect(resolveAppFile('/app/out/renderer', APP_ENTRY_URL)?.path).toBe('/app/out/renderer/index.html');
    expect(isTrustedPageUrl(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedPageUrl(APP_ENTRY_URL.replace('app:', 'file:'))).toBe(false);
  });

  it('has a strict CSP: nothing remote, no inline script, no eval', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
  });

  it('the built page carries the protocol’s CSP as a meta tag, before any script; the dev page carries none', async () => {
    const { readFile } = await import('node:fs/promises');
    const built = await readFile('out/renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(built)?.[1]?.replaceAll('&#39;', "'");
    // frame-ancestors is ignored in a meta tag, so the header alone carries it.
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
    expect(built.indexOf('Content-Security-Policy')).toBeLessThan(built.indexOf('<script'));
    // `npm run dev` serves the source page: no meta tag there to block Vite's styles and hot reload.
    expect(await readFile('src/renderer/index.html', 'utf8')).not.toContain('Content-Security-Policy');
  });

  it('allows only https JaaS and 8x8 docs links out', () => {
    expect(isAllowedExternalUrl('https://jaas.8x8.vc/')).toBe(true);
    expect(isAllowedExternalUrl('https://developer.8x8.com/jaas/docs')).toBe(true);
    for (const url of [
      'http://jaas.8x8.vc/',
      'https://jaas.8x8.vc:444/',
      'https://evil.example/',
      'file:///x',
      'nonsense',
      'https://8x8.vc.evil.example/',
      'https://evil8x8.vc/',
      'https://jaas8x8.vc/',
      'https://x.8x8.vc/',
    ]) {
      expect(isAllowedExternalUrl(url)).toBe(false);
    }
  });
});

describe('resolveAppFile serves only the built renderer', () => {
  const root = '/app/out/renderer';
  it.each([
    ['app://jaas/', '/app/out/renderer/index.html'],
    ['app://jaas/index.html', '/app/out/renderer/index.html'],
    ['app://jaas/assets/index-1.js', '/app/out/renderer/assets/index-1.js'],
  ])('maps %s', (url, path) => expect(resolveAppFile(root, url)?.path).toBe(path));

  it('keeps a dot-dot path inside the renderer folder (the URL parser collapses it)', () => {
    expect(resolveAppFile(root, 'app://jaas/../main/index.js')?.path).toBe('/app/out/renderer/main/index.js');
  });

  it.each([
    'app://jaas/%2e%2e/%2e%2e/etc/passwd',
    'app://jaas/..%2f..%2fetc%2fpasswd',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://jaas/%00',
    'app://jaas/secret.pem',
    'app://jaas/%E0%A4%A',
  ])('refuses %s', (url) => expect(resolveAppFile(root, url)).toBeNull());
});

describe('appResponse, the app:// protocol handler', () => {
  it('serves a file with its type, the CSP and nosniff; a missing or outside file is a 404, not a network error', async () => {
    const root = await mkdtemp(join(tmpdir(), 'jaas-renderer-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
    const page = await appResponse(root, 'app://jaas/', CONTENT_SECURITY_POLICY);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>x</title>');
    for (const url of ['app://jaas/assets/missing.js', 'app://jaas/%2e%2e/secret.pem', 'app://other/index.html']) {
      const missing = await appResponse(root, url, CONTENT_SECURITY_POLICY);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toBe('Not found');
    }
  });
});
