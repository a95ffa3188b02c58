import { spawn, spawnSync } from 'node:child_process';
import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeIfStill, SerialQueue, withFileLock } from '../../src/core/files/lock';
import { tempDir } from '../support/fixtures';

// The cross-process lock, in this process: which lock files are taken over and
// which are respected. (test/proof/lock.test.ts kills real holders with SIGKILL.)

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const living = spawn('sleep', ['600']);
afterAll(() => living.kill());

describe('withFileLock', () => {
  let dir: string;
  let lock: string;
  beforeEach(async () => {
    dir = await tempDir();
    lock = join(dir, 'keys.json.lock');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** What the lock file says while the work runs, or why the lock was not had. */
  /** The owner the lock file names while the work runs (its pid; a random token follows it), or why the lock was not had. */
  const holderDuringWork = () =>
    withFileLock(lock, async () => {
      const text = await readFile(lock, 'utf8');
      expect(text).toMatch(/^\d+ [0-9a-f]{16}$/);
      return text.split(' ')[0]!;
    }).catch((error: { code?: string }) => `refused: ${error.code}`);

  it('writes its own pid while it works, and removes the file after, also when the work fails', async () => {
    expect(await holderDuringWork()).toBe(String(process.pid));
    await expect(readFile(lock)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(
      withFileLock(lock, async () => {
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    await expect(readFile(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock whose owner is dead, or whose pid is no pid at all', async () => {
    for (const owner of [String(deadPid()), 'abc', '-4', '0', '1.5']) {
      await writeFile(lock, owner);
      expect(await holderDuringWork(), owner).toBe(String(process.pid));
    }
  });

  it('takes over a lock left empty for more than two seconds, and one older than thirty whatever its owner', async () => {
    const past = (seconds: number) => new Date(Date.now() - seconds * 1000);
    await writeFile(lock, '');
    await utimes(lock, past(3), past(3));
    expect(await holderDuringWork()).toBe(String(process.pid));
    await writeFile(lock, String(living.pid));
    await utimes(lock, past(31), past(31));
    expect(await holderDuringWork()).toBe(String(process.pid));
  });

  /** Starts waiting for the lock, and after `ms` says whether it was had meanwhile. */
  async function stillWaitingAfter(ms: number): Promise<{ waiting: boolean; outcome: Promise<string> }> {
    let settled = false;
    const outcome = holderDuringWork().finally(() => void (settled = true));
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { waiting: !settled, outcome };
  }

  it('respects the lock of a living owner and of one being made this instant (empty, new), and takes it once released', async () => {
    for (const owner of [String(living.pid), String(process.pid), '']) {
      await writeFile(lock, owner);
      const { waiting, outcome } = await stillWaitingAfter(400);
      expect(waiting, `owner "${owner}"`).toBe(true);
      expect(await readFile(lock, 'utf8')).toBe(owner);
      await rm(lock);
      expect(await outcome).toBe(String(process.pid));
    }
  });

  it('gives up after ten seconds with a message that names the lock, and leaves the owner its lock', async () => {
    await writeFile(lock, String(living.pid));
    const started = Date.now();
    await expect(withFileLock(lock, async () => 'ran')).rejects.toMatchObject({
      code: 'catalog_busy',
      message: `Another JaaS Key Manager process is busy with the keys (lock file ${lock}). Retry in a moment.`,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(await readFile(lock, 'utf8')).toBe(String(living.pid));
  }, 20_000);

  it('removes only the lock it judged: one made meanwhile at the same path is put back', async () => {
    const judged = `${deadPid()} 0123456789abcdef`;
    await writeFile(lock, judged);
    expect(await removeIfStill(lock, judged)).toBe(true);
    await expect(readFile(lock)).rejects.toMatchObject({ code: 'ENOENT' });
    // The judged owner released it and another process took the path before the removal.
    const fresh = `${process.pid} fedcba9876543210`;
    await writeFile(lock, fresh);
    expect(await removeIfStill(lock, judged)).toBe(false);
    expect(await readFile(lock, 'utf8')).toBe(fresh);
    // An empty lock judged old, and a new one that is empty because it is being made this instant.
    await writeFile(lock, '');
    expect(await removeIfStill(lock, '')).toBe(false);
    expect(await readFile(lock, 'utf8')).toBe('');
    expect(await removeIfStill(join(dir, 'gone.lock'), judged)).toBe(false);
    expect(await readdir(dir)).toEqual(['keys.json.lock']);
  });

  it('removes a takeover marker that a killed process left', async () => {
    await writeFile(lock, String(deadPid()));
    await writeFile(`${lock}.takeover`, String(deadPid()));
    await utimes(`${lock}.takeover`, new Date(Date.now() - 6000), new Date(Date.now() - 6000));
    expect(await holderDuringWork()).toBe(String(process.pid));
    await expect(readFile(`${lock}.takeover`)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('SerialQueue', () => {
  it('runs one piece of work at a time, in order, and goes on after one fails', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const step = (name: string, fail = false) =>
      queue.run(async () => {
        events.push(`start ${name}`);
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
