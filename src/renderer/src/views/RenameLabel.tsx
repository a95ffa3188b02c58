import { useState, type FormEvent } from 'react';
import type { KeyRecord } from '../../../shared/keys';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

/** The key's title, renamable in place (Enter saves, Escape cancels). */
export function RenameLabel({ keyRecord, onRenamed }: { keyRecord: KeyRecord; onRenamed: (key: KeyRecord) => void }) {
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(keyRecord.label);
  const save = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const renamed = await save.run(() => call('renameKey', { id: keyRecord.id, label }));
    if (renamed) {
      setEditing(false);
      onRenamed(renamed);
    }
  }

  if (!editing) {
    return (
      <header className="detail-header">
        <h1 id="key-title">{keyRecord.label}</h1>
        <button
          type="button"
          className="quiet small"
          onClick={() => {
            setLabel(keyRecord.label);
            setEditing(true);
          }}
        >
          Rename
        </button>
      </header>
    );
  }
  return (
    <form
      className="detail-header"
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}
    >
      <label className="visually-hidden" htmlFor="rename-input">
        New label
      </label>
      <input
        id="rename-input"
        autoFocus
        value={label}
        onChange={(event) => setLabel(event.target.value)}
        maxLength={100}
      />
      <button type="submit" className="primary small" disabled={save.busy}>
        Save
      </button>
      <button type="button" className="quiet small" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {save.error && <ErrorNotice error={save.error} onDismiss={() => save.setError(null)} />}
    </form>
  );
}
