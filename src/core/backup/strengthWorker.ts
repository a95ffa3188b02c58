import { parentPort } from 'node:worker_threads';
import { loadChecker } from './strengthCheck';

// The worker thread's side of the strength check (strengthWorkerClient.ts starts it): it
// answers each { id, text } with zxcvbn's score and feedback, one at a time, in order.

parentPort?.on('message', (request: { id: number; text: string }) => {
  void loadChecker()
    .then((checker) => checker(request.text))
    .then(
      (result) => parentPort?.postMessage({ id: request.id, result }),
      (error: unknown) => parentPort?.postMessage({ id: request.id, error: String(error) }),
    );
});
