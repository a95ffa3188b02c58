import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { loadChecker } from './strengthCheck';
import { STRENGTH_DATA_FILE } from './strengthData';

// The worker thread's side of the strength check (strengthWorkerClient.ts starts it): it
// answers each { id, text } with zxcvbn's score and feedback, one at a time, in order. Its
// data is the JSON file the build wrote beside it (strengthData.ts), when there is one.

const dataFile = import.meta.url.startsWith('file:')
  ? fileURLToPath(new URL(STRENGTH_DATA_FILE, import.meta.url))
  : undefined;

parentPort?.on('message', (request: { id: number; text: string }) => {
  void loadChecker(dataFile)
    .then((checker) => checker(request.text))
    .then(
      (result) => parentPort?.postMessage({ id: request.id, result }),
      (error: unknown) => parentPort?.postMessage({ id: request.id, error: String(error) }),
    );
});
