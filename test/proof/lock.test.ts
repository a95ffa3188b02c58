import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../../src/core/files/lock';
import { tempDir } from '../support/fixtures';

const LOCK_MODULE = join(process.cwd(), 'src', 'core', 'files', 'lock.ts');
const HOLDER = join(process.cwd(), 'test', 'proof', 'lockHolder.mjs');

function holder(lockPath: string, journal: string, holdMs: number, rounds = 1) {
  return spawn(
    process.execPath,
    ['--import', 'tsx', HOLDER, LOCK_MODULE, lockPath, journal, String(holdMs), String(rounds)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** The journal's enter/leave lines never overlap: one holder at a time. */
function assertExclusive(journal: string): number {
  let inside: string | null = null;
  let entries = 0;
  for (const line of journal.trim().split('\n')) {
    const [what, pid] = line.split(' ');
    if (what === 'enter') {
      expect(inside, `pid ${pid} entered while ${inside} held the lock`).toBeNull();
      inside = pid!;
      entries++;
    } else {
      expect(inside).toBe(pid);
      inside = null;
    }
  }
  return entries;
}

describe('the cross-process lock', () => {
  it('takes over at once a lock whose holder was killed with SIGKILL', async () => {
    const dir = await tempDir();
    const lockPath = join(dir, 'keys.json.lock');
    const child = holder(lockPath, join(dir, 'journal'), 60_000);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect((await readFile(lockPath, 'utf8')).split(' ')[0]).toBe(String(child.pid));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const started = performance.now();
    expect(await withFileLock(lockPath, async () => 'mine')).toBe('mine');
    // Far below the 10 s a waiter gives up after: the dead owner was noticed, not waited out.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('leaves alone a lock a live process holds, and says so after waiting', async () => {
    const dir = await tempDir();
    const lockPath = join(dir, 'keys.json.lock');
    await writeFile(lockPath, String(process.ppid));
    await expect(withFileLock(lockPath, async () => 'never')).rejects.toMatchObject({ code: 'catalog_busy' });
    expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(process.ppid));
  });

  it('keeps one holder at a time when many processes take over the same dead owner’s lock', async () => {
    const dir = await tempDir();
    const lockPath = join(dir, 'keys.json.lock');
    const journal = join(dir, 'journal');
    // A dead owner: a pid from a process that has exited.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('exit', resolve));
    await writeFile(lockPath, String(gone.pid));
    await writeFile(journal, '');
    const children = Array.from({ length: 6 }, () => holder(lockPath, journal, 15, 5));
    await Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve))));
    expect(children.map((child) => child.exitCode)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(assertExclusive(await readFile(journal, 'utf8'))).toBe(30);
  });
});
