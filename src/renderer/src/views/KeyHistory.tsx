import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../shared/keys';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

const EVENT_TEXT: Record<HistoryEntry['event'], string> = {
  created: 'Made',
  imported: 'Imported',
  recovered: 'Recovered',
  restored: 'Restored from a backup',
  migrated: 'Key list upgraded',
  'kid-recorded': 'Key ID recorded',
  'kid-changed': 'Key ID changed',
  renamed: 'Renamed',
  'made-current': 'Made current',
  retired: 'Retired',
  unretired: 'Unretired',
  trashed: 'Moved to trash',
  undeleted: 'Undeleted',
  purged: 'Purged',
  'public-exported': 'Public key exported',
  'private-exported': 'Private key exported',
};

/** Everything that happened to one key, newest first; `version` changes reload it. */
export function KeyHistory({ id, version }: { id: string; version: unknown }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const load = useAction();
  const runLoad = load.run;
  useEffect(() => {
    let current = true;
    void runLoad(() => call('keyHistory', { id })).then((value) => current && value && setEntries(value));
    return () => {
      current = false;
    };
  }, [id, version, runLoad]);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {load.error && <ErrorNotice error={load.error} />}
      {entries && (
        <ol className="history" aria-label="History, newest first">
          {entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
              <strong>{EVENT_TEXT[entry.event]}</strong>
              <span>{entry.detail.note ?? (entry.event === 'kid-recorded' ? entry.detail.kid : '')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
