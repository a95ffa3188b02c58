import { join } from 'node:path';
import { expect } from 'vitest';
import { keyFile, ok, type Journey } from './journeyApp';

// The window's main journeys, written once. Each runs in Chromium over the real core
// in `npm test`, and in real Electron under `npm run test:electron` where Electron's
// binary exists. Labels are the ones a person reads, as Playwright's roles find them.

const APP_ID = 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe';
const PASSPHRASE = 'violet kettle harbour seventeen ribbon';

/** Imports a pool key with the command and records its kid, so it can sign. */
async function activeKey(
  context: Parameters<NonNullable<Journey['prepare']>>[0],
  label: string,
  kid: string,
): Promise<void> {
  await ok(context.cli('import', await keyFile(context.dir, `${label}.pem`), '--label', label));
  await ok(context.cli('kid', label, kid));
}

export const JOURNEYS: Journey[] = [
  {
    name: 'first key: generate, record the kid, save the public key',
    async run({ page, answerSave }, { dir, cli }) {
      await page.getByRole('button', { name: 'Make your first key' }).click();
      await page.getByLabel('Label').fill('first');
      await page.getByRole('button', { name: 'Generate key' }).click();
      await page.getByRole('heading', { name: 'first', level: 1 }).waitFor({ timeout: 90_000 });
      await page.getByLabel('Key ID (kid) from the JaaS console').fill(`${APP_ID}/AA0001`);
      await page.getByText(/upper-case/).waitFor();
      await page.getByLabel('Key ID (kid) from the JaaS console').fill(`${APP_ID}/aa0001`);
      await page.getByRole('button', { name: 'Record Key ID' }).click();
      await page.getByRole('heading', { name: 'Key ID recorded ✓' }).waitFor();
      const path = join(dir, 'first.pub');
      await answerSave(path);
      await page.getByRole('button', { name: 'Save public key…' }).click();
      await page.getByText(`Saved the public key to ${path}`).waitFor();
      const { readFile } = await import('node:fs/promises');
      expect(await readFile(path, 'utf8')).toBe(`${(await ok(cli('public', 'first'))).trimEnd()}\n`);
    },
  },
  {
    name: 'import a key file, make a token and check it',
    async run({ page, answerOpen }, { dir, cli }) {
      const path = await keyFile(dir, 'id_rsa');
      await page.getByRole('button', { name: 'Import a key you have' }).click();
      await answerOpen(path);
      await page.getByRole('button', { name: 'Choose key file…' }).click();
      await page.getByTestId('chosen-file').getByText('id_rsa').waitFor();
      await page.getByLabel('Label', { exact: true }).fill('imported');
      await page.getByRole('button', { name: 'Import this key' }).click();
      await page.getByRole('heading', { name: 'imported', level: 1 }).waitFor();
      await page.getByText(`A plaintext copy remains in ${path}`).waitFor();
      await page.getByLabel('Key ID (kid) from the JaaS console').fill(`${APP_ID}/aa0002`);
      await page.getByRole('button', { name: 'Record Key ID' }).click();
      await page.getByRole('heading', { name: 'Key ID recorded ✓' }).waitFor();
      await page.getByRole('button', { name: 'Make a meeting token…' }).click();
      await page.getByLabel('Room', { exact: true }).fill('standup');
      await page.getByRole('button', { name: 'Make token' }).click();
      const token = (await page.getByTestId('token').textContent())!;
      await page.getByRole('button', { name: 'Check token' }).click();
      await page.getByLabel('Token (JWT)').fill(token);
      await page.getByRole('main').getByRole('button', { name: 'Check token' }).click();
      await page.getByText('This token passes every check Jitsi applies').waitFor();
      expect((await cli('check', token)).status).toBe(0);
    },
  },
  {
    name: 'rotation from start to finish',
    prepare: (context) => activeKey(context, 'prod', `${APP_ID}/aa0003`),
    async run({ page }, { cli }) {
      await page.getByRole('navigation', { name: 'Keys' }).getByRole('button', { name: /prod/ }).click();
      await page.getByRole('button', { name: 'Rotate this key…' }).click();
      await page.getByRole('heading', { name: /^Rotation of “prod”: step 1 of 3$/ }).waitFor({ timeout: 90_000 });
      await page.getByLabel('Key ID (kid) from the JaaS console').fill(`${APP_ID}/aa0004`);
      await page.getByRole('button', { name: 'Record Key ID' }).click();
      await page.getByRole('heading', { name: /step 2 of 3/ }).waitFor();
      await page.getByRole('button', { name: /^Make “prod .*” current$/ }).click();
      await page.getByRole('heading', { name: /step 3 of 3/ }).waitFor();
      await page.getByRole('button', { name: 'Retire “prod”' }).click();
      await page
        .locator('#content')
        .getByText(/Rotation done/)
        .waitFor();
      expect(JSON.parse(await ok(cli('show', 'prod', '--json')))).toMatchObject({ status: 'retired', current: false });
      expect(JSON.parse(await ok(cli('show', APP_ID, '--json'))).kid).toBe(`${APP_ID}/aa0004`);
    },
  },
  {
    name: 'trash, undelete and purge',
    prepare: (context) => activeKey(context, 'staging', `${APP_ID}/aa0005`),
    async run({ page }, { cli }) {
      const list = page.getByRole('navigation', { name: 'Keys' });
      await list.getByRole('button', { name: /staging/ }).click();
      await page.getByRole('button', { name: 'Delete key…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
      await page
        .locator('#content')
        .getByText(/Moved “staging” to the trash/)
        .waitFor();
      await list.getByRole('button', { name: 'Trash (1)' }).click();
      await list.getByRole('button', { name: /staging/ }).click();
      await page.getByRole('button', { name: 'Undelete' }).click();
      await page.locator('#content').getByText('“staging” is back from the trash.').waitFor();
      expect(JSON.parse(await ok(cli('show', 'staging', '--json'))).status).toBe('active');
      await page.getByRole('button', { name: 'Delete key…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
      await page
        .locator('#content')
        .getByText(/Moved “staging” to the trash/)
        .waitFor();
      await list.getByRole('button', { name: /staging/ }).click();
      await page.getByRole('button', { name: 'Purge now…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Purge “staging” for good?' });
      await dialog.getByLabel('Type the key’s label (or its Key ID) to confirm').fill('staging');
      await dialog.getByRole('button', { name: 'Purge key' }).click();
      await page
        .getByText(/Purged “staging”/)
        .first()
        .waitFor();
      expect(JSON.parse(await ok(cli('history', 'staging', '--json')))[0].event).toBe('purged');
    },
  },
  {
    name: 'back up, lose the key, restore it',
    prepare: (context) => activeKey(context, 'kept', `${APP_ID}/aa0006`),
    async run({ page, answerOpen, answerSave }, { dir, cli }) {
      const file = join(dir, 'keys.age');
      await page.getByRole('navigation', { name: 'Keys' }).getByRole('button', { name: /kept/ }).click();
      await page.locator('#content').getByRole('button', { name: 'Back up now…' }).click();
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('The same passphrase again').fill(PASSPHRASE);
      await answerSave(file);
      await page.getByRole('button', { name: 'Save backup…' }).click();
      await page.locator('#content').getByText(`Backed up 1 key to ${file}`).waitFor({ timeout: 60_000 });
      await ok(cli('rm', 'kept', '--yes'));
      await ok(cli('purge', 'kept', '--yes'));
      await page.reload();
      await page.getByRole('button', { name: 'Restore…' }).click();
      await answerOpen(file);
      await page.getByRole('button', { name: 'Choose backup file…' }).click();
      await page.getByLabel('Passphrase of the backup').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('button', { name: 'Restore 1 key(s)' }).click({ timeout: 60_000 });
      await page.getByRole('list', { name: 'What was restored' }).waitFor({ timeout: 60_000 });
      expect(JSON.parse(await ok(cli('show', 'kept', '--json')))).toMatchObject({
        status: 'active',
        kid: `${APP_ID}/aa0006`,
      });
    },
  },
  {
    name: 'check a key as a server got it, and save a repaired copy',
    async prepare(context) {
      await activeKey(context, 'prod web', `${APP_ID}/aa0007`);
    },
    async run({ page, answerSave }, { dir, cli }) {
      const { readFile } = await import('node:fs/promises');
      const pem = await readFile(join(dir, 'prod web.pem'), 'utf8');
      await page.getByRole('button', { name: 'Check a key' }).click();
      // As a platform's secret field keeps it: in quotes, with the line breaks as \n.
      await page.getByLabel('Private key, as it arrived').fill(`"${pem.trimEnd().replace(/\n/g, '\\n')}"`);
      await page.getByLabel('Read by').selectOption('java');
      await page.getByRole('button', { name: 'Check key', exact: true }).click();
      await page.getByText('This key does not load as it is in Java (KeyFactory).').waitFor();
      const problems = await page.getByRole('list', { name: 'Problems' }).textContent();
      expect(problems).toMatch(/Quotes around the key/);
      expect(problems).toMatch(/two characters \\n/);
      expect(problems).toMatch(/PKCS#1/);
      await page.getByText('This is "prod web", the current key of').waitFor();
      expect(await page.getByLabel('Private key, as it arrived').inputValue()).toBe('');
      const body = pem.split('\n')[5]!;
      expect(await page.content()).not.toContain(body);
      const path = join(dir, 'repaired.pem');
      await answerSave(path);
      await page.getByRole('button', { name: 'Save repaired copy…' }).click();
      await page.getByText(`Saved a repaired copy (PKCS#8 PEM, readable only by you) to ${path}`).waitFor();
      const { stat } = await import('node:fs/promises');
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await ok(cli('check-key', path, '--for', 'java'))).toContain('Key OK');
    },
  },
  {
    name: 'the keyboard reaches a key, the filter and a new key',
    async prepare(context) {
      await ok(context.cli('import', await keyFile(context.dir, 'k.pem'), '--label', 'keyboard key'));
    },
    async run({ page }, { cli }) {
      await page.getByRole('button', { name: /keyboard key/ }).waitFor();
      for (let presses = 0; presses < 20; presses++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => document.activeElement?.classList.contains('key-row'))) break;
      }
      const focused = await page.evaluate(() => ({
        text: document.activeElement?.textContent,
        outline: getComputedStyle(document.activeElement!).outlineStyle,
      }));
      expect(focused.text).toContain('keyboard key');
      expect(focused.outline).toBe('solid');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'keyboard key', level: 1 }).waitFor();
      await page.keyboard.press('ControlOrMeta+f');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('key-filter');
      await page.keyboard.press('ControlOrMeta+n');
      await page.getByRole('heading', { name: 'New JaaS API key' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /keyboard key/ }).click();
      await page.getByRole('button', { name: 'Delete key…' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      expect(JSON.parse(await ok(cli('list', '--json')))).toHaveLength(1);
    },
  },
];
