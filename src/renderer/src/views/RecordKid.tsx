import { useEffect, useId, useState, type FormEvent } from 'react';
import type { KeyRecord } from '../../../shared/keys';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

interface Props {
  keyRecord: KeyRecord;
  onRecorded: (key: KeyRecord) => void;
}

type Live = { state: 'idle' } | { state: 'ok' } | { state: 'problem'; text: string };

/** Paste the kid the JaaS console shows; every keystroke is checked and explained, nothing is "fixed". */
export function RecordKid({ keyRecord, onRecorded }: Props) {
  const inputId = useId();
  const hintId = useId();
  const [kid, setKid] = useState('');
  const [live, setLive] = useState<Live>({ state: 'idle' });
  const [editing, setEditing] = useState(keyRecord.kid === null);
  const save = useAction();

  useEffect(() => {
    setEditing(keyRecord.kid === null);
    setKid('');
    setLive({ state: 'idle' });
  }, [keyRecord.id, keyRecord.kid]);

  useEffect(() => {
    if (kid === '') return setLive({ state: 'idle' });
    let current = true;
    const timer = setTimeout(() => {
      void call('checkKid', { id: keyRecord.id, kid }).then((result) => {
        if (!current) return;
        if (!result.ok) setLive({ state: 'problem', text: result.error.message });
        else
          setLive(
            result.value.ok
              ? { state: 'ok' }
              : { state: 'problem', text: result.value.problem ?? 'Not a valid Key ID.' },
          );
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [kid, keyRecord.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const recorded = await save.run(() => call('recordKid', { id: keyRecord.id, kid }));
    if (recorded) onRecorded(recorded);
  }

  if (!editing && keyRecord.kid) {
    return (
      <section className="kid-recorded" aria-labelledby={`${inputId}-done`}>
        <h3 id={`${inputId}-done`}>Key ID recorded ✓</h3>
        <dl className="facts">
          <dt>Key ID (kid)</dt>
          <dd className="with-action">
            <code data-testid="recorded-kid">{keyRecord.kid}</code>
            <CopyButton
              className="small"
              label="Copy"
              copy={() => call('copyText', { text: keyRecord.kid! })}
              onError={save.setError}
            />
          </dd>
          <dt>AppID</dt>
          <dd>
            <code>{keyRecord.appId}</code>
          </dd>
        </dl>
        {save.error && <ErrorNotice error={save.error} onDismiss={() => save.setError(null)} />}
        <button type="button" className="quiet" onClick={() => setEditing(true)}>
          Change Key ID
        </button>
      </section>
    );
  }

  return (
    <form className="record-kid" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>Key ID (kid) from the JaaS console</label>
      <input
        id={inputId}
        className="mono"
        value={kid}
        onChange={(event) => setKid(event.target.value)}
        placeholder={`${keyRecord.appId ?? 'vpaas-magic-cookie-…'}/a1b2c3`}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={live.state === 'problem'}
        aria-describedby={hintId}
      />
      <p id={hintId} className={`field-hint ${live.state}`} aria-live="polite">
        {live.state === 'problem' && live.text}
        {live.state === 'ok' && 'Looks right: an AppID, a slash and the 6-digit suffix.'}
        {live.state === 'idle' && 'In the console: API keys. Copy the Key ID shown next to this key’s fingerprint.'}
      </p>
      {save.error && <ErrorNotice error={save.error} onDismiss={() => save.setError(null)} />}
      <div className="row">
        <button type="submit" className="primary" disabled={save.busy || kid === ''}>
          Record Key ID
        </button>
        {keyRecord.kid && (
          <button type="button" className="quiet" onClick={() => setEditing(false)}>
            Keep {keyRecord.kid.slice(-6)}
          </button>
        )}
      </div>
    </form>
  );
}
