import keytar from 'keytar';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, tempDir } from '../support/fixtures';
import { chromiumSuite, openApp, SCREENSHOTS, seriousViolations, type AppSession } from './harness';

const PASSPHRASE = 'violet kettle harbour seventeen ribbon';

// Back up, lose every key (deleted and purged), restore, and sign with a restored key: in Chromium.
describe('backups in the window', () => {
  const suite = chromiumSuite();
  const shot = (app: AppSession, name: string) => app.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  it('backs up, loses every key, restores them, and signs a token that checks out', async () => {
    const app = await openApp(suite.browser, suite.origin, async (box) => {
      await box.keys.recordKid((await box.keys.generate({ label: 'prod' })).id, `${APP_ID}/aa0001`);
      await box.keys.generate({ label: 'draft' });
    });
    const { page, box } = app;
    const content = page.locator('#content');
    const file = join(await tempDir(), 'keys.age');
    try {
      const list = page.getByRole('navigation', { name: 'Keys' });
      await list.getByText('Not backed up').waitFor();
      await list.getByRole('button', { name: /prod/ }).click();
      await content.getByText('Not backed up.').waitFor();
      await content.getByRole('button', { name: 'Back up now…' }).click();

      await page.getByRole('heading', { name: 'Back up keys' }).waitFor();
      await page.getByLabel('Passphrase', { exact: true }).fill('password1');
      await page.getByText('too weak for a backup').waitFor();
      expect(await page.getByRole('button', { name: 'Save backup…' }).isDisabled()).toBe(true);
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByText('Very strong').waitFor();
      await page.getByLabel('The same passphrase again').fill(PASSPHRASE);
      await shot(app, '16-backup');
      expect(await seriousViolations(page)).toEqual([]);
      app.desktop.savePaths.push(file);
      await page.getByRole('button', { name: 'Save backup…' }).click();
      await content.getByText(`Backed up 2 keys to ${file}`).waitFor({ timeout: 60_000 });
      expect(await readFile(file, 'utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
      await list.getByText('Not backed up').waitFor({ state: 'detached' });

      // Every key lost: deleted and purged, nothing left in the keychain.
      for (const key of await box.keys.list())
        await box.keys.lifecycle.trash(key.id).then(() => box.keys.lifecycle.purge(key.id));
      expect(await keytar.findCredentials(box.service)).toEqual([]);
      await page.reload();
      await page.getByRole('button', { name: 'Restore…' }).click();

      app.desktop.openPaths.push(file);
      await page.getByRole('button', { name: 'Choose backup file…' }).click();
      await page.getByText('keys.age (protected by a passphrase)').waitFor();
      await page.getByLabel('Passphrase of the backup').fill('not it');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('alert').filter({ hasText: 'The passphrase is wrong' }).waitFor({ timeout: 60_000 });
      await page.getByLabel('Passphrase of the backup').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Preview' }).click();
      await page
        .getByRole('list', { name: 'What a restore will do' })
        .getByText('Will be restored')
        .first()
        .waitFor({ timeout: 60_000 });
      expect(await box.keys.list()).toEqual([]);
      await shot(app, '17-restore-preview');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Restore 2 key(s)' }).click();
      await page.getByRole('list', { name: 'What was restored' }).waitFor({ timeout: 60_000 });
      expect((await box.keys.list()).map((key) => key.label).sort()).toEqual(['draft', 'prod']);

      await list.getByRole('button', { name: /prod/ }).click();
      await page.getByRole('button', { name: 'Make a meeting token…' }).click();
      await page.getByRole('button', { name: 'Make token' }).click();
      const token = await page.getByTestId('token').textContent();
      await page.getByRole('button', { name: 'Check token' }).click();
      await page.getByLabel('Token (JWT)').fill(token!);
      await page.getByRole('main').getByRole('button', { name: 'Check token' }).click();
      await page
        .getByText(/This token passes every check Jitsi applies, and its signature verifies with “prod”/)
        .waitFor();
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
