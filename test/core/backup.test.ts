import { execFileSync } from 'node:child_process';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_IDENTITY_ID } from '../../src/core/keychain/reconcile';
import { KeyManager } from '../../src/core/keyManager';
import type { KeyRecord } from '../../src/shared/keys';
import { APP_ID, clearService, sandbox, tempDir, uniqueService, type Sandbox } from '../support/fixtures';
import { sshKeygenFingerprintOfSpki } from '../support/oracles';
import { canMount, withTmpfs } from '../support/tmpfs';

const PASSPHRASE = 'violet kettle harbour seventeen ribbon';
const APP_B = 'vpaas-magic-cookie-0123456789abcdef0123456789abcdef';
const sh = (file: string, args: string[], input?: string) =>
  execFileSync(file, args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();

/** Everything a failed restore or backup must leave exactly as it was: the key list file and the keychain. */
async function snapshot(box: Sandbox): Promise<string> {
  const list = await readFile(join(box.dataDir, 'keys.json'), 'utf8').catch(() => '');
  const secrets = (await keytar.findCredentials(box.service)).map((c) => `${c.account}=${c.password}`).sort();
  return JSON.stringify({ list, secrets });
}

describe('encrypted backups on the real keychain, with age and openssl as oracles', () => {
  let box: Sandbox;
  let dir: string;
  let prod: KeyRecord;
  let staging: KeyRecord;
  let passphraseFile: string;
  let recipientFile: string;
  let ageIdentity: string;
  let ageRecipient: string;

  beforeAll(async () => {
    box = await sandbox();
    dir = await tempDir();
    prod = await box.keys.recordKid((await box.keys.generate({ label: 'prod' })).id, `${APP_ID}/aa0001`);
    staging = await box.keys.recordKid((await box.keys.generate({ label: 'staging' })).id, `${APP_B}/bb0001`);
    // An identity made by age-keygen itself: the file must open with Debian's age, without this app.
    sh('age-keygen', ['-o', join(dir, 'identity.txt')]);
    ageIdentity = join(dir, 'identity.txt');
    ageRecipient = sh('age-keygen', ['-y', ageIdentity]).trim();
    passphraseFile = join(dir, 'pass.age');
    recipientFile = join(dir, 'recipient.age');
    await box.keys.backups.write(passphraseFile, { lock: { passphrase: PASSPHRASE } });
    await box.keys.backups.write(recipientFile, {
      lock: { recipients: [ageRecipient, await box.keys.backups.recipient()] },
    });
  });
  afterAll(() => box.cleanup());

  it('writes an armored age file, mode 0600, and records when each key was backed up', async () => {
    const text = await readFile(passphraseFile, 'utf8');
    expect(text).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/);
    expect(text).not.toMatch(/PRIVATE KEY|vpaas/);
    expect((await stat(passphraseFile)).mode & 0o777).toBe(0o600);
    for (const key of await box.keys.list()) expect(key.lastBackupAt).toEqual(expect.any(String));
  });

  it('opens with Debian’s age and an age-keygen identity; each PEM gives, through openssl, the public key jaas-keys has', async () => {
    const plain = JSON.parse(sh('age', ['-d', '-i', ageIdentity, recipientFile]));
    expect(plain).toMatchObject({ format: 'jaas-key-manager-backup', version: 1, createdAt: expect.any(String) });
    expect(plain.keys.map((k: { label: string }) => k.label).sort()).toEqual(['prod', 'staging']);
    for (const key of plain.keys) {
      expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(sh('openssl', ['pkey', '-pubout'], key.privateKeyPem)).toBe(await box.keys.publicPem(key.id));
      expect(key).toMatchObject({
        kid: expect.stringMatching(/^vpaas-magic-cookie-/),
        status: 'active',
        current: true,
        history: expect.arrayContaining([expect.objectContaining({ event: 'created' })]),
      });
    }
  });

  it('opens the passphrase file with age at a terminal (typed by expect)', () => {
    const script = `spawn age -d -o ${join(dir, 'pass.json')} ${passphraseFile}\nexpect "passphrase:"\nsend "${PASSPHRASE}\\r"\nexpect eof\ncatch wait result\nexit [lindex $result 3]`;
    sh('expect', ['-c', script]);
    return readFile(join(dir, 'pass.json'), 'utf8').then((text) => expect(JSON.parse(text).keys).toHaveLength(2));
  });

  it('refuses a weak passphrase with the estimator’s reason, writing nothing', async () => {
    const before = await snapshot(box);
    await expect(
      box.keys.backups.write(join(dir, 'weak.age'), { lock: { passphrase: 'password123' } }),
    ).rejects.toMatchObject({ code: 'weak_passphrase', message: expect.stringMatching(/commonly used password/) });
    await expect(
      box.keys.backups.write(join(dir, 'weak.age'), { lock: { passphrase: 'jaaskeys' } }),
    ).rejects.toMatchObject({ code: 'weak_passphrase' });
    await expect(readFile(join(dir, 'weak.age'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await snapshot(box)).toBe(before);
  });

  it('never writes over an existing file without force', async () => {
    await writeFile(join(dir, 'taken.age'), 'keep');
    await expect(
      box.keys.backups.write(join(dir, 'taken.age'), { lock: { passphrase: PASSPHRASE } }),
    ).rejects.toMatchObject({ code: 'file_exists' });
    expect(await readFile(join(dir, 'taken.age'), 'utf8')).toBe('keep');
  });

  it('restores on another computer (a fresh folder and keychain) and signs a token that checks out', async () => {
    const other = await sandbox();
    try {
      const text = await readFile(passphraseFile, 'utf8');
      const plan = await other.keys.backups.plan(text, PASSPHRASE);
      expect(plan.map((item) => item.outcome)).toEqual(['restored', 'restored']);
      expect(await other.keys.list()).toEqual([]);
      expect(await keytar.findCredentials(other.service)).toEqual([]);
      const done = await other.keys.backups.restore(text, PASSPHRASE);
      expect(done.map((item) => item.outcome)).toEqual(['restored', 'restored']);
      const restored = await other.keys.resolve('prod');
      expect(restored).toMatchObject({
        id: prod.id,
        kid: prod.kid,
        appId: APP_ID,
        status: 'active',
        current: true,
        fingerprint: prod.fingerprint,
        source: 'restored',
      });
      expect((await other.keys.history('prod')).map((entry) => entry.event)).toEqual([
        'restored',
        'made-current',
        'kid-recorded',
        'created',
      ]);
      const token = await other.keys.makeToken(APP_ID, {
        room: '*',
        moderator: false,
        features: [],
        lifetimeSeconds: 3600,
        nbfSkewSeconds: 10,
      });
      expect((await box.keys.checkToken(token.token)).ok).toBe(true);
      expect(await other.keys.reconcile()).toEqual([]);
    } finally {
      await other.cleanup();
    }
  });

  it('says what a second restore would do: already here, nothing changed', async () => {
    const before = await snapshot(box);
    const items = await box.keys.backups.restore(await readFile(recipientFile, 'utf8'));
    expect(items.map((item) => item.outcome)).toEqual(['already-here', 'already-here']);
    expect(await snapshot(box)).toBe(before);
  });

  it('restores under "<label> (restored)" when the label is taken, and current only where the AppID has none', async () => {
    await box.keys.lifecycle.trash(prod.id);
    await box.keys.lifecycle.purge(prod.id);
    const newcomer = await box.keys.generate({ label: 'prod' });
    await box.keys.recordKid(newcomer.id, `${APP_ID}/aa0005`);
    const items = await box.keys.backups.restore(await readFile(passphraseFile, 'utf8'), PASSPHRASE);
    expect(items.find((item) => item.id === prod.id)).toMatchObject({
      outcome: 'restored',
      restoredAs: 'prod (restored)',
      reason: expect.stringMatching(/label "prod" is taken here.*has a current key here already/),
    });
    expect(await box.keys.resolve('prod (restored)')).toMatchObject({ id: prod.id, status: 'active', current: false });
    expect((await box.keys.resolve(APP_ID)).id).toBe(newcomer.id);
  });

  describe('bad input: a clear message, nothing stored, nothing lost', () => {
    const expectUnchanged = async (work: () => Promise<unknown>, code: string, message?: RegExp) => {
      const before = await snapshot(box);
      await expect(work()).rejects.toMatchObject({
        code,
        ...(message ? { message: expect.stringMatching(message) } : {}),
      });
      expect(await snapshot(box)).toBe(before);
    };
    const ageToThisComputer = async (json: string) => sh('age', ['-a', '-r', await box.keys.backups.recipient()], json);

    it('a wrong passphrase', async () => {
      await expectUnchanged(
        async () => box.keys.backups.restore(await readFile(passphraseFile, 'utf8'), 'not the passphrase'),
        'wrong_passphrase',
      );
    });

    it('a file for another computer', async () => {
      const elsewhere = sh('age', ['-a', '-r', sh('age-keygen', []).match(/public key: (age1\w+)/)![1]!], '{}');
      await expectUnchanged(
        () => box.keys.backups.restore(elsewhere),
        'wrong_identity',
        /encrypted for another computer: this computer's recipient \(age1/,
      );
    });

    it('a truncated file, and a file with one byte changed', async () => {
      const binary = sh('age', ['-d', '-i', ageIdentity, recipientFile]);
      const sealed = execFileSync('age', ['-r', await box.keys.backups.recipient()], { input: binary });
      const armored = (bytes: Buffer) =>
        `-----BEGIN AGE ENCRYPTED FILE-----\n${bytes.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END AGE ENCRYPTED FILE-----\n`;
      await expectUnchanged(
        () => box.keys.backups.restore(armored(sealed.subarray(0, sealed.length - 100))),
        'invalid_backup',
        /damaged or cut short/,
      );
      const changed = Buffer.from(sealed);
      changed[changed.length - 200]! ^= 0x01;
      await expectUnchanged(() => box.keys.backups.restore(armored(changed)), 'invalid_backup', /damaged or cut short/);
      const text = await readFile(passphraseFile, 'utf8');
      await expectUnchanged(() => box.keys.backups.restore(text.slice(0, text.length / 2)), 'invalid_backup');
    });

    it('an age file that is not a backup, and a file that is not age at all', async () => {
      await expectUnchanged(
        async () => box.keys.backups.restore(await ageToThisComputer('hello')),
        'invalid_backup',
        /not JSON/,
      );
      await expectUnchanged(
        async () => box.keys.backups.restore(await ageToThisComputer('{"format":"something-else"}')),
        'invalid_backup',
        /holds something else/,
      );
      await expectUnchanged(
        () => box.keys.backups.restore('-----BEGIN PRIVATE KEY-----\nabc\n'),
        'invalid_backup',
        /not an ASCII-armored age file/,
      );
    });

    it('a backup from a newer format, and one that breaks the schema', async () => {
      const plain = JSON.parse(sh('age', ['-d', '-i', ageIdentity, recipientFile]));
      await expectUnchanged(
        async () => box.keys.backups.restore(await ageToThisComputer(JSON.stringify({ ...plain, version: 2 }))),
        'invalid_backup',
        /newer JaaS Key Manager \(backup format 2\)/,
      );
      const broken = { ...plain, keys: [{ ...plain.keys[0], status: 'paused' }] };
      await expectUnchanged(
        async () => box.keys.backups.restore(await ageToThisComputer(JSON.stringify(broken))),
        'invalid_backup',
        /keys\.0\.status is not valid/,
      );
    });

    it('a key that is not a 4096-bit RSA key, or whose fingerprint is not the recorded one, is refused by itself', async () => {
      const plain = JSON.parse(sh('age', ['-d', '-i', ageIdentity, recipientFile]));
      const small = sh('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
      const smallFingerprint = sshKeygenFingerprintOfSpki(sh('openssl', ['pkey', '-pubout'], small), dir).fingerprint;
      const fresh = sh('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096']);
      const keys = [
        {
          ...plain.keys[0],
          id: 'a'.repeat(16),
          label: 'small',
          kid: null,
          appId: null,
          status: 'needs-kid',
          current: false,
          bits: 4096,
          fingerprint: smallFingerprint,
          privateKeyPem: small,
        },
        {
          ...plain.keys[0],
          id: 'b'.repeat(16),
          label: 'swapped',
          kid: null,
          appId: null,
          status: 'needs-kid',
          current: false,
          privateKeyPem: fresh,
        },
      ];
      const before = await snapshot(box);
      const items = await box.keys.backups.restore(await ageToThisComputer(JSON.stringify({ ...plain, keys })));
      expect(items[0]).toMatchObject({
        outcome: 'refused',
        reason: expect.stringMatching(/2048-bit RSA key; JaaS expects 4096/),
      });
      expect(items[1]).toMatchObject({
        outcome: 'refused',
        reason: expect.stringMatching(/fingerprint is SHA256:.*not the .* recorded: the backup was changed/),
      });
      expect(await snapshot(box)).toBe(before);
    });

    it.runIf(canMount)('a full disk and a read-only folder leave no partial file and change nothing', async () => {
      for (const [options, code, message] of [
        ['size=4k', 'file_error', /disk is full/],
        ['ro', 'file_error', /Cannot create/],
      ] as const) {
        await withTmpfs(options, async (mount) => {
          await expectUnchanged(
            () => box.keys.backups.write(join(mount, 'keys.age'), { lock: { passphrase: PASSPHRASE } }),
            code,
            message,
          );
          expect(await readdir(mount)).toEqual([]);
        });
      }
    });
  });

  it('keeps this computer’s age identity in the keychain, apart from the keys (reconcile does not report it)', async () => {
    const identity = await keytar.getPassword(box.service, `${BACKUP_IDENTITY_ID}`);
    expect(identity).toMatch(/^jaas-secret\/2 text /); // one item, its text base64-encoded: never the identity in clear
    expect(await box.keys.reconcile()).toEqual([]);
    const again = new KeyManager({ dataDir: box.dataDir, store: box.store });
    expect(await again.backups.recipient()).toBe(await box.keys.backups.recipient());
  });
});

describe('a recipient file age made from JSON the test wrote', () => {
  it('is restored by the app with this computer’s identity', async () => {
    const service = uniqueService();
    const dataDir = await tempDir();
    const { KeytarStore } = await import('../../src/core/keychain/keytarStore');
    const keys = new KeyManager({ dataDir, store: new KeytarStore(service) });
    try {
      const work = await tempDir();
      const pem = sh('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096']);
      const publicPem = sh('openssl', ['pkey', '-pubout'], pem);
      const fingerprint = sshKeygenFingerprintOfSpki(publicPem, work).fingerprint;
      const at = '2026-01-02T03:04:05.000Z';
      const json = JSON.stringify({
        format: 'jaas-key-manager-backup',
        version: 1,
        createdAt: at,
        keys: [
          {
            id: 'c0ffee00c0ffee00',
            label: 'from age',
            appId: APP_ID,
            kid: `${APP_ID}/abcdef`,
            status: 'active',
            current: true,
            createdAt: at,
            kidRecordedAt: at,
            retiredAt: null,
            trashedAt: null,
            purgeAfter: null,
            statusBeforeTrash: null,
            source: 'imported',
            fingerprint,
            bits: 4096,
            tokensSigned: 3,
            lastTokenAt: at,
            longestTokenSeconds: 7200,
            rotationOf: null,
            history: [],
            privateKeyPem: pem,
          },
        ],
      });
      const file = sh('age', ['-a', '-r', await keys.backups.recipient()], json);
      expect(await keys.backups.restore(file)).toMatchObject([{ outcome: 'restored', id: 'c0ffee00c0ffee00' }]);
      expect(await keys.publicPem('from age')).toBe(publicPem);
      expect(
        (
          await keys.makeToken(APP_ID, {
            room: 'x',
            moderator: true,
            features: [],
            lifetimeSeconds: 60,
            nbfSkewSeconds: 10,
          })
        ).header.kid,
      ).toBe(`${APP_ID}/abcdef`);
    } finally {
      await clearService(service);
    }
  });
});
