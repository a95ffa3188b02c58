import { useCallback, useState } from 'react';
import type { ErrorValue, Result } from '../../../shared/errors';

/**
 * Runs one back-end call at a time for a piece of UI: tracks busy state and the
 * last error, and hands a successful value to the caller. A cancelled dialog is
 * not an error worth showing.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const run = useCallback(async <T>(work: () => Promise<Result<T>>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const result = await work();
      if (result.ok) return result.value;
      if (result.error.code !== 'cancelled') setError(result.error);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
