import { useState, type FormEvent } from 'react';
import type { TokenReport } from '../../../shared/tokens';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

const MARK = { pass: '✓', fail: '✗', warn: '!' } as const;
const WORD = { pass: 'Pass', fail: 'Fail', warn: 'Warning' } as const;

/** Paste a token: every rule Jitsi applies, each with a verdict in plain words. */
export function CheckToken() {
  const [token, setToken] = useState('');
  const [report, setReport] = useState<TokenReport | null>(null);
  const act = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setReport((await act.run(() => call('checkToken', { token }))) ?? null);
  }

  return (
    <section className="check-token" aria-labelledby="check-title">
      <h1 id="check-title">Check a meeting token</h1>
      <form onSubmit={submit}>
        <label htmlFor="check-input">Token (JWT)</label>
        <textarea
          id="check-input"
          className="mono"
          rows={5}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          spellCheck={false}
          placeholder="eyJhbGciOiJSUzI1NiIs…"
        />
        {act.error && <ErrorNotice error={act.error} onDismiss={() => act.setError(null)} />}
        <div className="row">
          <button type="submit" className="primary" disabled={act.busy || token.trim() === ''}>
            Check token
          </button>
        </div>
      </form>
      {report && (
        <>
          <p className={`notice ${report.ok ? 'notice-success' : 'notice-error'}`} role="status">
            {report.ok
              ? `This token passes every check Jitsi applies, and its signature verifies with “${report.signedBy?.label}”.`
              : `This token would be refused: ${report.rules.filter((r) => r.status === 'fail').length} check(s) fail.`}
          </p>
          <ul className="rules" aria-label="Checks">
            {report.rules.map((rule) => (
              <li key={`${rule.id}-${rule.message}`} className={`rule rule-${rule.status}`}>
                <span className="rule-mark" aria-hidden="true">
                  {MARK[rule.status]}
                </span>
                <span className="visually-hidden">{WORD[rule.status]}:</span>
                <span>
                  <strong>{rule.id}</strong> {rule.message}
                  {rule.client && <span className="muted"> Jitsi Meet reports this as {rule.client}.</span>}
                </span>
              </li>
            ))}
          </ul>
          {report.claims && (
            <details>
              <summary>Decoded header and claims</summary>
              <pre className="pem" tabIndex={0} aria-label="Decoded header and claims">
                {JSON.stringify({ header: report.header, claims: report.claims }, null, 2)}
              </pre>
            </details>
          )}
        </>
      )}
    </section>
  );
}
