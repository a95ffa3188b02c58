import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** When set, the confirm button stays disabled until the person types one of these (a label, a kid). */
  typeToConfirm?: { prompt: string; accepted: string[] };
  onConfirm: (typed: string) => void;
  onCancel: () => void;
}

/** A modal confirmation on the native <dialog>: focus is trapped, Escape cancels, Cancel has focus first. */
export function ConfirmDialog({ title, children, confirmLabel, danger, typeToConfirm, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputId = useId();
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);
  const ready = !typeToConfirm || typeToConfirm.accepted.includes(typed);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <div className="confirm-body">{children}</div>
      {typeToConfirm && (
        <>
          <label htmlFor={inputId}>{typeToConfirm.prompt}</label>
          <input
            id={inputId}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </>
      )}
      <div className="confirm-actions">
        <button type="button" autoFocus onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          onClick={() => onConfirm(typed)}
          disabled={!ready}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
