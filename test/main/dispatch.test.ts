import { createPrivateKey } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactForLog } from '../../src/core/errors';
import { createDispatcher, type Dispatch } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import { APP_ENTRY_URL, isTrustedPageUrl } from '../../src/main/security';
import { METHODS } from '../../src/shared/methods';
import { APP_ID, KID, purgeNow, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { RecordingDesktop } from '../support/recordingDesktop';

describe('IPC dispatcher over the real core and keychain', () => {
  let box: Sandbox;
  let desktop: RecordingDesktop;
  let dispatch: Dispatch;
  let outDir: string;
  const logged: string[] = [];
  const results: Array<{ method: string; result: unknown }> = [];
  let keyId: string;

  /** A call from the app's own page; every result is kept for the private-material scan. */
  const call = async (method: string, input: unknown) => {
    const result = await dispatch(method, APP_ENTRY_URL, input);
    results.push({ method, result });
    return result;
  };

  beforeAll(async () => {
    box = await sandbox();
    outDir = await tempDir();
    desktop = new RecordingDesktop();
    dispatch = createDispatcher(
      createHandlers(box.keys, desktop),
      (url) => isTrustedPageUrl(url),
      (line) => logged.push(line),
    );
    const made = await call('generateKey', { label: 'ipc key' });
    expect(made).toMatchObject({ ok: true, value: { label: 'ipc key', bits: 4096 } });
    keyId = (made as { value: { id: string } }).value.id;
  });
  afterAll(() => box.cleanup());

  it('refuses an unknown method', async () => {
    const unknown = {
      ok: false,
      error: { code: 'unknown_method', message: 'The app asked for something the back end does not offer.' },
    };
    expect(await call('readPrivateKey', { id: keyId })).toEqual(unknown);
    expect(await call('__proto__', {})).toEqual(unknown);
  });

  it.each([
    undefined,
    '',
    'file:///etc/passwd',
    'https://evil.example/',
    'app://other/index.html',
    'http://localhost:5173/',
    'not a url',
  ])('refuses a message from %j and changes nothing', async (url) => {
    const before = await box.keys.list();
    const result = await dispatch('renameKey', url, { id: keyId, label: 'hijacked' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden_sender', message: 'This request did not come from the app’s own window.' },
    });
    expect(await box.keys.list()).toEqual(before);
  });

  it('trusts the dev server only when it is the configured one', () => {
    expect(isTrustedPageUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedPageUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  const badInputs: Array<[string, unknown]> = [
    ['generateKey', null],
    ['generateKey', 'label'],
    ['generateKey', { label: 5 }],
    ['generateKey', { label: 'x', extra: true }],
    ['generateKey', { label: 'x'.repeat(201) }],
    ['generateKey', { label: 'x', appId: 7 }],
    ['recordKid', { id: 'short', kid: KID }],
    ['recordKid', { id: 'ABCDEF0123456789', kid: KID }],
    ['recordKid', { kid: KID }],
    ['recordKid', { id: '0123456789abcdef', kid: 'k'.repeat(501) }],
    ['exportPrivateKey', { id: '0123456789abcdef', format: 'openssh' }],
    ['copyText', { text: 'x'.repeat(20_001) }],
    ['listKeys', { all: true }],
    ['openExternal', { url: ['https://jaas.8x8.vc'] }],
    ['exportPrivateKey', { id: '0123456789abcdef', format: 'pkcs1', path: '/tmp/x.pem' }],
    ['importKey', { text: 'x'.repeat(20_001), label: 'big' }],
    ['renameKey', { id: '0123456789abcdef', label: 'x'.repeat(201) }],
    ['purgeKey', { id: '0123456789abcdef' }],
  ];
  it.each(badInputs)('refuses %s(%j) at the boundary', async (method, input) => {
    const result = await call(method, input);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining(`Refused ${method}`) },
    });
  });

  it('names the field and the rule it broke, or the request as a whole', async () => {
    expect(await call('renameKey', { id: keyId, label: 5 })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Refused renameKey: label is not valid (Invalid input: expected string, received number).',
      },
    });
    expect(await call('renameKey', null)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Refused renameKey: the request is not valid (Invalid input: expected object, received null).',
      },
    });
  });

  it('lists keys with the reconcile findings', async () => {
    expect(await call('listKeys', {})).toMatchObject({
      ok: true,
      value: { keys: [expect.objectContaining({ id: keyId })], findings: [], keychainProblem: null },
    });
  });

  it('shows a key with fingerprint, randomart and public PEM', async () => {
    const shown = await call('showKey', { id: keyId });
    expect(shown).toMatchObject({
      ok: true,
      value: {
        id: keyId,
        publicPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/),
        randomart: expect.stringContaining('[RSA 4096]'),
      },
    });
  });

  it('checks a kid live, records it, and reports the core error codes as values', async () => {
    expect(await call('checkKid', { id: keyId, kid: `${KID} ` })).toMatchObject({
      ok: true,
      value: { ok: false, problem: expect.stringMatching(/spaces/) },
    });
    expect(await call('checkKid', { id: keyId, kid: KID })).toEqual({ ok: true, value: { ok: true, problem: null } });
    expect(await call('recordKid', { id: keyId, kid: `${APP_ID}/ABCDEF` })).toMatchObject({
      ok: false,
      error: { code: 'invalid_kid' },
    });
    expect(await call('recordKid', { id: keyId, kid: KID })).toMatchObject({
      ok: true,
      value: { kid: KID, appId: APP_ID },
    });
    expect(await call('showKey', { id: 'ffffffffffffffff' })).toMatchObject({
      ok: false,
      error: { code: 'key_not_found' },
    });
  });

  it('copies exactly the SPKI PEM to the clipboard', async () => {
    expect(await call('copyPublicKey', { id: keyId })).toEqual({ ok: true, value: { copied: true } });
    expect(desktop.clipboard).toBe(await box.keys.publicPem(keyId));
    expect(await call('copyText', { text: '-----BEGIN RSA PRIVATE KEY-----' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('saves the public PEM through the save dialog, named after the label', async () => {
    const path = join(outDir, 'ipc key.pub');
    desktop.savePaths.push(path);
    expect(await call('savePublicKey', { id: keyId })).toEqual({ ok: true, value: { path } });
    expect(desktop.saveRequests.at(-1)?.defaultName).toBe('ipc key.pub');
    expect(await readFile(path, 'utf8')).toBe(await box.keys.publicPem(keyId));
    desktop.savePaths.push(null);
    expect(await call('savePublicKey', { id: keyId })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('exports the private key only after confirmation, to a 0600 file, returning only the path', async () => {
    desktop.confirmAnswers.push(false);
    expect(await call('exportPrivateKey', { id: keyId, format: 'pkcs1' })).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
    expect(desktop.confirmRequests.at(-1)?.message).toContain('"ipc key"');

    const path = join(outDir, 'ipc.pem');
    await writeFile(path, 'old file the dialog agreed to replace');
    desktop.confirmAnswers.push(true);
    desktop.savePaths.push(path);
    expect(await call('exportPrivateKey', { id: keyId, format: 'pkcs1' })).toEqual({ ok: true, value: { path } });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
  });

  it('renames, and refuses a label another key has', async () => {
    expect(await call('renameKey', { id: keyId, label: 'renamed' })).toMatchObject({
      ok: true,
      value: { label: 'renamed' },
    });
    const second = await call('generateKey', { label: 'second', appId: null });
    expect(second).toMatchObject({ ok: true });
    expect(await call('renameKey', { id: keyId, label: 'second' })).toMatchObject({
      ok: false,
      error: { code: 'label_taken' },
    });
  });

  it('keeps both keys when two are generated at once', async () => {
    const [a, b] = await Promise.all([
      call('generateKey', { label: 'parallel a' }),
      call('generateKey', { label: 'parallel b' }),
    ]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: true });
    const labels = (await box.keys.list()).map((key) => key.label);
    expect(labels).toEqual(expect.arrayContaining(['parallel a', 'parallel b']));
  });

  it('opens only allow-listed https links', async () => {
    expect(await call('openExternal', { url: 'https://jaas.8x8.vc/#/apikeys' })).toEqual({
      ok: true,
      value: { opened: true },
    });
    for (const url of [
      'http://jaas.8x8.vc/',
      'https://evil.example/',
      'file:///etc/passwd',
      'https://jaas.8x8.vc.evil.example/',
      'javascript:alert(1)',
      'https://user@jaas.8x8.vc/',
    ]) {
      expect(await call('openExternal', { url })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(desktop.opened).toEqual(['https://jaas.8x8.vc/#/apikeys']);
  });

  it('imports pasted text and a chosen file, and returns no private material', async () => {
    const { execFileSync } = await import('node:child_process');
    const keyPath = join(outDir, 'to-import');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '4096', '-N', '', '-f', keyPath]);
    const pasted = await call('importKey', { text: await readFile(keyPath, 'utf8'), label: 'pasted' });
    expect(pasted).toMatchObject({
      ok: true,
      value: {
        key: { label: 'pasted', source: 'imported' },
        formatName: 'OpenSSH private key',
        encrypted: false,
        sourcePath: null,
      },
    });
    await purgeNow(box.keys, 'pasted');

    expect(await call('importKeyFile', { fileId: '0'.repeat(32), label: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Choose the key file again.' },
    });
    desktop.openPaths.push(null);
    expect(await call('chooseKeyFile', {})).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    desktop.openPaths.push(keyPath);
    const chosen = await call('chooseKeyFile', {});
    expect(chosen).toMatchObject({
      ok: true,
      value: { name: 'to-import', fileId: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    expect(JSON.stringify(chosen)).not.toContain(outDir);
    const fileId = (chosen as { value: { fileId: string } }).value.fileId;
    expect(await call('importKeyFile', { fileId, label: 'from file' })).toMatchObject({
      ok: true,
      value: { sourcePath: keyPath, key: { label: 'from file' } },
    });
    expect(await call('importKeyFile', { fileId, label: 'twice' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('importKey', { text: 'ssh-rsa AAAA', label: 'pub' })).toMatchObject({
      ok: false,
      error: { code: 'public_key_only' },
    });
    expect(await call('importKey', { text: 'x', label: 'pub', passphrase: 'p'.repeat(1025) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('makes and checks tokens over IPC, refusing bad options at the boundary', async () => {
    const options = {
      room: 'standup',
      moderator: true,
      features: ['recording'],
      lifetimeSeconds: 7200,
      nbfSkewSeconds: 10,
    };
    const made = await call('createToken', { id: keyId, options });
    expect(made).toMatchObject({
      ok: true,
      value: { token: expect.any(String), link: expect.stringContaining(`https://8x8.vc/${APP_ID}/standup#jwt=`) },
    });
    const token = (made as { value: { token: string } }).value.token;
    expect(await call('checkToken', { token })).toMatchObject({
      ok: true,
      value: { ok: true, signedBy: { id: keyId } },
    });
    for (const bad of [
      { ...options, features: ['teleport'] },
      { ...options, lifetimeSeconds: 1.5 },
      { ...options, moderator: 'yes' },
      { ...options, extra: 1 },
    ]) {
      expect(await call('createToken', { id: keyId, options: bad })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(await call('checkToken', { token: 'x'.repeat(16_385) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('keys in production: a pasted key’s report, a repaired copy, a private form on the clipboard after a yes', async () => {
    const { text: pem } = await box.keys.privateForm(keyId, 'pkcs8');
    const pasted = `"${pem.trimEnd().replace(/\n/g, '\\n')}"`;
    expect(await call('checkKey', { text: pasted, runtime: 'java' })).toMatchObject({
      ok: true,
      value: { ok: false, repairable: true, stored: { id: keyId } },
    });
    expect(await call('checkKey', { text: pasted, runtime: 'cobol' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('checkKey', { text: 'x'.repeat(65_537), runtime: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const path = join(outDir, 'repaired.pem');
    desktop.savePaths.push(path);
    expect(await call('saveRepairedKey', { text: pasted, runtime: 'java' })).toEqual({ ok: true, value: { path } });
    expect(await readFile(path, 'utf8')).toBe(pem);
    desktop.confirmAnswers.push(true);
    expect(await call('copyPrivateForm', { id: keyId, format: 'json' })).toEqual({
      ok: true,
      value: { copied: true, clearsAfterSeconds: 60 },
    });
    expect(JSON.parse(desktop.clipboard)).toMatchObject({ privateKey: pem });
    expect(await call('copyPrivateForm', { id: keyId, format: 'openssh' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('deletes a key to the trash, undeletes it, and purges it only with the typed label', async () => {
    const second = (await box.keys.resolve('second')).id;
    expect(await call('deleteKey', { id: second })).toMatchObject({
      ok: true,
      value: { id: second, status: 'trashed' },
    });
    expect((await keytar.findCredentials(box.service)).some((c) => c.account.startsWith(second))).toBe(true);
    expect(await call('undeleteKey', { id: second })).toMatchObject({ ok: true, value: { status: 'needs-kid' } });
    expect(await call('purgeKey', { id: second, confirmation: 'second' })).toMatchObject({
      ok: false,
      error: { code: 'not_in_trash' },
    });
    await call('deleteKey', { id: second });
    expect(await call('purgeKey', { id: second, confirmation: 'Second' })).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
    expect((await keytar.findCredentials(box.service)).some((c) => c.account.startsWith(second))).toBe(true);
    expect(await call('purgeKey', { id: second, confirmation: 'second' })).toEqual({ ok: true, value: { id: second } });
    expect((await keytar.findCredentials(box.service)).some((c) => c.account.startsWith(second))).toBe(false);
    const history = (await call('keyHistory', { id: second })) as { ok: true; value: Array<{ event: string }> };
    expect(history.value.slice(0, 2).map((entry) => entry.event)).toEqual(['purged', 'trashed']);
  });

  it('makes current, retires, unretires and starts a rotation', async () => {
    expect(await call('activateKey', { id: keyId })).toMatchObject({
      ok: true,
      value: { key: { current: true }, previous: null },
    });
    const rotation = await call('rotateKey', { id: keyId });
    expect(rotation).toMatchObject({
      ok: true,
      value: { old: { id: keyId }, key: { rotationOf: keyId, appId: APP_ID, status: 'needs-kid' }, waitSeconds: 7200 },
    });
    expect(await call('retireKey', { id: keyId })).toMatchObject({
      ok: true,
      value: { status: 'retired', current: false },
    });
    expect(await call('activateKey', { id: keyId })).toMatchObject({ ok: false, error: { code: 'key_retired' } });
    expect(await call('unretireKey', { id: keyId })).toMatchObject({
      ok: true,
      value: { status: 'active', current: true },
    });
  });

  it('copies public text, rechecks the keychain and recovers a secret the list lost', async () => {
    expect(await call('copyText', { text: KID })).toEqual({ ok: true, value: { copied: true } });
    expect(desktop.clipboard).toBe(KID);
    // A secret in this keychain service that this key list does not know: made through another data folder.
    const { KeyManager } = await import('../../src/core/keyManager');
    const elsewhere = new KeyManager({ dataDir: await tempDir(), store: box.store, generateKey: pooledKey });
    const orphan = await elsewhere.generate({ label: 'orphan' });
    const checked = await call('checkKeychain', {});
    expect(checked).toMatchObject({
      ok: true,
      value: {
        findings: [expect.objectContaining({ kind: 'secret_without_entry', id: orphan.id })],
        keychainName: expect.stringMatching(/Secret Service|Keychain|Credential/),
      },
    });
    expect(await call('recoverKey', { id: orphan.id, label: 'recovered orphan' })).toMatchObject({
      ok: true,
      value: { id: orphan.id, source: 'recovered', status: 'needs-kid' },
    });
  });

  it('backs up through the save dialog and previews and restores a file chosen in the open dialog, never returning its content', async () => {
    expect(await call('passphraseStrength', { passphrase: 'password' })).toMatchObject({
      ok: true,
      value: { ok: false, score: 0, warning: expect.any(String) },
    });
    expect(await call('checkRecipient', { recipient: 'AGE-SECRET-KEY-1ABC' })).toMatchObject({
      ok: true,
      value: { ok: false, problem: expect.stringMatching(/never share it/) },
    });
    const mine = await call('myRecipient', {});
    expect(mine).toMatchObject({ ok: true, value: { recipient: expect.stringMatching(/^age1/) } });
    const recipient = (mine as { value: { recipient: string } }).value.recipient;
    expect(await call('checkRecipient', { recipient })).toEqual({ ok: true, value: { ok: true, problem: null } });
    const path = join(outDir, 'ipc.age');
    desktop.savePaths.push(path);
    expect(
      await call('backupKeys', { ids: [keyId], lock: { passphrase: 'password' }, includeTrash: false }),
    ).toMatchObject({ ok: false, error: { code: 'weak_passphrase' } });
    desktop.savePaths.push(path);
    expect(await call('backupKeys', { ids: [keyId], lock: { recipients: [recipient] }, includeTrash: false })).toEqual({
      ok: true,
      value: { path, count: 1 },
    });
    expect(await call('backupKeys', { ids: [keyId], lock: { recipients: [] }, includeTrash: false })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await call('backupKeys', {
        ids: [keyId],
        lock: { passphrase: 'x', recipients: [recipient] },
        includeTrash: false,
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    desktop.openPaths.push(path);
    const chosen = await call('chooseBackupFile', {});
    expect(chosen).toMatchObject({
      ok: true,
      value: { name: 'ipc.age', needs: 'identity', fileId: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    const fileId = (chosen as { value: { fileId: string } }).value.fileId;
    expect(await call('previewRestore', { fileId })).toMatchObject({
      ok: true,
      value: [{ id: keyId, outcome: 'already-here' }],
    });
    expect(await call('restoreBackup', { fileId })).toMatchObject({
      ok: true,
      value: [{ id: keyId, outcome: 'already-here' }],
    });
    // No restore of it is running: nothing to report.
    expect(await call('restoreProgress', { fileId })).toEqual({ ok: true, value: null });
    expect(await call('restoreBackup', { fileId: 'f'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(JSON.stringify(results)).not.toContain('BEGIN AGE ENCRYPTED FILE');
  });

  it('never returns private key material from any method', async () => {
    // Every method of the contract was called successfully at least once above, so every kind of answer was scanned.
    const succeeded = new Set(
      results.filter(({ result }) => (result as { ok: boolean }).ok).map(({ method }) => method),
    );
    expect(METHODS.filter((method) => !succeeded.has(method))).toEqual([]);
    const pem = await (box.keys as unknown as { vault: { get(id: string): Promise<string> } }).vault.get(keyId);
    const jwk = createPrivateKey(pem).export({ format: 'jwk' });
    const secrets = (['d', 'p', 'q', 'dp', 'dq', 'qi'] as const).flatMap((part) => {
      const bytes = Buffer.from(jwk[part]!, 'base64url');
      return [
        jwk[part]!,
        bytes.toString('base64'),
        bytes.toString('hex'),
        BigInt(`0x${bytes.toString('hex')}`).toString(),
      ];
    });
    const text = JSON.stringify(results);
    expect(text).not.toMatch(/PRIVATE KEY/);
    // Nor this computer's age identity, which opens every backup made to it.
    expect(text).not.toMatch(/AGE-SECRET-KEY-1[0-9A-Z]{20}/);
    for (const secret of secrets) expect(text.includes(secret.slice(0, 40))).toBe(false);
    // The contract offers nothing that reads a private key back.
    // Two put it where the person asked (a file, the clipboard) after a confirmation; neither answers with it.
    expect(METHODS.filter((m) => /private/i.test(m))).toEqual(['exportPrivateKey', 'copyPrivateForm']);
  });

  it('turns an unexpected exception into a generic error and logs it without secrets', async () => {
    const failing = createDispatcher(
      {
        ...createHandlers(box.keys, desktop),
        listKeys: async () => {
          throw new Error('boom -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----');
        },
      },
      () => true,
      (line) => logged.push(line),
    );
    const result = await failing('listKeys', 'app://jaas/', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(logged.at(-1)).toContain('boom');
    expect(logged.at(-1)).not.toContain('MIIE');
    expect(redactForLog('x -----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY----- y')).toBe(
      'x [private key removed] y',
    );
  });
});
