import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// What `npm test` built (electron-vite), checked the ways possible without Electron's binary.
describe('the built app', () => {
  it('main and preload parse as the module formats Electron loads them as', () => {
    expect(() => execFileSync(process.execPath, ['--check', 'out/main/index.js'])).not.toThrow();
    expect(() => execFileSync(process.execPath, ['--check', 'out/preload/index.cjs'])).not.toThrow();
  });

  it('the sandboxed preload requires nothing but electron', () => {
    const source = readFileSync('out/preload/index.cjs', 'utf8');
    const required = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    expect(source).not.toMatch(/\bimport\s/);
  });

  it('the renderer bundle has no inline script for the CSP to block', () => {
    const html = readFileSync('out/renderer/index.html', 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js"><\/script>/);
  });

  it('main loads keytar lazily, so a missing keychain module cannot stop the window from opening', () => {
    const main = readFileSync('out/main/index.js', 'utf8');
    expect(main).not.toMatch(/^import .* from ["']keytar["']/m);
  });
});
