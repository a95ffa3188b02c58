/**
 * Whether a process of this id runs on this machine: signal 0 asks without sending
 * anything (EPERM: it runs, as another user). Used to tell a lock, a key folder or a
 * write mark left by a killed process from one whose owner is still at work.
 */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
