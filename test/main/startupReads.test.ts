import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WRITE_MARKS_DIR } from '../../src/core/keychain/writeMarks';
import { Vault, type SecretStore } from '../../src/core/keychain/vault';
import { privatePkcs8Pem } from '../../src/core/keys/rsa';
import { KeyManager } from '../../src/core/keyManager';
import { createHandlers } from '../../src/main/ipc/handlers';
import { sandbox, type Sandbox } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { RecordingDesktop } from '../support/recordingDesktop';

// Opening the window reads no secret from the keychain (on macOS each read of an item
// another program made asks for the password), unless a keychain write did not finish.
// The real keychain answers; a wrapper counts what the window asks of it.

class CountingStore implements SecretStore {
  reads = 0;
  listings = 0;
  constructor(private readonly inner: SecretStore) {}
  get(account: string) {
    this.reads++;
    return this.inner.get(account);
  }
  set(account: string, secret: string) {
    return this.inner.set(account, secret);
  }
  delete(account: string) {
    return this.inner.delete(account);
  }
  accounts() {
    this.listings++;
    return this.inner.accounts();
  }
  describe() {
    return this.inner.describe!();
  }
}

/** A window's back end as it opens: a fresh KeyManager on the same folder and keychain, counted. */
function openWindow(box: Sandbox) {
  const store = new CountingStore(box.store);
  const handlers = createHandlers(new KeyManager({ dataDir: box.dataDir, store }), new RecordingDesktop());
  return { store, handlers };
}

/** The pid of a process that has just ended: a mark it left is a mark nobody will take away. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('the keychain at window start', () => {
  let box: Sandbox;
  afterEach(() => box?.cleanup());

  it('reads no secret and lists nothing of the keychain when every write finished', async () => {
    box = await sandbox();
    await box.keys.generate({ label: 'one' });
    const two = await box.keys.generate({ label: 'two' });
    await box.keys.lifecycle.trash(two.id);
    expect(await readdir(join(box.dataDir, WRITE_MARKS_DIR))).toEqual([]);

    const { store, handlers } = openWindow(box);
    const listing = await handlers.listKeys({});
    expect(listing.keys.map((key) => key.label).sort()).toEqual(['one', 'two']);
    expect(listing.findings).toEqual([]);
    expect({ reads: store.reads, listings: store.listings }).toEqual({ reads: 0, listings: 0 });

    // Asked for, the check reads the keychain: the person chose it.
    await handlers.checkKeychain({});
    expect(store.listings).toBeGreaterThan(0);
  });

  it('reconciles at start when a write mark was left, reports what it found, then starts quietly again', async () => {
    box = await sandbox();
    await box.keys.generate({ label: 'listed' });
    // A process stored a secret and was killed before the key list: its mark stays, its secret has no entry.
    const orphan = '00000000000000aa';
    await new Vault(box.store).put(orphan, privatePkcs8Pem(await pooledKey()));
    await mkdir(join(box.dataDir, WRITE_MARKS_DIR), { recursive: true });
    await writeFile(join(box.dataDir, WRITE_MARKS_DIR, `${deadPid()}-0badc0de`), '');

    const first = openWindow(box);
    const listing = await first.handlers.listKeys({});
    expect(listing.findings).toEqual([expect.objectContaining({ kind: 'secret_without_entry', id: orphan })]);
    expect(first.store.listings).toBeGreaterThan(0);
    expect(await readdir(join(box.dataDir, WRITE_MARKS_DIR))).toEqual([]);

    const second = openWindow(box);
    expect((await second.handlers.listKeys({})).findings).toEqual([]);
    expect({ reads: second.store.reads, listings: second.store.listings }).toEqual({ reads: 0, listings: 0 });
  });

  it('leaves a running process’s mark alone: its write is still in flight', async () => {
    box = await sandbox();
    await mkdir(join(box.dataDir, WRITE_MARKS_DIR), { recursive: true });
    await writeFile(join(box.dataDir, WRITE_MARKS_DIR, `${process.ppid}-0badc0de`), '');
    const { store, handlers } = openWindow(box);
    await handlers.listKeys({});
    expect(store.listings).toBe(0);
    expect(await readdir(join(box.dataDir, WRITE_MARKS_DIR))).toEqual([`${process.ppid}-0badc0de`]);
  });
});
