import { useState, type FormEvent } from 'react';
import { KEY_RUNTIMES, RUNTIME_NAMES, type KeyCheckReport, type KeyRuntime } from '../../../shared/keyCheck';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

const MARK = { error: '✗', warning: '!' } as const;
const WORD = { error: 'Problem', warning: 'Warning' } as const;

function verdict(report: KeyCheckReport): string {
  const where = report.runtime ? RUNTIME_NAMES[report.runtime] : 'OpenSSL-based readers';
  if (report.ok) return `This key loads as it is in ${where}, and it is a 4096-bit RSA private key.`;
  return report.loadsAsIs
    ? `This key loads in ${where}, but it is not right for JaaS.`
    : `This key does not load as it is in ${where}.`;
}

/**
 * Paste a private key as it arrived on a server (a file, an environment value, a secret
 * field): what is wrong with it and how to fix it. Main checks it; only the report,
 * which never holds key material, comes back. The paste is cleared after each check.
 */
export function CheckKey() {
  const [text, setText] = useState('');
  const [runtime, setRuntime] = useState<KeyRuntime | ''>('');
  const [checked, setChecked] = useState<{ report: KeyCheckReport; text: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const act = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const report = await act.run(() => call('checkKey', { text, runtime: runtime || null }));
    if (report) {
      setChecked({ report, text });
      setText('');
    }
  }

  async function saveRepaired() {
    if (!checked) return;
    const file = await act.run(() => call('saveRepairedKey', { text: checked.text, runtime: checked.report.runtime }));
    if (file) setSaved(file.path);
  }

  const report = checked?.report;
  return (
    <section className="check-token" aria-labelledby="check-key-title">
      <h1 id="check-key-title">Check a private key</h1>
      <p className="muted">
        Paste a key as your server gets it: a file’s text or an environment variable’s value. Nothing is stored, and the
        key is not shown again.
      </p>
      <form onSubmit={submit}>
        <label htmlFor="check-key-input">Private key, as it arrived</label>
        <textarea
          id="check-key-input"
          className="mono"
          rows={6}
          value={text}
          onChange={(event) => setText(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PRIVATE KEY-----"
        />
        <label htmlFor="check-key-runtime">Read by</label>
        <select
          id="check-key-runtime"
          value={runtime}
          onChange={(event) => setRuntime(event.target.value as KeyRuntime | '')}
        >
          <option value="">Any OpenSSL-based reader (Node, Python, PHP, Ruby)</option>
          {KEY_RUNTIMES.map((name) => (
            <option key={name} value={name}>
              {RUNTIME_NAMES[name]}
            </option>
          ))}
        </select>
        {act.error && <ErrorNotice error={act.error} onDismiss={() => act.setError(null)} />}
        <div className="row">
          <button type="submit" className="primary" disabled={act.busy || text.trim() === ''}>
            Check key
          </button>
        </div>
      </form>
      {report && (
        <>
          <p className={`notice ${report.ok ? 'notice-success' : 'notice-error'}`} role="status">
            {verdict(report)}
          </p>
          {report.problems.length > 0 && (
            <ul className="rules" aria-label="Problems">
              {report.problems.map((problem) => (
                <li key={problem.id} className={`rule rule-${problem.severity === 'error' ? 'fail' : 'warn'}`}>
                  <span className="rule-mark" aria-hidden="true">
                    {MARK[problem.severity]}
                  </span>
                  <span className="visually-hidden">{WORD[problem.severity]}:</span>
                  <span>
                    {problem.message} <span className="muted">Fix: {problem.fix}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <dl className="facts">
            <dt>Key</dt>
            <dd>
              {[report.key.format ?? 'not recognised', report.key.bits ? `RSA ${report.key.bits} bits` : null]
                .filter(Boolean)
                .join(', ')}
              {report.key.fingerprint && <code className="mono"> {report.key.fingerprint}</code>}
            </dd>
            <dt>Stored here</dt>
            <dd>{report.stored ? report.stored.message : 'No: this is not one of the keys in this app.'}</dd>
            <dt>Loads as it is in</dt>
            <dd>
              {report.readers
                .filter((reader) => reader.loads)
                .map((reader) => RUNTIME_NAMES[reader.runtime])
                .join(', ') || 'none of them'}
            </dd>
          </dl>
          {report.repairable && !report.ok && (
            <div className="row">
              <button type="button" onClick={() => void saveRepaired()} disabled={act.busy}>
                Save repaired copy…
              </button>
            </div>
          )}
          {saved && (
            <p className="notice notice-success" role="status">
              Saved a repaired copy (PKCS#8 PEM, readable only by you) to {saved}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
