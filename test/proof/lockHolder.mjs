// A process that takes a lock the way the app does and holds it: for the lock
// tests to kill with SIGKILL, or to run many at once and record who held it when.
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const [lockModule, lockPath, journal, holdMs, rounds] = process.argv.slice(2);
const { withFileLock } = await import(lockModule);
for (let round = 0; round < Number(rounds ?? 1); round++) {
  await withFileLock(lockPath, async () => {
    appendFileSync(journal, `enter ${process.pid}\n`);
    process.stdout.write('holding\n');
    await sleep(Number(holdMs));
    appendFileSync(journal, `leave ${process.pid}\n`);
  });
}
