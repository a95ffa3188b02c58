import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactForLog } from '../../src/core/errors';
import { KeytarStore } from '../../src/core/keychain/keytarStore';
import { Vault, type SecretStore } from '../../src/core/keychain/vault';
import type { Command } from '../../src/cli/command';
import { runCli } from '../../src/cli/main';
import { sandbox, tempDir, uniqueService, clearService, type Sandbox } from '../support/fixtures';
import { privatePkcs8Pem } from '../../src/core/keys/rsa';
import { pooledKey } from '../support/keyPool';
import { putFormat1 } from '../support/legacyVault';

// Single-point bugs an independent mutation check found surviving the suite
// (issue 12), each with the test that now catches it.

/** A keychain that fails the Nth write or delete, as a keychain that stops half way would. */
class FailingStore implements SecretStore {
  sets = 0;
  deletes = 0;
  constructor(
    private readonly inner: SecretStore,
    private readonly failSet = Infinity,
    private readonly failDelete = Infinity,
  ) {}
  get(account: string) {
    return this.inner.get(account);
  }
  accounts() {
    return this.inner.accounts();
  }
  async set(account: string, secret: string) {
    if (++this.sets === this.failSet) throw new Error('keychain stopped');
    return this.inner.set(account, secret);
  }
  async delete(account: string) {
    if (++this.deletes === this.failDelete) throw new Error('keychain stopped');
    return this.inner.delete(account);
  }
}

describe('the vault when the keychain fails part-way', () => {
  const service = uniqueService();
  afterAll(() => clearService(service));

  it('a write that fails leaves no readable or listed secret', async () => {
    const vault = new Vault(new FailingStore(new KeytarStore(service), 1));
    await expect(vault.put('half', privatePkcs8Pem(await pooledKey()))).rejects.toThrow('keychain stopped');
    expect(await vault.get('half')).toBeNull();
    expect((await new Vault(new KeytarStore(service)).inventory()).complete).not.toContain('half');
  });

  it('a format 1 delete that fails after the manifest leaves no half secret to read', async () => {
    const store = new KeytarStore(service);
    await putFormat1(store, 'gone', privatePkcs8Pem(await pooledKey()), 500);
    await expect(new Vault(new FailingStore(store, Infinity, 2)).delete('gone')).rejects.toThrow('keychain stopped');
    // The manifest went first, so the secret reads as absent (and the chunks as a leftover), never as a key.
    const whole = new Vault(store);
    expect(await whole.get('gone')).toBeNull();
    expect((await whole.inventory()).partial).toContain('gone');
  });

  it('a migration whose item write fails puts the manifest back: the format 1 secret stays whole', async () => {
    const store = new KeytarStore(service);
    const secret = privatePkcs8Pem(await pooledKey());
    await putFormat1(store, 'kept', secret);
    await expect(new Vault(new FailingStore(store, 1)).migrate('kept')).rejects.toThrow('keychain stopped');
    expect(await new Vault(store).get('kept')).toBe(secret);
    expect(await new Vault(store).oldForm()).toMatchObject({ chunked: expect.arrayContaining(['kept']) });
  });
});

describe('the core’s clean-ups and limits', () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await sandbox();
  });
  afterAll(() => box.cleanup());

  it('takes a fresh secret back out of the keychain when the list then refuses its entry', async () => {
    // Both pass the label check before either lists its key; the second is refused by the list.
    const results = await Promise.allSettled([
      box.keys.generate({ label: 'twin' }),
      box.keys.generate({ label: 'twin' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const listed = (await box.keys.list()).filter((key) => key.label === 'twin');
    expect(listed).toHaveLength(1);
    const accounts = (await keytar.findCredentials(box.service))
      .map((c) => c.account)
      .filter((a) => !a.includes('#chunk-'));
    expect(accounts).toEqual([listed[0]!.id]);
    expect(await box.keys.reconcile()).toEqual([]);
  });

  it('refuses a 3072-bit key: JaaS wants 4096', async () => {
    const dir = await tempDir();
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '3072', '-m', 'PEM', '-N', '', '-f', join(dir, 'k')]);
    await expect(box.keys.importKey(await readFile(join(dir, 'k'), 'utf8'), { label: 'short' })).rejects.toMatchObject({
      code: 'weak_key',
      message: expect.stringMatching(/3072-bit/),
    });
  });

  it('redacts every private key block in a log line, not just the first', () => {
    const block = (n: number) => `-----BEGIN PRIVATE KEY-----\nMII${n}SECRET\n-----END PRIVATE KEY-----`;
    const text = redactForLog(
      new Error(
        `one ${block(1)} two ${block(2)} three -----BEGIN RSA PRIVATE KEY-----\nMII3\n-----END RSA PRIVATE KEY-----`,
      ),
    );
    expect(text).not.toMatch(/SECRET|MII3/);
    expect(text.match(/\[private key removed\]/g)).toHaveLength(3);
  });

  it.runIf(process.platform === 'linux')(
    'writes the key list through a temporary file, fsync and rename, then syncs the folder (strace as oracle)',
    async () => {
      const strace = spawnSync(
        'strace',
        [
          '-f',
          '-qq',
          '-e',
          'trace=openat,fsync,fdatasync,rename,renameat,renameat2',
          process.execPath,
          join(process.cwd(), 'bin', 'jaas-keys.js'),
          'rename',
          'twin',
          'twin renamed',
        ],
        { env: { ...process.env, JAAS_KEYS_DATA_DIR: box.dataDir, JAAS_KEYS_SERVICE: box.service }, encoding: 'utf8' },
      );
      expect(strace.status).toBe(0);
      const calls = strace.stderr.split('\n').filter((line) => /keys\.json|fsync|rename/.test(line));
      const temp = calls.findIndex((line) =>
        /openat\(.*\.keys\.json\.[0-9a-f]+\.tmp", O_WRONLY\|O_CREAT\|O_EXCL/.test(line),
      );
      const renamed = calls.findIndex((line) => /rename.*\.keys\.json\.[0-9a-f]+\.tmp", .*keys\.json"/.test(line));
      expect(temp, strace.stderr.slice(-2000)).toBeGreaterThan(-1);
      expect(renamed).toBeGreaterThan(temp);
      const syncs = calls.map((line, index) => (/fsync\(/.test(line) ? index : -1)).filter((index) => index !== -1);
      expect(syncs.some((index) => index > temp && index < renamed)).toBe(true); // the file, before the rename
      expect(syncs.some((index) => index > renamed)).toBe(true); // the folder, after it
      expect(calls.some((line) => /openat\(.*\/keys\.json", O_WRONLY/.test(line))).toBe(false); // never written in place
    },
  );
});

describe('jaas-keys exits and logs as promised', () => {
  it('exits 1 on an unexpected error and, with JAAS_KEYS_DEBUG, prints its stack with private keys cut out', async () => {
    const explode: Command = {
      name: 'explode-for-test',
      summary: 'fails',
      options: {},
      positionals: [],
      examples: [],
      run: async () => {
        throw new Error('boom -----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY-----');
      },
    };
    const err: string[] = [];
    const io = {
      out: () => undefined,
      err: (text: string) => err.push(text),
      stdin: process.stdin,
      env: { ...process.env, JAAS_KEYS_DATA_DIR: await tempDir(), JAAS_KEYS_DEBUG: '1' },
    };
    expect(await runCli(['explode-for-test'], io, new Map([['explode-for-test', explode]]))).toBe(1);
    expect(err[0]).toMatch(/something unexpected went wrong/);
    expect(err.join('\n')).toContain('boom');
    expect(err.join('\n')).not.toContain('MIIsecret');
    expect(err.join('\n')).toContain('[private key removed]');
  });

  it('runs list without the keychain module, and says what to do when a command needs it', async () => {
    // A copy of the built command with node_modules that lack keytar: keytar must load only when needed.
    const dir = await tempDir();
    await mkdir(join(dir, 'out'), { recursive: true });
    await cp(join(process.cwd(), 'out', 'cli'), join(dir, 'out', 'cli'), { recursive: true });
    await cp(join(process.cwd(), 'bin'), join(dir, 'bin'), { recursive: true });
    await mkdir(join(dir, 'node_modules'));
    await writeFile(join(dir, 'package.json'), '{"type":"module"}');
    await symlink('/nonexistent', join(dir, 'node_modules', 'keytar'));
    const env = { ...process.env, JAAS_KEYS_DATA_DIR: await tempDir(), NODE_PATH: '' };
    const list = spawnSync(process.execPath, [join(dir, 'bin', 'jaas-keys.js'), 'list'], {
      env,
      encoding: 'utf8',
      cwd: dir,
    });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('No keys yet');
    const made = spawnSync(process.execPath, [join(dir, 'bin', 'jaas-keys.js'), 'new', '--label', 'x'], {
      env,
      encoding: 'utf8',
      cwd: dir,
    });
    expect(made.status).toBe(1);
    expect(made.stderr).toMatch(/keychain module \(keytar\) is not built/);
  });
});
