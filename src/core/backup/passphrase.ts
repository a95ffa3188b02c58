// How strong a backup passphrase is, by zxcvbn (Dropbox's estimator, as kept by
// zxcvbn-ts): it knows common passwords, names, keyboard walks, dates and l33t,
// which a length rule does not. Loaded only when a passphrase is checked, and run
// in a worker thread: its l33t matcher takes 0.1 s for 16 random characters and
// 4 s for 256, which on Electron's main thread would freeze the window.
import type { PassphraseStrength } from '../../shared/backup';
import type { StrengthResult } from './strengthCheck';
import { StrengthWorker } from './strengthWorkerClient';

/** A backup can leak, so its passphrase must resist an offline attack: zxcvbn's score 3 or more. */
export const MIN_PASSPHRASE_SCORE = 3;
/** Longer than anyone types; zxcvbn's run time grows with the length. */
const MAX_CHECKED_LENGTH = 256;

let worker: StrengthWorker | null | undefined;

/** The checker: off the main thread when the worker file was built beside this code, inline otherwise. */
function check(text: string): Promise<StrengthResult> {
  // Looked for once: null (no worker file here) is an answer too, so `??=` would look again each time.
  if (worker === undefined) worker = StrengthWorker.beside(import.meta.url);
  return worker ? worker.check(text).catch(() => inline(text)) : inline(text);
}

/**
 * Runs the checks in this worker from now on. For the benchmark and the tests, which run
 * the TypeScript sources, where no worker file is built beside this module: they hand it
 * the built one, so the event loop is measured as the command and the app run.
 */
export function useStrengthWorker(next: StrengthWorker): void {
  worker = next;
}

async function inline(text: string): Promise<StrengthResult> {
  const { loadChecker } = await import('./strengthCheck');
  return (await loadChecker())(text);
}

export async function passphraseStrength(passphrase: string): Promise<PassphraseStrength> {
  if (passphrase.length === 0) return { score: 0, ok: false, warning: 'The passphrase is empty.', suggestions: [] };
  const result = await check(passphrase.slice(0, MAX_CHECKED_LENGTH));
  const ok = result.score >= MIN_PASSPHRASE_SCORE;
  const warning =
    result.feedback.warning ??
    (ok ? null : 'This passphrase could be guessed by a computer trying many passwords per second.');
  const suggestions =
    result.feedback.suggestions.length || ok
      ? result.feedback.suggestions
      : ['Use four or five random words, or more characters.'];
  return { score: result.score, ok, warning, suggestions };
}
