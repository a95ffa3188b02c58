import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StrengthResult } from './strengthCheck';

// The main thread's side of the strength check in a worker (strengthWorker.ts). The
// builds put the worker beside their bundle: out/cli/strengthWorker.mjs for the command,
// out/main/strengthWorker.js for the app. The thread keeps a process alive only while a
// check is pending, so a command still exits when it is done.

const NAMES = ['strengthWorker.mjs', 'strengthWorker.js'];

type Pending = { resolve: (result: StrengthResult) => void; reject: (error: Error) => void };

export class StrengthWorker {
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private failed: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (answer: { id: number; result?: StrengthResult; error?: string }) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if (answer.result) waiting?.resolve(answer.result);
      else waiting?.reject(new Error(answer.error ?? 'the strength check failed'));
    });
    // A worker that cannot start (its file damaged, a module missing) fails every check: the caller falls back.
    const fail = (error: Error) => {
      this.failed = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the strength check's thread ended (${code})`)));
  }

  /** The worker built beside the module at `moduleUrl` (or in the folder above, for a chunk); null when there is none. */
  static beside(moduleUrl: string): StrengthWorker | null {
    if (!moduleUrl.startsWith('file:')) return null;
    const here = dirname(fileURLToPath(moduleUrl));
    for (const folder of [here, dirname(here)])
      for (const name of NAMES) {
        const path = join(folder, name);
        if (!existsSync(path)) continue;
        try {
          return StrengthWorker.at(path);
        } catch {
          return null; // a worker that cannot start here (inside an archive, say): the check runs inline
        }
      }
    return null;
  }

  /** A worker running the file at `path` (the tests name the built one). */
  static at(path: string): StrengthWorker {
    return new StrengthWorker(new Worker(path));
  }

  check(text: string): Promise<StrengthResult> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, text });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
