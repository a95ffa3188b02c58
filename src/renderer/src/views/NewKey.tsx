import { useEffect, useState, type FormEvent } from 'react';
import type { KeyRecord } from '../../../shared/keys';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

interface Props {
  onCreated: (key: KeyRecord) => void;
  onCancel: (() => void) | null;
}

function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/** Make a key: a label, an optional AppID, and visible progress while the main process works. */
export function NewKey({ onCreated, onCancel }: Props) {
  const [label, setLabel] = useState('');
  const [appId, setAppId] = useState('');
  const generate = useAction();
  const elapsed = useElapsedSeconds(generate.busy);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const key = await generate.run(() => call('generateKey', { label, appId: appId === '' ? null : appId }));
    if (key) onCreated(key);
  }

  return (
    <form className="new-key" onSubmit={submit} aria-labelledby="new-key-title" aria-busy={generate.busy}>
      <h1 id="new-key-title">New JaaS API key</h1>
      <p className="muted">
        A 4096-bit RSA key, as JaaS requires. The private half goes straight into your OS keychain.
      </p>
      <label htmlFor="new-label">Label</label>
      <input
        id="new-label"
        value={label}
        onChange={(event) => setLabel(event.target.value)}
        placeholder="e.g. production web app"
        maxLength={100}
        autoFocus
        disabled={generate.busy}
        required
      />
      <label htmlFor="new-app-id">
        AppID <span className="muted">(optional: recording the Key ID fills it in)</span>
      </label>
      <input
        id="new-app-id"
        className="mono"
        value={appId}
        onChange={(event) => setAppId(event.target.value)}
        placeholder="vpaas-magic-cookie-…"
        spellCheck={false}
        autoComplete="off"
        disabled={generate.busy}
      />
      {generate.error && <ErrorNotice error={generate.error} onDismiss={() => generate.setError(null)} />}
      {generate.busy && (
        <div className="progress" role="status">
          <div className="progress-bar" aria-hidden="true" />
          <span>
            Generating a 4096-bit RSA key… {elapsed > 0 ? `${elapsed} s` : ''} (this usually takes a few seconds)
          </span>
        </div>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={generate.busy || label.trim() === ''}>
          {generate.busy ? 'Generating…' : 'Generate key'}
        </button>
        {onCancel && (
          <button type="button" className="quiet" onClick={onCancel} disabled={generate.busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
