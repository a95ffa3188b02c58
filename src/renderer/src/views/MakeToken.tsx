import { useState, type FormEvent } from 'react';
import type { KeyRecord } from '../../../shared/keys';
import {
  DEFAULT_TOKEN_OPTIONS,
  JAAS_FEATURES,
  JAAS_OPT_IN_FEATURES,
  type JaasFeature,
  type MadeToken,
} from '../../../shared/tokens';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

/** Make a meeting token with a key that has a kid; the result shows the token, what is in it, and the link. */
export function MakeToken({ keyRecord, onBack }: { keyRecord: KeyRecord; onBack: () => void }) {
  const [room, setRoom] = useState(DEFAULT_TOKEN_OPTIONS.room);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [moderator, setModerator] = useState(true);
  const [features, setFeatures] = useState<JaasFeature[]>([]);
  const [hours, setHours] = useState(DEFAULT_TOKEN_OPTIONS.lifetimeSeconds / 3600);
  const [skew, setSkew] = useState(DEFAULT_TOKEN_OPTIONS.nbfSkewSeconds);
  const [made, setMade] = useState<MadeToken | null>(null);
  const act = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const options = {
      room,
      moderator,
      features,
      lifetimeSeconds: Math.round(hours * 3600),
      nbfSkewSeconds: skew,
      ...(name ? { name } : {}),
      ...(email ? { email } : {}),
    };
    const value = await act.run(() => call('createToken', { id: keyRecord.id, options }));
    setMade(value ?? null);
  }
  const toggle = (feature: JaasFeature) =>
    setFeatures((current) =>
      current.includes(feature) ? current.filter((f) => f !== feature) : [...current, feature],
    );

  return (
    <section className="make-token" aria-labelledby="token-title">
      <div className="detail-header">
        <h1 id="token-title">Meeting token for “{keyRecord.label}”</h1>
        <button type="button" className="quiet small" onClick={onBack}>
          Back to key
        </button>
      </div>
      {keyRecord.kid === null ? (
        <ErrorNotice error={{ code: 'no_kid', message: `"${keyRecord.label}" has no Key ID yet.` }} />
      ) : (
        <form onSubmit={submit}>
          <div className="form-grid">
            <label htmlFor="token-room">Room</label>
            <input
              id="token-room"
              value={room}
              onChange={(event) => setRoom(event.target.value)}
              aria-describedby="token-room-hint"
            />
            <p id="token-room-hint" className="field-hint">
              "*" lets the token join every room of the app.
            </p>
            <label htmlFor="token-name">User name</label>
            <input id="token-name" value={name} onChange={(event) => setName(event.target.value)} />
            <label htmlFor="token-email">User email</label>
            <input id="token-email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
            <label htmlFor="token-hours">Valid for (hours)</label>
            <input
              id="token-hours"
              type="number"
              min={0.25}
              max={8784}
              step={0.25}
              value={hours}
              onChange={(event) => setHours(Number(event.target.value))}
            />
            <label htmlFor="token-skew">Clock-skew margin (seconds before now)</label>
            <input
              id="token-skew"
              type="number"
              min={0}
              max={3600}
              value={skew}
              onChange={(event) => setSkew(Number(event.target.value))}
            />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={moderator} onChange={(event) => setModerator(event.target.checked)} />{' '}
            Moderator
          </label>
          <fieldset className="features">
            <legend>Features {moderator ? '' : '(work only for moderators)'}</legend>
            {JAAS_OPT_IN_FEATURES.map((feature) => (
              <label key={feature} className="checkbox">
                <input type="checkbox" checked={features.includes(feature)} onChange={() => toggle(feature)} />{' '}
                {feature}
              </label>
            ))}
          </fieldset>
          <fieldset className="features">
            <legend>On by default in a meeting; tick to grant explicitly</legend>
            {JAAS_FEATURES.filter((feature) => !(JAAS_OPT_IN_FEATURES as readonly string[]).includes(feature)).map(
              (feature) => (
                <label key={feature} className="checkbox">
                  <input type="checkbox" checked={features.includes(feature)} onChange={() => toggle(feature)} />{' '}
                  {feature}
                </label>
              ),
            )}
          </fieldset>
          {act.error && <ErrorNotice error={act.error} onDismiss={() => act.setError(null)} />}
          <div className="row">
            <button type="submit" className="primary" disabled={act.busy}>
              Make token
            </button>
          </div>
        </form>
      )}
      {made && (
        <section className="token-result" aria-labelledby="made-title">
          <h2 id="made-title">Token</h2>
          {made.warnings.map((warning) => (
            <p key={warning} className="notice notice-warning">
              {warning}
            </p>
          ))}
          <p className="with-action">
            Expires {new Date(made.expiresAt).toLocaleString()}.
            <CopyButton
              className="small"
              label="Copy expiry"
              copy={() => call('copyText', { text: made.expiresAt })}
              onError={act.setError}
            />
          </p>
          <pre className="pem token" data-testid="token" tabIndex={0} aria-label="Token">
            {made.token}
          </pre>
          <div className="row">
            <CopyButton
              className="primary"
              label="Copy token"
              copy={() => call('copyText', { text: made.token })}
              onError={act.setError}
            />
            {made.link && (
              <CopyButton
                label="Copy meeting link"
                copy={() => call('copyText', { text: made.link! })}
                onError={act.setError}
              />
            )}
          </div>
          {made.link && (
            <p className="muted">
              Meeting link:{' '}
              <code data-testid="meeting-link">{made.link.slice(0, made.link.indexOf('#jwt=') + 5)}…</code>
            </p>
          )}
          <div className="with-action">
            <h3>Header</h3>
            <CopyButton
              className="small"
              label="Copy header"
              copy={() => call('copyText', { text: JSON.stringify(made.header, null, 2) })}
              onError={act.setError}
            />
          </div>
          <pre className="pem" tabIndex={0} aria-label="Token header">
            {JSON.stringify(made.header, null, 2)}
          </pre>
          <div className="with-action">
            <h3>Claims</h3>
            <CopyButton
              className="small"
              label="Copy claims"
              copy={() => call('copyText', { text: JSON.stringify(made.claims, null, 2) })}
              onError={act.setError}
            />
          </div>
          <pre className="pem" tabIndex={0} aria-label="Token claims">
            {JSON.stringify(made.claims, null, 2)}
          </pre>
        </section>
      )}
    </section>
  );
}
