import type { ErrorValue } from './errors';

// Key metadata as both the back end and the window see it. Never holds private material.

export type KeySource = 'generated' | 'imported' | 'recovered';

export interface KeyRecord {
  id: string;
  label: string;
  appId: string | null;
  kid: string | null;
  /** ISO 8601; null for a key whose creation time is not known (recovered from the keychain). */
  createdAt: string | null;
  kidRecordedAt: string | null;
  bits: number;
  /** `SHA256:…` exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  source: KeySource;
}

export interface KeyDetail extends KeyRecord {
  randomart: string;
  publicPem: string;
}

/** What a reconcile of catalog and keychain found; each names the key id involved. */
export type Finding =
  | { kind: 'secret_without_entry'; id: string; message: string }
  | { kind: 'entry_without_secret'; id: string; label: string; message: string }
  | { kind: 'incomplete_secret'; id: string; message: string };

export interface KeyListing {
  keys: KeyRecord[];
  findings: Finding[];
  /** Set when the keychain could not be checked (locked, missing); the keys are still listed. */
  keychainProblem: ErrorValue | null;
  /** Which keychain holds the private keys, e.g. "Secret Service: GNOME Keyring (gnome-keyring-daemon, pid 812)". */
  keychainName: string | null;
}
