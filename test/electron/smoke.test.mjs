// @ts-check
// The packaged-style app in a real Electron window: launch, generate, record a
// kid, export the public PEM. Each run gets its own data folder and keychain
// service (Element Desktop gives every E2E test an isolated profile the same way).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { _electron as electron } from 'playwright-core';

const KID = 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe/4f4910';
const dataDir = mkdtempSync(join(tmpdir(), 'jaas-electron-'));
const service = `jaas-electron-${randomBytes(6).toString('hex')}`;
const env = { ...process.env, JAAS_KEYS_DATA_DIR: dataDir, JAAS_KEYS_SERVICE: service };
/** @type {import('playwright-core').ElectronApplication} */
let app;
/** @type {import('playwright-core').Page} */
let window;

before(async () => {
  // Chromium refuses to start as root with its sandbox on; anyone else runs the app as shipped, sandboxed.
  const args = process.getuid?.() === 0 ? ['.', '--no-sandbox'] : ['.'];
  app = await electron.launch({ executablePath: process.env.JAAS_ELECTRON_BINARY, args, env });
  window = await app.firstWindow();
});
after(async () => {
  await app?.close();
  try {
    execFileSync('node', ['bin/jaas-keys.js', 'rm', 'Electron smoke', '--yes'], { env });
  } catch {
    // nothing left to remove
  }
});

test('the page is isolated: no Node, only window.jaas', async () => {
  assert.equal(await window.evaluate(() => typeof (/** @type {any} */ (globalThis).require)), 'undefined');
  assert.equal(await window.evaluate(() => typeof (/** @type {any} */ (globalThis).process)), 'undefined');
  const methods = await window.evaluate(() => Object.keys(/** @type {any} */ (globalThis).jaas).sort());
  assert.ok(methods.includes('generateKey') && !methods.includes('invoke'));
  assert.match(window.url(), /^app:\/\/jaas\//);
});

test('generate, record a kid, export the public PEM', async () => {
  await window.getByRole('button', { name: 'Make your first key' }).click();
  await window.getByLabel('Label').fill('Electron smoke');
  await window.getByRole('button', { name: 'Generate key' }).click();
  await window.getByRole('heading', { name: 'Electron smoke', level: 1 }).waitFor({ timeout: 90_000 });
  await window.getByLabel('Key ID (kid) from the JaaS console').fill(KID);
  await window.getByRole('button', { name: 'Record Key ID' }).click();
  await window.getByRole('heading', { name: 'Key ID recorded ✓' }).waitFor();

  const path = join(dataDir, 'exported.pub');
  // The native save dialog cannot be clicked by Playwright; answer it from the main process.
  await app.evaluate(({ dialog }, filePath) => {
    /** @type {any} */ (dialog).showSaveDialog = async () => ({ canceled: false, filePath });
  }, path);
  await window.getByRole('button', { name: 'Save public key…' }).click();
  await window.getByText(`Saved the public key to ${path}`).waitFor();
  const fromCli = execFileSync('node', ['bin/jaas-keys.js', 'public', KID], { env }).toString();
  assert.equal(readFileSync(path, 'utf8'), fromCli);
  const listed = JSON.parse(execFileSync('node', ['bin/jaas-keys.js', 'list', '--json'], { env }).toString());
  assert.equal(listed[0].kid, KID);
});
