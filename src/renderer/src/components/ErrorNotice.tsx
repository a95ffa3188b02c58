import type { ErrorValue } from '../../../shared/errors';
import { errorText } from '../lib/errorText';

interface Props {
  error: ErrorValue;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** An error the person can act on: what happened, what to do, and the back end's exact words. */
export function ErrorNotice({ error, onRetry, onDismiss }: Props) {
  const text = errorText(error);
  return (
    <div className="notice notice-error" role="alert" data-code={error.code}>
      <div>
        <strong>{text.title}.</strong> {text.action}
        {error.message && error.message !== text.action && <p className="notice-detail">{error.message}</p>}
      </div>
      <div className="notice-actions">
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
        {onDismiss && (
          <button type="button" className="quiet" onClick={onDismiss} aria-label="Dismiss this message">
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}
