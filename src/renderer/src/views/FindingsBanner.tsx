import { useState } from 'react';
import type { Finding, KeyRecord } from '../../../shared/keys';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

interface Props {
  findings: readonly Finding[];
  onResolved: (key?: KeyRecord) => void;
}

/** What the start-up check of keychain against key list found, with the fix for each; nothing is fixed silently. */
export function FindingsBanner({ findings, onResolved }: Props) {
  const act = useAction();
  const [labels, setLabels] = useState<Record<string, string>>({});
  const orphans = findings.filter((finding) => finding.kind !== 'entry_without_secret');
  const missing = findings.length - orphans.length;
  if (orphans.length === 0 && missing === 0) return null;
  if (orphans.length === 0) {
    return (
      <p className="notice notice-warning" role="status">
        {missing === 1 ? '1 key in the list has' : `${missing} keys in the list have`} no private key in this keychain
        (marked “Problem found”). Their public keys still work, but they cannot sign tokens or be exported. If the list
        came from another computer, import the private keys here.
      </p>
    );
  }

  async function recover(id: string) {
    const key = await act.run(() => call('recoverKey', { id, label: labels[id] ?? `Recovered ${id.slice(0, 6)}` }));
    if (key) onResolved(key);
  }
  async function discard(id: string) {
    const done = await act.run(() => call('purgeKey', { id, confirmation: id }));
    if (done) onResolved();
  }

  return (
    <section className="notice notice-warning findings" aria-labelledby="findings-title">
      <h2 id="findings-title">The keychain holds keys the list does not show</h2>
      {missing > 0 && (
        <p>
          Also, {missing === 1 ? '1 key in the list has' : `${missing} keys in the list have`} no private key in this
          keychain (marked “Problem found”).
        </p>
      )}
      {act.error && <ErrorNotice error={act.error} onDismiss={() => act.setError(null)} />}
      <ul>
        {orphans.map((finding) => (
          <li key={finding.id}>
            <p>{finding.message}</p>
            {finding.kind === 'secret_without_entry' && (
              <span className="row">
                <label htmlFor={`recover-${finding.id}`}>Label</label>
                <input
                  id={`recover-${finding.id}`}
                  value={labels[finding.id] ?? `Recovered ${finding.id.slice(0, 6)}`}
                  onChange={(event) => setLabels({ ...labels, [finding.id]: event.target.value })}
                />
                <button type="button" onClick={() => recover(finding.id)} disabled={act.busy}>
                  Recover
                </button>
              </span>
            )}
            {finding.kind === 'incomplete_secret' && (
              <button type="button" onClick={() => discard(finding.id)} disabled={act.busy}>
                Remove the leftover parts
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
