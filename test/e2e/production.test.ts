import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { privatePkcs1Pem } from '../../src/core/keys/rsa';
import { runJaasKeys } from '../support/cli';
import { APP_ID, tempDir } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { chromiumSuite, openApp, SCREENSHOTS, seriousViolations, type AppSession } from './harness';

// Keys in production in the window (Chromium, real core and keychain): "Use this key"
// copies and saves each server form only after main's confirmation, and "Check a key"
// shows a pasted key's problems without echoing it. Screenshots go to test-results.

const KID = `${APP_ID}/cc0001`;

async function openWithKey(suite: ReturnType<typeof chromiumSuite>): Promise<{ app: AppSession; pem: string }> {
  const pem = privatePkcs1Pem(await pooledKey());
  const app = await openApp(suite.browser, suite.origin, async (box) => {
    const dir = await tempDir();
    await writeFile(join(dir, 'k.pem'), pem, { mode: 0o600 });
    const env = { ...process.env, JAAS_KEYS_DATA_DIR: box.dataDir, JAAS_KEYS_SERVICE: box.service };
    expect((await runJaasKeys(['import', join(dir, 'k.pem'), '--label', 'prod web'], env)).status).toBe(0);
    expect((await runJaasKeys(['kid', 'prod web', KID], env)).status).toBe(0);
  });
  return { app, pem };
}

describe('keys in production, in Chromium', () => {
  const suite = chromiumSuite();

  it('copies the env form after a confirmation, never without one, and saves the k8s form at 0600', async () => {
    const { app } = await openWithKey(suite);
    const { page } = app;
    try {
      await page.getByRole('button', { name: /prod web/ }).click();
      const forms = page.getByRole('list', { name: 'Forms for a server' });
      await forms.waitFor();
      await forms.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, '20-use-this-key-forms.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);

      app.desktop.confirmAnswers.push(false);
      await page.getByRole('button', { name: 'Copy .env block' }).click();
      await expect.poll(() => app.desktop.confirmRequests.length).toBe(1);
      expect(await app.readClipboard()).toBe('');

      app.desktop.confirmAnswers.push(true);
      await page.getByRole('button', { name: 'Copy .env block' }).click();
      await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
      const copied = await app.readClipboard();
      expect(copied).toMatch(
        new RegExp(`^JAAS_APP_ID=${APP_ID}\\nJAAS_KID=${KID}\\nJAAS_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\\\n`),
      );
      expect(app.desktop.confirmRequests[1]!.message).toBe('Copy the private key of "prod web"?');

      const path = join(await tempDir(), 'secret.yaml');
      app.desktop.confirmAnswers.push(true);
      app.desktop.savePaths.push(path);
      await page.getByRole('button', { name: 'Save Kubernetes Secret…' }).click();
      await page.getByText(`Saved to ${path} (readable only by you).`).waitFor();
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readFile(path, 'utf8')).toMatch(
        /^apiVersion: v1\nkind: Secret\nmetadata:\n {2}name: jaas-prod-web\n/,
      );
      expect(app.desktop.saveRequests.at(-1)).toMatchObject({
        defaultName: 'prod web.yaml',
        filters: [{ name: 'Kubernetes manifest', extensions: ['yaml', 'yml'] }],
      });
      const history = (await app.box.keys.history('prod web')).map((entry) => entry.detail.note ?? '');
      expect(history.some((detail) => /copied to the clipboard/.test(detail))).toBe(true);
      expect(history.some((detail) => /Kubernetes Secret manifest/.test(detail))).toBe(true);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('checks a pasted key: names each problem and the key, echoes none of it, and passes axe', async () => {
    const { app, pem } = await openWithKey(suite);
    const { page } = app;
    try {
      await page.getByRole('button', { name: 'Check a key' }).click();
      await page
        .getByLabel('Private key, as it arrived')
        .fill(`JAAS_PRIVATE_KEY=${Buffer.from(pem).toString('base64')}`);
      await page.getByRole('button', { name: 'Check key', exact: true }).click();
      await page.getByText('This key does not load as it is in OpenSSL-based readers.').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, '21-check-key.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      const text = await page.getByRole('main').textContent();
      expect(text).toMatch(/The variable’s name and "=" came with the value/);
      expect(text).toMatch(/This is the whole PEM in base64/);
      for (const line of pem.split('\n').slice(1, -2)) expect(await page.content()).not.toContain(line);

      await page
        .getByLabel('Private key, as it arrived')
        .fill('-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----');
      await page.getByRole('button', { name: 'Check key', exact: true }).click();
      await page.getByText(/not a readable key/).waitFor();
      expect(await page.getByRole('button', { name: 'Save repaired copy…' }).count()).toBe(0);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
