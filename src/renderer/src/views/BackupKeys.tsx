import { useEffect, useState, type FormEvent } from 'react';
import type { PassphraseStrength } from '../../../shared/backup';
import type { Result } from '../../../shared/errors';
import type { KeyRecord } from '../../../shared/keys';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

const STRENGTH_WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

/** The estimator's verdict on what is typed, a moment after typing stops. */
function useLiveCheck<T>(value: string, check: (value: string) => Promise<Result<T>>): T | null {
  const [result, setResult] = useState<T | null>(null);
  useEffect(() => {
    if (value === '') return setResult(null);
    let current = true;
    const timer = setTimeout(() => {
      void check(value).then((answer) => current && setResult(answer.ok ? answer.value : null));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps
  return result;
}

/** Back up keys to an encrypted age file: to a passphrase, or to another computer's age recipient. */
export function BackupKeys({
  keys,
  onDone,
  onCancel,
}: {
  keys: readonly KeyRecord[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const liveKeys = keys.filter((key) => key.status !== 'trashed');
  const [selected, setSelected] = useState<Set<string>>(() => new Set(liveKeys.map((key) => key.id)));
  const [mode, setMode] = useState<'passphrase' | 'recipient'>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [recipient, setRecipient] = useState('');
  const act = useAction();
  const strength = useLiveCheck<PassphraseStrength>(passphrase, (text) =>
    call('passphraseStrength', { passphrase: text }),
  );
  const recipientCheck = useLiveCheck<{ ok: boolean; problem: string | null }>(recipient.trim(), (text) =>
    call('checkRecipient', { recipient: text }),
  );

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const ready =
    selected.size > 0 &&
    (mode === 'passphrase' ? strength?.ok === true && passphrase === again : recipientCheck?.ok === true);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const lock = mode === 'passphrase' ? { passphrase } : { recipients: [recipient.trim()] };
    const ids = selected.size === liveKeys.length ? [] : [...selected];
    const saved = await act.run(() => call('backupKeys', { ids, lock, includeTrash: false }));
    if (saved)
      onDone(
        `Backed up ${saved.count} key${saved.count === 1 ? '' : 's'} to ${saved.path}, encrypted${mode === 'passphrase' ? ' with your passphrase' : ' to the other computer'}. Keep it somewhere other than this computer.`,
      );
  }

  return (
    <form className="backup" onSubmit={submit} aria-labelledby="backup-title">
      <h1 id="backup-title">Back up keys</h1>
      <p className="muted">
        An encrypted age file holding the chosen private keys, their Key IDs and history. It opens with this app on any
        computer, or with the <code>age</code> command and openssl without it.
      </p>
      <fieldset>
        <legend>Keys</legend>
        {liveKeys.map((key) => (
          <label key={key.id} className="checkbox">
            <input type="checkbox" checked={selected.has(key.id)} onChange={() => toggle(key.id)} /> {key.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="segmented">
        <legend>Encrypt</legend>
        <label>
          <input type="radio" name="lock" checked={mode === 'passphrase'} onChange={() => setMode('passphrase')} /> With
          a passphrase
        </label>
        <label>
          <input type="radio" name="lock" checked={mode === 'recipient'} onChange={() => setMode('recipient')} /> To
          another computer
        </label>
      </fieldset>
      {mode === 'passphrase' ? (
        <>
          <label htmlFor="backup-passphrase">Passphrase</label>
          <input
            id="backup-passphrase"
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            aria-describedby="backup-strength"
          />
          <div id="backup-strength" className="strength" aria-live="polite">
            <meter
              min={0}
              max={4}
              low={2}
              high={3}
              optimum={4}
              value={strength?.score ?? 0}
              aria-label="Passphrase strength"
            />
            <span>
              {strength
                ? `${STRENGTH_WORDS[strength.score]}${strength.ok ? '' : ': too weak for a backup'}`
                : 'Four or five random words make a strong passphrase.'}
            </span>
            {strength && !strength.ok && (
              <p className="field-hint problem">
                {[strength.warning, ...strength.suggestions].filter(Boolean).join(' ')}
              </p>
            )}
          </div>
          <label htmlFor="backup-again">The same passphrase again</label>
          <input
            id="backup-again"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(event) => setAgain(event.target.value)}
            aria-invalid={again !== '' && again !== passphrase}
          />
          {again !== '' && again !== passphrase && <p className="field-hint problem">The two passphrases differ.</p>}
        </>
      ) : (
        <>
          <label htmlFor="backup-recipient">The other computer’s age recipient</label>
          <input
            id="backup-recipient"
            className="mono"
            value={recipient}
            onChange={(event) => setRecipient(event.target.value)}
            placeholder="age1…"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={recipientCheck?.ok === false}
            aria-describedby="backup-recipient-hint"
          />
          <p
            id="backup-recipient-hint"
            className={`field-hint ${recipientCheck?.ok === false ? 'problem' : recipientCheck?.ok ? 'ok' : ''}`}
            aria-live="polite"
          >
            {recipientCheck?.ok === false
              ? recipientCheck.problem
              : recipientCheck?.ok
                ? 'A valid age recipient.'
                : 'On the new computer: Restore…, then “Show this computer’s recipient” (or run jaas-keys recipient there).'}
          </p>
        </>
      )}
      {act.error && <ErrorNotice error={act.error} onDismiss={() => act.setError(null)} />}
      <div className="row">
        <button type="submit" className="primary" disabled={!ready || act.busy}>
          {act.busy ? 'Encrypting…' : 'Save backup…'}
        </button>
        <button type="button" className="quiet" onClick={onCancel} disabled={act.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
