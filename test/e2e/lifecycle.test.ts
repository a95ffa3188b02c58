import keytar from 'keytar';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../support/fixtures';
import { chromiumSuite, openApp, SCREENSHOTS, seriousViolations, type AppSession } from './harness';

const APP_B = 'vpaas-magic-cookie-0123456789abcdef0123456789abcdef';
const TOKEN = { room: '*', moderator: false, features: [], lifetimeSeconds: 3 * 3600, nbfSkewSeconds: 10 };

// Two AppIDs with several keys each; a whole rotation, and delete / undelete / purge, in Chromium.
describe('key lifecycle in the window', () => {
  const suite = chromiumSuite();
  const shot = (app: AppSession, name: string) => app.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  async function twoApps(app: AppSession['box']) {
    const prod = await app.keys.generate({ label: 'prod web' });
    await app.keys.recordKid(prod.id, `${APP_ID}/aa0001`);
    const spare = await app.keys.generate({ label: 'prod spare' });
    await app.keys.recordKid(spare.id, `${APP_ID}/aa0009`);
    const staging = await app.keys.generate({ label: 'staging' });
    await app.keys.recordKid(staging.id, `${APP_B}/bb0001`);
    await app.keys.generate({ label: 'not uploaded yet' });
    await app.keys.makeToken(prod.id, TOKEN);
    return prod;
  }

  it('rotates the current key of an AppID from start to finish, a key able to sign at every step', async () => {
    const app = await openApp(suite.browser, suite.origin, async (box) => void (await twoApps(box)));
    const { page, box } = app;
    const signer = async () => (await box.keys.makeToken(APP_ID, TOKEN)).header.kid;
    try {
      const list = page.getByRole('navigation', { name: 'Keys' });
      await list.getByRole('region', { name: APP_ID }).getByText('Current: prod web').waitFor();
      await list.getByRole('region', { name: APP_B }).getByText('Current: staging').waitFor();
      await list.getByRole('region', { name: 'Keys without an AppID' }).getByText('not uploaded yet').waitFor();
      await shot(app, '12-grouped-list');
      expect(await seriousViolations(page)).toEqual([]);

      await list.getByRole('button', { name: /prod web/ }).click();
      await page.getByRole('button', { name: 'Rotate this key…' }).click();
      await page.getByRole('heading', { name: /^Rotation of “prod web”: step 1 of 3$/ }).waitFor({ timeout: 90_000 });
      const fresh = (await box.keys.list()).find((key) => key.rotationOf !== null)!;
      expect(fresh).toMatchObject({ appId: APP_ID, status: 'needs-kid' });
      expect(await signer()).toBe(`${APP_ID}/aa0001`);

      await page.getByLabel('Key ID (kid) from the JaaS console').fill(`${APP_ID}/aa0002`);
      await page.getByRole('button', { name: 'Record Key ID' }).click();
      await page.getByRole('heading', { name: /step 2 of 3/ }).waitFor();
      await list.getByText('Rotation of prod web: step 2 of 3').waitFor();
      await page.locator('#content').evaluate((element) => element.scrollTo(0, 0));
      await shot(app, '13-rotation-wizard');
      expect(await seriousViolations(page)).toEqual([]);
      expect(await signer()).toBe(`${APP_ID}/aa0001`);

      // Progress survives closing the window: a reload shows the same step.
      await page.reload();
      await list.getByText('Rotation of prod web: step 2 of 3').click();
      await page.getByRole('button', { name: `Make “${fresh.label}” current` }).click();
      await page.getByRole('heading', { name: /step 3 of 3/ }).waitFor();
      await page.getByText('Wait 3 hours, the longest lifetime of a token it signed').waitFor();
      expect(await signer()).toBe(`${APP_ID}/aa0002`);

      await page.getByRole('button', { name: 'Retire “prod web”' }).click();
      await page
        .locator('#content')
        .getByText(/Rotation done: delete its key in the JaaS console/)
        .waitFor();
      await page.getByRole('heading', { name: /Rotation of/ }).waitFor({ state: 'detached' });
      expect(await box.keys.resolve('prod web')).toMatchObject({ status: 'retired', current: false });
      expect(await signer()).toBe(`${APP_ID}/aa0002`);
      await list.getByRole('region', { name: APP_ID }).getByText(`Current: ${fresh.label}`).waitFor();
      const events = (await box.keys.history()).map((entry) => entry.event);
      expect(events.slice(0, 3)).toEqual(['retired', 'made-current', 'kid-recorded']);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('deletes a key by mistake, gets it back from the trash, then purges it with its label typed', async () => {
    const app = await openApp(suite.browser, suite.origin, async (box) => void (await twoApps(box)));
    const { page, box } = app;
    try {
      const list = page.getByRole('navigation', { name: 'Keys' });
      await list.getByRole('button', { name: /^.*staging/ }).click();
      await page.getByRole('button', { name: 'Delete key…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
      await page
        .locator('#content')
        .getByText(/Moved “staging” to the trash/)
        .waitFor();
      await list.getByRole('region', { name: APP_B }).waitFor({ state: 'detached' });
      await expect(box.keys.makeToken(APP_B, TOKEN)).rejects.toMatchObject({ code: 'no_current_key' });

      await list.getByRole('button', { name: 'Trash (1)' }).click();
      await list.getByRole('button', { name: /staging/ }).click();
      await page
        .locator('#content')
        .getByText(/In the trash since/)
        .waitFor();
      await shot(app, '14-trash');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Undelete' }).click();
      await page.locator('#content').getByText('“staging” is back from the trash.').waitFor();
      expect(await box.keys.resolve('staging')).toMatchObject({ status: 'active', current: true });
      expect((await box.keys.makeToken(APP_B, TOKEN)).header.kid).toBe(`${APP_B}/bb0001`);

      await page.getByRole('button', { name: 'Delete key…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
      await page
        .locator('#content')
        .getByText(/Moved “staging” to the trash/)
        .waitFor();
      await list.getByRole('button', { name: /staging/ }).click();
      await page.getByRole('button', { name: 'Purge now…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Purge “staging” for good?' });
      const purge = dialog.getByRole('button', { name: 'Purge key' });
      expect(await purge.isDisabled()).toBe(true);
      await dialog.getByLabel('Type the key’s label (or its Key ID) to confirm').fill('Staging');
      expect(await purge.isDisabled()).toBe(true);
      await dialog.getByLabel('Type the key’s label (or its Key ID) to confirm').fill('staging');
      await shot(app, '15-purge-typed-confirmation');
      await purge.click();
      await page
        .locator('#content')
        .getByText(/Purged “staging”: its private key is gone for good/)
        .waitFor();
      const id = (await box.keys.history('staging'))[0]!.keyId;
      expect((await keytar.findCredentials(box.service)).some((c) => c.account.startsWith(id))).toBe(false);
      expect((await box.keys.history(`${APP_B}/bb0001`))[0]).toMatchObject({
        event: 'purged',
        detail: { label: 'staging' },
      });
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
