import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privatePkcs1Pem } from '../../src/core/keys/rsa';
import { createProductionHandlers } from '../../src/main/ipc/productionHandlers';
import { APP_ID, KID, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { RecordingDesktop } from '../support/recordingDesktop';

// The window's keys-in-production handlers over the real core and keychain: a private
// form reaches the clipboard or a file only after a confirmation, the clipboard is
// cleared only while it still holds the key, and a pasted key's report holds none of it.

const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => 'no error',
    (error: { code?: string }) => error.code,
  );
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keys in production, from the window', () => {
  let box: Sandbox;
  let dir: string;
  let id: string;
  let pem: string;
  beforeAll(async () => {
    box = await sandbox();
    dir = await tempDir();
    pem = privatePkcs1Pem(await pooledKey());
    id = (await box.keys.importKey(pem, { label: 'prod web', appId: APP_ID })).key.id;
    await box.keys.recordKid(id, KID);
  });
  afterAll(() => box.cleanup());

  it('copies a form after a yes, clears it when it is still there, and leaves a later copy alone', async () => {
    const desktop = new RecordingDesktop();
    const handlers = createProductionHandlers(box.keys, desktop, 40);
    desktop.confirmAnswers.push(false);
    expect(await codeOf(handlers.copyPrivateForm({ id, format: 'env' }))).toBe('cancelled');
    expect(desktop.clipboard).toBe('');
    desktop.confirmAnswers.push(true);
    expect(await handlers.copyPrivateForm({ id, format: 'env' })).toEqual({ copied: true, clearsAfterSeconds: 0 });
    expect(desktop.clipboard).toBe((await box.keys.privateForm(id, 'env')).text);
    expect(desktop.confirmRequests.at(-1)!.message).toBe('Copy the private key of "prod web"?');
    await settle(150);
    expect(desktop.clipboard).toBe('');
    desktop.confirmAnswers.push(true);
    await handlers.copyPrivateForm({ id, format: 'k8s' });
    desktop.clipboard = 'something the person copied since';
    await settle(150);
    expect(desktop.clipboard).toBe('something the person copied since');
    const notes = (await box.keys.history(id)).slice(0, 2).map((entry) => entry.detail.note);
    expect(notes).toEqual([
      'a Kubernetes Secret manifest copied to the clipboard',
      'a dotenv block of JAAS_APP_ID, JAAS_KID and JAAS_PRIVATE_KEY copied to the clipboard',
    ]);
  });

  it('saves the env form with a name and filter of its own, at 0600', async () => {
    const desktop = new RecordingDesktop();
    const handlers = createProductionHandlers(box.keys, desktop);
    const path = join(dir, 'prod.env');
    desktop.confirmAnswers.push(true);
    desktop.savePaths.push(path);
    expect(await handlers.exportPrivateKey({ id, format: 'env' })).toEqual({ path });
    expect(desktop.saveRequests.at(-1)).toEqual({
      title: 'Save the private key of "prod web" as a dotenv block of JAAS_APP_ID, JAAS_KID and JAAS_PRIVATE_KEY',
      defaultName: 'prod web.env',
      filters: [{ name: 'Environment file', extensions: ['env'] }],
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toMatch(/^JAAS_APP_ID=/);
  });

  it('checks a paste and returns no key material; saves a repaired copy only where the person chose', async () => {
    const desktop = new RecordingDesktop();
    const handlers = createProductionHandlers(box.keys, desktop);
    const pasted = pem.trimEnd().replace(/\n/g, '\\n');
    const report = await handlers.checkKey({ text: pasted, runtime: 'go' });
    expect(report.problems.map((problem) => problem.id)).toEqual(['literal-newlines', 'pkcs1-needs-pkcs8']);
    expect(report.stored).toMatchObject({ id, label: 'prod web' });
    expect(JSON.stringify(report)).not.toContain(pem.split('\n')[3]);
    desktop.savePaths.push(null);
    expect(await codeOf(handlers.saveRepairedKey({ text: pasted, runtime: 'go' }))).toBe('cancelled');
    const path = join(dir, 'repaired.pem');
    desktop.savePaths.push(path);
    expect(await handlers.saveRepairedKey({ text: pasted, runtime: 'go' })).toEqual({ path });
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
