import type { KeyStatus } from './keys';

// What `check-key` and the window's "Check a key" say about a private key as it
// arrived somewhere (a file, an environment value, a secret field). The report
// names what is wrong and how to fix it, and never holds key material.

/** The runtimes of 8x8's token samples, each reading a key the way its sample does (docs/cli.md). */
export const KEY_RUNTIMES = ['node', 'python', 'java', 'go', 'php', 'ruby', 'dotnet'] as const;
export type KeyRuntime = (typeof KEY_RUNTIMES)[number];

export const RUNTIME_NAMES: Record<KeyRuntime, string> = {
  node: 'Node (jsonwebtoken)',
  python: 'Python (PyJWT)',
  java: 'Java (KeyFactory)',
  go: 'Go (crypto/x509)',
  php: 'PHP (openssl)',
  ruby: 'Ruby (OpenSSL)',
  dotnet: '.NET (ImportFromPem)',
};

/** Every way a key is found mangled or wrong, in the order a repair undoes them. */
export const KEY_PROBLEMS = [
  'utf16', // saved as UTF-16 (PowerShell 5's `>`)
  'bom', // a byte order mark before the text
  'assignment', // `JAAS_PRIVATE_KEY=` pasted with the value
  'quotes', // surrounding quotes kept as part of the value
  'literal-newlines', // `\n` as two characters instead of line breaks
  'crlf', // Windows line ends
  'base64-pem', // the whole PEM in base64
  'extra-text', // text before or after the PEM block
  'newlines-lost', // the PEM on one line
  'indented', // lines with leading spaces (YAML, a heredoc)
  'no-header', // base64 without the BEGIN and END lines
  'broken-header', // BEGIN or END lines missing, cut or misspelt
  'wrong-label', // a BEGIN line that names another kind of key
  'damaged', // not base64, or not a key once decoded
  'openssh', // an OpenSSH private key, which JWT libraries do not read
  'public-key', // a public key where a private key is needed
  'encrypted', // protected by a passphrase, which servers do not give
  'not-rsa',
  'wrong-size', // not 4096 bits
  'pkcs1-needs-pkcs8', // PKCS#1 where the runtime reads only PKCS#8
] as const;
export type KeyProblemId = (typeof KEY_PROBLEMS)[number];

export interface KeyProblem {
  id: KeyProblemId;
  /** An error stops the key loading (or being right for JaaS); a warning does not, here. */
  severity: 'error' | 'warning';
  message: string;
  fix: string;
}

export interface KeyCheckReport {
  /** Loads as it is in the runtime named (every OpenSSL reader when none is), and is a JaaS key. */
  ok: boolean;
  runtime: KeyRuntime | null;
  /** Whether the text loads as it is in the runtime named (in OpenSSL when none is). */
  loadsAsIs: boolean;
  /** Whether the text loads, byte for byte, in each runtime's reader. */
  readers: { runtime: KeyRuntime; loads: boolean }[];
  key: {
    kind: 'private' | 'public' | 'encrypted' | 'unknown';
    /** e.g. "PKCS#8 PEM"; null when nothing was recognised. */
    format: string | null;
    bits: number | null;
    /** `SHA256:…` as ssh-keygen prints it; public, so safe to show. */
    fingerprint: string | null;
  };
  problems: KeyProblem[];
  /** The key stored here with the same public key, if any. */
  stored: { id: string; label: string; status: KeyStatus; message: string; severity: 'info' | 'warning' } | null;
  /** A private JaaS key was recovered: a repaired copy (PKCS#8 PEM) can be written. */
  repairable: boolean;
}
