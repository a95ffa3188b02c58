import type { ErrorCode, ErrorValue } from '../shared/errors';

/** The one exception type the core throws. Its message is written for people. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  /** The key the error is about, for a face's hint; never part of the message's meaning. */
  readonly keyId: string | undefined;
  constructor(code: ErrorCode, message: string, subject?: { keyId: string }) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.keyId = subject?.keyId;
  }
}

/**
 * Turns anything thrown into an error value. A CoreError keeps its code and
 * message; anything else becomes `internal` with a generic message, because an
 * unexpected exception's text may hold paths, stack frames or worse.
 */
export function toErrorValue(error: unknown): ErrorValue {
  if (error instanceof CoreError)
    return error.keyId === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, keyId: error.keyId };
  return { code: 'internal', message: 'Something unexpected went wrong. Nothing was changed by the failed step.' };
}

const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

/** An unexpected error, as it may be logged: its stack, with anything shaped like a private key cut out. */
export function redactForLog(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.replace(PEM_BLOCK, '[private key removed]');
}
