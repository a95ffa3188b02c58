// Backups as both sides see them. Never holds private material: the page sees
// neither the backup file nor its plaintext, only what a restore would do.

export type RestoreOutcome = 'restored' | 'already-here' | 'refused';

export interface RestoreItem {
  id: string;
  label: string;
  fingerprint: string;
  outcome: RestoreOutcome;
  /** The label it is (or would be) stored under, when that differs from the backup's. */
  restoredAs: string | null;
  /** Why, for every outcome but a plain restore. */
  reason: string | null;
}

export interface PassphraseStrength {
  /** 0 (guessable in seconds) to 4 (beyond any offline attack). */
  score: number;
  ok: boolean;
  /** Why it is weak, in a sentence, or null. */
  warning: string | null;
  suggestions: string[];
}
