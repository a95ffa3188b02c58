import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { APP_ID, KID, purgeNow, tempDir } from '../support/fixtures';
import {
  chromiumSuite,
  openApp,
  SCREENSHOTS,
  seriousViolations,
  startRendererServer,
  type AppSession,
} from './harness';

describe('the app in Chromium, over the real core and keychain', () => {
  const suite = chromiumSuite();

  const shot = (app: AppSession, name: string) => app.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  it('walks a newcomer from the empty state to a recorded kid, then deletes the key to the trash', async () => {
    const app = await openApp(suite.browser, suite.origin);
    const { page } = app;
    try {
      await page.getByRole('heading', { name: /Sign your JaaS meetings/ }).waitFor();
      await shot(app, '1-empty-state');
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Make your first key' }).click();
      await page.getByLabel('Label').fill('Production');
      await page.getByRole('button', { name: 'Generate key' }).click();
      await page.getByRole('status').filter({ hasText: 'Generating a 4096-bit RSA key' }).waitFor();
      await shot(app, '2-generating');
      await page.getByRole('heading', { name: 'Production', level: 1 }).waitFor({ timeout: 90_000 });
      await page.getByRole('heading', { name: 'Next steps' }).waitFor();
      await shot(app, '3-new-key-next-steps');
      expect(await seriousViolations(page)).toEqual([]);

      const [key] = await app.box.keys.list();
      const publicPem = await app.box.keys.publicPem(key!.id);
      await page.getByRole('button', { name: 'Copy public key' }).click();
      await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
      expect(await app.readClipboard()).toBe(publicPem);
      expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);

      const kidField = page.getByLabel('Key ID (kid) from the JaaS console');
      await kidField.fill(`${APP_ID}/4F4910`);
      await page.getByText('upper-case letters').waitFor();
      expect(await kidField.getAttribute('aria-invalid')).toBe('true');
      await shot(app, '4-bad-kid');
      await page.getByRole('button', { name: 'Record Key ID' }).click();
      await page.getByRole('alert').filter({ hasText: 'That Key ID is not valid' }).waitFor();
      expect((await app.box.keys.resolve(key!.id)).kid).toBeNull();

      await kidField.fill(`${APP_ID}/4f4910-SAMPLE_APP`);
      await page.getByText("This is the console's sample-app Key ID").waitFor();
      await kidField.fill(KID);
      await page.getByText('Looks right').waitFor();
      await page.getByRole('button', { name: 'Record Key ID' }).click();
      await page.getByRole('heading', { name: 'Key ID recorded ✓' }).waitFor();
      expect(await page.getByTestId('recorded-kid').textContent()).toBe(KID);
      expect(await app.box.keys.resolve(key!.id)).toMatchObject({ kid: KID, appId: APP_ID });
      await page.getByRole('navigation', { name: 'Keys' }).getByText('Current', { exact: true }).waitFor();
      expect(await page.getByTestId('keychain-name').textContent()).toMatch(
        /^Private keys kept in: Secret Service: GNOME Keyring \(gnome-keyring-daemon, pid \d+\)$/,
      );
      await shot(app, '5-kid-recorded');
      expect(await seriousViolations(page)).toEqual([]);

      const savedPath = join(await tempDir(), 'Production.pub');
      app.desktop.savePaths.push(savedPath);
      await page.getByRole('button', { name: 'Save public key…' }).click();
      await page.getByText(`Saved the public key to ${savedPath}`).waitFor();
      expect(await readFile(savedPath, 'utf8')).toBe(publicPem);
      expect(app.desktop.saveRequests.at(-1)?.defaultName).toBe('Production.pub');

      await page.getByRole('button', { name: 'Delete key…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete “Production”?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('undelete it for 30 days');
      expect(await dialog.textContent()).toContain(KID);
      await shot(app, '6-delete-confirmation');
      await dialog.getByRole('button', { name: 'Move to trash' }).click();
      await page
        .locator('#content')
        .getByText(/^Moved “Production” to the trash; undelete it there until/)
        .waitFor();
      expect(await app.box.keys.list()).toEqual([]);
      expect(await app.box.keys.list({ trash: true })).toMatchObject([{ id: key!.id, status: 'trashed' }]);
      // In the trash, the private key is still in the keychain.
      expect((await keytar.findCredentials(app.box.service)).some((c) => c.account === key!.id)).toBe(true);
      // The strict CSP did not block anything the app needs.
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  // The keyboard journey (Tab to a key with a focus ring, Enter, Ctrl+F, Ctrl+N, Escape) is shared with Electron: test/journeys.

  it('lists, filters and sorts 1,000 keys', async () => {
    const app = await openApp(suite.browser, suite.origin, async (box) => {
      const one = await box.keys.generate({ label: 'seed' });
      const catalogPath = join(box.dataDir, 'keys.json');
      const catalog = JSON.parse(await readFile(catalogPath, 'utf8'));
      const seed = catalog.keys[0];
      catalog.keys = Array.from({ length: 1000 }, (_, n) => ({
        ...seed,
        id: n.toString(16).padStart(16, '0'),
        label: `key ${n}`,
        createdAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
      }));
      await writeFile(catalogPath, JSON.stringify(catalog));
      await purgeNow(box.keys, one.id).catch(() => undefined);
    });
    const { page } = app;
    try {
      await page.getByText('1000 keys', { exact: true }).waitFor();
      // The seeded entries have no secrets, but a start reads none (on macOS each read can ask for the
      // password), so nothing is said until the person asks; then once, not with 1,000 badges.
      const missing = page.getByText('1000 keys in the list have no private key in this keychain');
      expect(await missing.count()).toBe(0);
      await page.getByRole('button', { name: 'Check keychain' }).click();
      await missing.waitFor();
      // The 1,000 and the seed key's secret, left over when its entry was written away above.
      await page.locator('.status-bar').getByText('Checked: 1001 problems found; see above.').waitFor();
      await page.getByLabel('Filter keys').fill('key 99');
      await page.getByText('11 of 1000 keys').waitFor(); // key 99, key 990 … key 999
      await page.getByLabel('Sort keys').selectOption('label');
      const first = await page.locator('.key-row-label').first().textContent();
      expect(first).toBe('key 99');
      await page.getByLabel('Filter keys').fill('');
      await page.getByLabel('Sort keys').selectOption('newest');
      expect(await page.locator('.key-row-label').first().textContent()).toBe('key 999');
      // Only a page of rows is in the DOM; the rest is one keyboard-reachable button away,
      // and scrolling to the end of the list shows the next page too.
      const rows = () => page.locator('.key-row').count();
      expect(await rows()).toBe(50);
      const more = page.getByRole('button', { name: /^Show 50 more of \d+ \(or filter\)$/ });
      await expect.poll(() => more.textContent()).toBe('Show 50 more of 950 (or filter)');
      await more.focus();
      await page.keyboard.press('Enter');
      await expect.poll(rows).toBeGreaterThanOrEqual(100);
      const shown = await rows();
      await more.scrollIntoViewIfNeeded();
      await expect.poll(rows).toBeGreaterThanOrEqual(shown + 50);
      await shot(app, '7-thousand-keys');
    } finally {
      await app.close();
    }
  });

  it('shows a damaged key list as an error a person can act on, and follows the dark theme', async () => {
    const app = await openApp(
      suite.browser,
      suite.origin,
      async (box) => {
        await writeFile(join(box.dataDir, 'keys.json'), '{"version":1,"keys":[');
      },
      'dark',
    );
    const { page } = app;
    try {
      const alert = page.getByRole('alert');
      await alert.getByText('The key list file is damaged').waitFor();
      expect(await alert.textContent()).toContain('It was left untouched');
      await page.getByRole('button', { name: 'Retry' }).waitFor();
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(background).toBe('rgb(22, 24, 28)');
      await shot(app, '8-damaged-list-dark');
    } finally {
      await app.close();
    }
  });

  it('refuses calls from a page the dispatcher does not trust', async () => {
    const app = await openApp(suite.browser, suite.origin);
    try {
      const other = await startRendererServer();
      await app.page.goto(`${other.origin}/index.html`);
      const result = await app.page.evaluate(() =>
        (window as unknown as { jaas: { listKeys: (i: object) => Promise<unknown> } }).jaas.listKeys({}),
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      await other.close();
    } finally {
      await app.close();
    }
  });
});
