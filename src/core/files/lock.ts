import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreError } from '../errors';
import { processAlive } from './processAlive';

/** A lock whose owner is gone but whose pid cannot be checked (another machine, say) is old after this long. */
const STALE_AFTER_MS = 30_000;
const WAIT_FOR_MS = 10_000;
/** Taking over a dead owner's lock is itself done by one process at a time; its own marker is stale quickly. */
const TAKEOVER_STALE_MS = 5_000;

async function createExclusive(path: string, content: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(content);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

/** What a lock file holds: its owner's pid and a random token, so no two locks read the same. */
const lockText = () => `${process.pid} ${randomBytes(8).toString('hex')}`;
const ageOf = (path: string) =>
  stat(path).then(
    (s) => Date.now() - s.mtimeMs,
    () => 0,
  );

/**
 * Removes the lock at `lockPath` only if it is still the one that was judged abandoned
 * (`judged`, its text). Between that judgement and now its owner may have released it and
 * another process made a new lock at the same path; a plain rm would remove that live lock
 * and let two processes in. So the file is moved aside first (atomic), read, and put back
 * if it is not the judged one. Returns whether the judged lock was removed.
 */
export async function removeIfStill(lockPath: string, judged: string): Promise<boolean> {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return false; // released meanwhile
  }
  const moved = (await readFile(aside, 'utf8').catch(() => '')).trim();
  // An empty lock is judged by its age; a lock made this instant is empty too, but new.
  const same = moved === judged && (judged !== '' || (await ageOf(aside)) > 2000);
  if (!same) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
  return same;
}

/**
 * Removes the lock if its owner is dead (killed, crashed) or it is very old. Two
 * processes may find the same dead owner at once: they take turns through a
 * takeover marker, and each reads the owner again inside it; and the removal
 * itself takes only the lock that was judged (removeIfStill).
 */
async function takeOverIfAbandoned(lockPath: string): Promise<void> {
  const marker = `${lockPath}.takeover`;
  if (!(await createExclusive(marker, String(process.pid)))) {
    if ((await ageOf(marker)) > TAKEOVER_STALE_MS) await rm(marker, { force: true });
    return;
  }
  try {
    const text = (await readFile(lockPath, 'utf8').catch(() => null))?.trim();
    if (text === undefined) return; // released meanwhile
    const age = await ageOf(lockPath);
    // An empty file is a lock being made this instant, or one whose owner was killed
    // between creating and writing it: only the second is still empty a while later.
    const abandoned = text === '' ? age > 2000 : !processAlive(Number(text.split(' ')[0]));
    if (abandoned || age > STALE_AFTER_MS) await removeIfStill(lockPath, text);
  } finally {
    await rm(marker, { force: true });
  }
}

/**
 * Serialises catalog and keychain changes across processes (the app and
 * `jaas-keys` share the folder). The lock file holds its owner's pid; a lock left
 * by a process that no longer runs is taken over at once.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  await mkdir(dirname(lockPath), { recursive: true });
  const deadline = Date.now() + WAIT_FOR_MS;
  let checked = 0;
  while (!(await createExclusive(lockPath, lockText()))) {
    // Checking the owner costs a read; once every 100 ms is enough.
    if (Date.now() - checked > 100) {
      checked = Date.now();
      await takeOverIfAbandoned(lockPath);
      continue;
    }
    if (Date.now() > deadline) {
      throw new CoreError(
        'catalog_busy',
        `Another JaaS Key Manager process is busy with the keys (lock file ${lockPath}). Retry in a moment.`,
      );
    }
    await sleep(25);
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

/** Serialises async work inside one process: each call starts after the previous one settles. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
