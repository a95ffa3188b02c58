import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, KID, tempDir } from '../support/fixtures';
import { sshKeygenFingerprint } from '../support/oracles';
import { chromiumSuite, openApp, SCREENSHOTS, seriousViolations } from './harness';

describe('import and tokens in Chromium, over the real core and keychain', () => {
  const suite = chromiumSuite();

  it('imports an encrypted OpenSSH key file, makes a token with it and checks the token', async () => {
    const dir = await tempDir();
    const keyPath = join(dir, 'id_rsa');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '4096', '-N', 'hunter22', '-f', keyPath]);
    const app = await openApp(suite.browser, suite.origin);
    const { page } = app;
    try {
      await page.getByRole('button', { name: 'Import a key you have' }).click();
      app.desktop.openPaths.push(keyPath);
      await page.getByRole('button', { name: 'Choose key file…' }).click();
      await page.getByTestId('chosen-file').getByText('id_rsa').waitFor();
      await page.getByLabel('Label', { exact: true }).fill('From id_rsa');
      await page.getByRole('button', { name: 'Import this key' }).click();
      await page.getByLabel('Passphrase of the key').fill('hunter22');
      await page.screenshot({ path: join(SCREENSHOTS, '9-import-passphrase.png') });
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Import this key' }).click();
      await page.getByRole('heading', { name: 'From id_rsa', level: 1 }).waitFor();
      await page.getByText(`An encrypted copy remains in ${keyPath}`).waitFor();
      expect(await page.getByTestId('fingerprint').textContent()).toBe(
        sshKeygenFingerprint(`${keyPath}.pub`).fingerprint,
      );

      await page.getByLabel('Key ID (kid) from the JaaS console').fill(KID);
      await page.getByRole('button', { name: 'Record Key ID' }).click();
      await page.getByRole('heading', { name: 'Key ID recorded ✓' }).waitFor();
      await page.getByRole('button', { name: 'Make a meeting token…' }).click();
      await page.getByLabel('Room', { exact: true }).fill('daily-standup');
      await page.getByLabel('User name').fill('Ann');
      await page.getByLabel('recording').check();
      await page.getByRole('button', { name: 'Make token' }).click();
      const token = (await page.getByTestId('token').textContent())!;
      expect(await page.getByTestId('meeting-link').textContent()).toBe(`https://8x8.vc/${APP_ID}/daily-standup#jwt=…`);
      await page.getByRole('button', { name: 'Copy meeting link' }).click();
      await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
      expect(await app.readClipboard()).toBe(`https://8x8.vc/${APP_ID}/daily-standup#jwt=${token}`);
      await page.screenshot({ path: join(SCREENSHOTS, '10-token.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Check token' }).click();
      await page.getByLabel('Token (JWT)').fill(token);
      await page.getByRole('main').getByRole('button', { name: 'Check token' }).click();
      await page.getByText('This token passes every check Jitsi applies').waitFor();
      // One character of the signature changed: everything still parses, the signature no longer verifies.
      const at = token.lastIndexOf('.') + 10;
      await page
        .getByLabel('Token (JWT)')
        .fill(`${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`);
      await page.getByRole('main').getByRole('button', { name: 'Check token' }).click();
      await page.getByText(/This token would be refused/).waitFor();
      expect(await page.getByRole('list', { name: 'Checks' }).textContent()).toMatch(
        /Fail:signature The signature does not verify with "From id_rsa"/,
      );
      await page.screenshot({ path: join(SCREENSHOTS, '11-check-token-fail.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
