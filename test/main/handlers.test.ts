import { mkdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { privatePkcs8Pem } from '../../src/core/keys/rsa';
import { createDispatcher } from '../../src/main/ipc/dispatch';
import { createHandlers, type Handlers } from '../../src/main/ipc/handlers';
import { APP_ENTRY_URL, isTrustedPageUrl } from '../../src/main/security';
import { DEFAULT_TOKEN_OPTIONS } from '../../src/shared/tokens';
import { APP_ID, KID, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { RecordingDesktop } from '../support/recordingDesktop';

// Each handler of the window's back end, called as the dispatcher calls it, over
// the real core and keychain: what it answers, what it asks the OS dialogs, and
// what it leaves on disk. (dispatch.test.ts covers validation and the sender check.)

const codeOf = async (work: Promise<unknown>) =>
  work.then(
    () => 'no error',
    (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
  );

describe('the window’s handlers', () => {
  let box: Sandbox;
  let desktop: RecordingDesktop;
  let handlers: Handlers;
  let dir: string;
  let keyId: string;

  beforeAll(async () => {
    box = await sandbox();
    dir = await tempDir();
    keyId = (await box.keys.generate({ label: 'prod/eu' })).id;
    await box.keys.recordKid(keyId, KID);
  });
  // Made for each test, not once: Stryker credits code run in beforeAll to no test, and
  // would then never run these tests against a mutant of the handler table.
  beforeEach(() => {
    desktop = new RecordingDesktop();
    handlers = createHandlers(box.keys, desktop);
  });
  afterAll(async () => {
    await box.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers with the core’s own values', async () => {
    const withApp = await handlers.generateKey({ label: 'second', appId: APP_ID });
    expect(withApp.appId).toBe(APP_ID);
    expect((await handlers.generateKey({ label: 'third' })).appId).toBeNull();
    expect(await handlers.showKey({ id: keyId })).toEqual(await box.keys.show(keyId));
    expect(await handlers.renameKey({ id: withApp.id, label: 'renamed' })).toMatchObject({
      id: withApp.id,
      label: 'renamed',
    });
    const token = await handlers.createToken({ id: keyId, options: { ...DEFAULT_TOKEN_OPTIONS, room: 'standup' } });
    expect(token.claims).toMatchObject({ sub: APP_ID, room: 'standup' });
    expect((await handlers.checkToken({ token: token.token })).ok).toBe(true);
    const trashed = await handlers.deleteKey({ id: withApp.id });
    expect(trashed).toMatchObject({ id: withApp.id, status: 'trashed' });
    expect(trashed).not.toHaveProperty('publicPem');
    expect(await handlers.undeleteKey({ id: withApp.id })).toMatchObject({ id: withApp.id, status: 'needs-kid' });
    const history = await handlers.keyHistory({ id: withApp.id });
    expect(history).toEqual(await box.keys.history(withApp.id));
    expect(history.map((entry) => entry.event)).toEqual(['undeleted', 'trashed', 'renamed', 'created']);
    await handlers.recordKid({ id: withApp.id, kid: `${APP_ID}/bbb222` });
    expect(await handlers.retireKey({ id: withApp.id })).toMatchObject({ id: withApp.id, status: 'retired' });
    expect(await handlers.unretireKey({ id: withApp.id })).toMatchObject({ id: withApp.id, status: 'active' });
  });

  it('lists the keys with the findings, keychain and name of the last keychain check', async () => {
    // A secret with no list entry, as an interrupted save leaves it.
    await box.store.set('deadbeefdeadbeef', 'not a key');
    const checked = await handlers.checkKeychain({});
    expect(checked.findings).toEqual([
      expect.objectContaining({ kind: 'secret_without_entry', id: 'deadbeefdeadbeef' }),
    ]);
    const listing = await handlers.listKeys({});
    expect(listing.keys.map((key) => key.id)).toEqual((await box.keys.list({ all: true })).map((key) => key.id));
    expect(listing.findings).toEqual(checked.findings);
    expect(listing.keychainProblem).toBeNull();
    expect(listing.keychainName).toMatch(/GNOME Keyring/);
    await box.store.delete('deadbeefdeadbeef');
    expect((await handlers.checkKeychain({})).findings).toEqual([]);
  });

  it('saves the public key where the save dialog says, over a file the dialog already asked about', async () => {
    const path = join(dir, 'public.pem');
    await writeFile(path, 'old content');
    desktop.savePaths.push(path);
    expect(await handlers.savePublicKey({ id: keyId })).toEqual({ path });
    expect(desktop.saveRequests.at(-1)).toEqual({
      title: 'Save the public key of "prod/eu"',
      defaultName: 'prod-eu.pub',
      filters: [{ name: 'Public key (PEM)', extensions: ['pub', 'pem'] }],
    });
    expect(await readFile(path, 'utf8')).toBe(await box.keys.publicPem(keyId));
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    desktop.savePaths.push(null);
    expect(await codeOf(handlers.savePublicKey({ id: keyId }))).toBe('cancelled: Cancelled; nothing was written.');
  });

  it('exports the private key in the format asked for, only after a yes and a path', async () => {
    for (const [format, header] of [
      ['pkcs8', '-----BEGIN PRIVATE KEY-----'],
      ['pkcs1', '-----BEGIN RSA PRIVATE KEY-----'],
    ] as const) {
      const path = join(dir, `private-${format}.pem`);
      await writeFile(path, 'old');
      desktop.confirmAnswers.push(true);
      desktop.savePaths.push(path);
      expect(await handlers.exportPrivateKey({ id: keyId, format })).toEqual({ path });
      expect((await readFile(path, 'utf8')).startsWith(header)).toBe(true);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
    }
    expect(desktop.saveRequests.at(-1)).toEqual({
      title: 'Save the private key of "prod/eu"',
      defaultName: 'prod-eu.pem',
      filters: [{ name: 'Private key (PEM)', extensions: ['pem', 'key'] }],
    });
    desktop.confirmAnswers.push(false);
    expect(await codeOf(handlers.exportPrivateKey({ id: keyId, format: 'pkcs8' }))).toMatch(/^cancelled:/);
    desktop.confirmAnswers.push(true);
    desktop.savePaths.push(null);
    expect(await codeOf(handlers.exportPrivateKey({ id: keyId, format: 'pkcs8' }))).toMatch(/^cancelled:/);
  });

  it('warns before a private export in plain words, and writes each export in the key’s history', async () => {
    const path = join(dir, 'noted.pem');
    desktop.confirmAnswers.push(true);
    desktop.savePaths.push(path);
    await handlers.exportPrivateKey({ id: keyId, format: 'pkcs1' });
    expect(desktop.confirmRequests.at(-1)).toEqual({
      message: 'Export the private key of "prod/eu" to a file?',
      detail:
        'Anyone who has this file can sign meeting tokens for your JaaS app. Store it somewhere safe, do not send it by email or chat, and delete it when you no longer need it. The key stays in the keychain either way.',
      confirmLabel: 'Export private key',
    });
    const publicPath = join(dir, 'noted.pub');
    desktop.savePaths.push(publicPath);
    await handlers.savePublicKey({ id: keyId });
    expect(await handlers.copyPublicKey({ id: keyId })).toEqual({ copied: true });
    expect(desktop.clipboard).toBe(await box.keys.publicPem(keyId));
    const notes = (await handlers.keyHistory({ id: keyId }))
      .slice(0, 3)
      .map(({ event, detail }) => [event, detail.note]);
    expect(notes).toEqual([
      ['public-exported', 'copied to the clipboard'],
      ['public-exported', `saved to ${publicPath}`],
      ['private-exported', 'PKCS#1 PEM'],
    ]);
    expect(await codeOf(handlers.copyText({ text: privatePkcs8Pem(await pooledKey()) }))).toBe(
      'invalid_input: Private key material is never put on the clipboard.',
    );
    expect(await codeOf(handlers.openExternal({ url: 'https://evil8x8.vc/' }))).toBe(
      'invalid_input: Only the JaaS console and 8x8 documentation links open from the app.',
    );
  });

  it('names saved files after the label, with every character a file name cannot hold replaced', async () => {
    const odd = await box.keys.generate({ label: 'a/b\\c:d*e?f"g<h>i|j' });
    desktop.savePaths.push(null);
    await codeOf(handlers.savePublicKey({ id: odd.id }));
    expect(desktop.saveRequests.at(-1)?.defaultName).toBe('a-b-c-d-e-f-g-h-i-j.pub');
    const run = await box.keys.generate({ label: 'x//\\::y' });
    desktop.savePaths.push(null);
    await codeOf(handlers.savePublicKey({ id: run.id }));
    expect(desktop.saveRequests.at(-1)?.defaultName).toBe('x-y.pub');
  });

  it('imports pasted text and a chosen file, naming the format and whether it was encrypted', async () => {
    const pem = privatePkcs8Pem(await pooledKey());
    const pasted = await handlers.importKey({ text: pem, label: 'pasted', appId: APP_ID });
    expect(pasted).toMatchObject({
      key: { label: 'pasted', appId: APP_ID },
      formatName: 'PKCS#8 PEM',
      encrypted: false,
      sourcePath: null,
    });
    const key = await pooledKey();
    const path = join(dir, 'enc.pem');
    await writeFile(
      path,
      key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' }).toString(),
    );
    desktop.openPaths.push(path);
    // The dialog opens at ~/.ssh when there is one: first a home without it, then with it.
    const home = process.env.HOME;
    process.env.HOME = await tempDir();
    let chosen: { fileId: string; name: string };
    try {
      chosen = await handlers.chooseKeyFile({});
      desktop.openPaths.push(path);
      await mkdir(join(process.env.HOME, '.ssh'));
      await handlers.chooseKeyFile({});
    } finally {
      process.env.HOME = home;
    }
    const { fileId, name } = chosen;
    expect(name).toBe('enc.pem');
    const request = {
      title: 'Choose a private key file',
      filters: [
        { name: 'All files', extensions: ['*'] },
        { name: 'PEM files', extensions: ['pem', 'key', 'pk'] },
      ],
    };
    expect(desktop.openRequests.at(-2)).toEqual(request);
    expect(desktop.openRequests.at(-1)).toEqual({ ...request, defaultPath: expect.stringMatching(/\/\.ssh$/) });
    const fromFile = await handlers.importKeyFile({ fileId, label: 'from file', passphrase: 'open sesame' });
    expect(fromFile).toMatchObject({
      key: { label: 'from file', appId: null },
      formatName: 'encrypted PKCS#8 PEM',
      encrypted: true,
      sourcePath: path,
    });
    desktop.openPaths.push(null);
    expect(await codeOf(handlers.chooseKeyFile({}))).toBe('cancelled: No file was chosen.');
  });

  it('refuses a key file that is too large or gone, reading nothing', async () => {
    const big = join(dir, 'big.pem');
    await writeFile(big, '');
    await truncate(big, 64 * 1024 + 1);
    desktop.openPaths.push(big);
    const chosenBig = await handlers.chooseKeyFile({});
    expect(await codeOf(handlers.importKeyFile({ fileId: chosenBig.fileId, label: 'big' }))).toBe(
      'invalid_key_file: big.pem is too large to be a key file.',
    );
    const justRight = join(dir, 'exact.pem');
    await writeFile(justRight, '');
    await truncate(justRight, 64 * 1024);
    desktop.openPaths.push(justRight);
    expect(
      await codeOf(handlers.importKeyFile({ fileId: (await handlers.chooseKeyFile({})).fileId, label: 'exact' })),
    ).toMatch(/^invalid_key_file: No private key found/);
    const gone = join(dir, 'gone.pem');
    await writeFile(gone, 'x');
    desktop.openPaths.push(gone);
    const chosenGone = await handlers.chooseKeyFile({});
    await rm(gone);
    expect(await codeOf(handlers.importKeyFile({ fileId: chosenGone.fileId, label: 'gone' }))).toBe(
      `file_error: Cannot read ${gone} (ENOENT).`,
    );
  });

  it('backs up to the path the dialog gives, with today’s date in the name it offers', async () => {
    const path = join(dir, 'keys.age');
    await writeFile(path, 'old');
    desktop.savePaths.push(path);
    const { recipient } = await handlers.myRecipient({});
    expect(recipient).toMatch(/^age1[0-9a-z]+$/);
    const saved = await handlers.backupKeys({ ids: [keyId], includeTrash: false, lock: { recipients: [recipient] } });
    expect(saved).toEqual({ path, count: 1 });
    expect(desktop.saveRequests.at(-1)).toEqual({
      title: 'Save the encrypted backup',
      defaultName: `jaas-keys-${new Date().toISOString().slice(0, 10)}.age`,
      filters: [{ name: 'age encrypted file', extensions: ['age'] }],
    });
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    desktop.savePaths.push(null);
    expect(
      await codeOf(handlers.backupKeys({ ids: [keyId], includeTrash: false, lock: { recipients: [recipient] } })),
    ).toMatch(/^cancelled:/);

    desktop.openPaths.push(path);
    const chosen = await handlers.chooseBackupFile({});
    expect(chosen).toMatchObject({ name: 'keys.age', needs: 'identity' });
    expect(desktop.openRequests.at(-1)).toEqual({
      title: 'Choose a JaaS Key Manager backup',
      filters: [
        { name: 'age encrypted file', extensions: ['age'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(await handlers.previewRestore({ fileId: chosen.fileId })).toEqual([
      expect.objectContaining({ id: keyId, outcome: 'already-here' }),
    ]);
    desktop.openPaths.push(null);
    expect(await codeOf(handlers.chooseBackupFile({}))).toBe('cancelled: No file was chosen.');
  });

  it('tells the window how far a restore has got, key by key, while it runs', async () => {
    // Six keys in another key list, backed up to this computer's identity and restored here.
    const other = await sandbox();
    try {
      for (let n = 0; n < 6; n++) await other.keys.importKey(privatePkcs8Pem(await pooledKey()), { label: `far ${n}` });
      const recipient = await box.keys.backups.recipient();
      const path = join(dir, 'six.age');
      await other.keys.backups.write(path, { lock: { recipients: [recipient] } });
      desktop.openPaths.push(path);
      const { fileId } = await handlers.chooseBackupFile({});
      const seen: Array<{ done: number; total: number }> = [];
      let finished = false;
      const restoring = handlers.restoreBackup({ fileId }).finally(() => (finished = true));
      while (!finished) {
        const now = await handlers.restoreProgress({ fileId });
        if (now && (seen.length === 0 || seen.at(-1)!.done !== now.done)) seen.push(now);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect((await restoring).filter((item) => item.outcome === 'restored')).toHaveLength(6);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((step) => step.total === 6)).toBe(true);
      expect(seen.map((step) => step.done)).toEqual([...seen.map((step) => step.done)].sort((a, b) => a - b));
      expect(await handlers.restoreProgress({ fileId })).toBeNull();
    } finally {
      await other.cleanup();
    }
  });

  it('refuses a backup file that is far too large or gone', async () => {
    const big = join(dir, 'big.age');
    await writeFile(big, '');
    await truncate(big, 64 * 1024 * 1024 + 1);
    desktop.openPaths.push(big);
    expect(await codeOf(handlers.chooseBackupFile({}))).toBe(
      'invalid_backup: big.age is far too large to be a backup of this app.',
    );
    const path = join(dir, 'vanishing.age');
    await writeFile(path, 'x');
    desktop.openPaths.push(path);
    const chosen = await handlers.chooseBackupFile({}).catch(() => null);
    expect(chosen).toBeNull(); // not a backup at all
    await rm(path);
    expect(await codeOf(handlers.previewRestore({ fileId: 'f'.repeat(32) }))).toBe(
      'invalid_input: Choose the backup file again.',
    );
  });

  it('rates a passphrase with the estimator', async () => {
    expect(await handlers.passphraseStrength({ passphrase: '' })).toEqual({
      score: 0,
      ok: false,
      warning: 'The passphrase is empty.',
      suggestions: [],
    });
    expect((await handlers.passphraseStrength({ passphrase: 'correct horse battery staple' })).ok).toBe(true);
  });

  it('logs only unexpected failures, never a refusal', async () => {
    const logged: string[] = [];
    const broken = {
      ...handlers,
      showKey: async () => {
        throw new Error('disk on fire');
      },
    } as Handlers;
    const dispatch = createDispatcher(
      broken,
      (url) => isTrustedPageUrl(url),
      (line) => logged.push(line),
    );
    expect(await dispatch('renameKey', APP_ENTRY_URL, { id: keyId, label: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_label' },
    });
    expect(logged).toEqual([]);
    expect(await dispatch('showKey', APP_ENTRY_URL, { id: keyId })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(logged).toEqual([expect.stringMatching(/^unexpected failure in showKey: Error: disk on fire/)]);
  });
});
