import { useState } from 'react';
import type { Result } from '../../../shared/errors';
import type { ErrorValue } from '../../../shared/errors';

interface Props {
  label: string;
  copy: () => Promise<Result<unknown>>;
  onError: (error: ErrorValue) => void;
  className?: string;
}

/** A copy button that says "Copied" for a moment, announced to screen readers by its own live text. */
export function CopyButton({ label, copy, onError, className }: Props) {
  const [copied, setCopied] = useState(false);
  async function click() {
    const result = await copy();
    if (!result.ok) return onError(result.error);
    setCopied(true);
    setTimeout(() => setCopied(false), 1800);
  }
  return (
    <button type="button" className={className} onClick={click} aria-live="polite">
      {copied ? 'Copied ✓' : label}
    </button>
  );
}
