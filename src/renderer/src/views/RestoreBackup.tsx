import { useState, type FormEvent } from 'react';
import type { RestoreItem } from '../../../shared/backup';
import type { ChosenBackup, RestoreProgress } from '../../../shared/contract';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

const OUTCOME: Record<RestoreItem['outcome'], [preview: string, done: string]> = {
  restored: ['Will be restored', 'Restored'],
  'already-here': ['Already here', 'Already here'],
  refused: ['Will be refused', 'Refused'],
};

/** Restore from a backup: the main process reads the file; the page sees what will happen to each key, then what did. */
export function RestoreBackup({
  onRestored,
  onCancel,
}: {
  onRestored: (message: string) => void;
  onCancel: () => void;
}) {
  const [file, setFile] = useState<ChosenBackup | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<RestoreItem[] | null>(null);
  const [done, setDone] = useState<RestoreItem[] | null>(null);
  const [mine, setMine] = useState<string | null>(null);
  const [progress, setProgress] = useState<RestoreProgress | null>(null);
  const act = useAction();
  const secret = file?.needs === 'passphrase' ? { passphrase } : {};

  async function choose() {
    const chosen = await act.run(() => call('chooseBackupFile', {}));
    if (chosen) {
      setFile(chosen);
      setPreview(null);
      setDone(null);
    }
  }
  async function showPreview(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setPreview((await act.run(() => call('previewRestore', { fileId: file.fileId, ...secret }))) ?? null);
  }
  async function restore() {
    if (!file) return;
    // Main answers restoreBackup only at the end; meanwhile the window asks how far it has got.
    const poll = setInterval(() => {
      void call('restoreProgress', { fileId: file.fileId }).then((result) => {
        if (result.ok && result.value) setProgress(result.value);
      });
    }, 200);
    const items = await act
      .run(() => call('restoreBackup', { fileId: file.fileId, ...secret }))
      .finally(() => {
        clearInterval(poll);
        setProgress(null);
      });
    if (!items) return;
    setDone(items);
    const restored = items.filter((item) => item.outcome === 'restored').length;
    onRestored(`Restored ${restored} key${restored === 1 ? '' : 's'} from ${file.name}.`);
  }
  const shown = done ?? preview;

  return (
    <form className="backup" onSubmit={showPreview} aria-labelledby="restore-title">
      <h1 id="restore-title">Restore from a backup</h1>
      <p className="muted">
        A backup made by JaaS Key Manager here or on another computer. Keys already here are left as they are; nothing
        is replaced.
      </p>
      <div className="row">
        <button type="button" onClick={choose} disabled={act.busy}>
          Choose backup file…
        </button>
        <span className="muted" data-testid="chosen-backup">
          {file
            ? `${file.name} (${file.needs === 'passphrase' ? 'protected by a passphrase' : 'encrypted to this computer'})`
            : 'No file chosen'}
        </span>
      </div>
      {file?.needs === 'passphrase' && (
        <>
          <label htmlFor="restore-passphrase">Passphrase of the backup</label>
          <input
            id="restore-passphrase"
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        </>
      )}
      {act.error && <ErrorNotice error={act.error} onDismiss={() => act.setError(null)} />}
      <div className="row">
        <button
          type="submit"
          className={preview ? '' : 'primary'}
          disabled={!file || act.busy || (file.needs === 'passphrase' && passphrase === '') || done !== null}
        >
          Preview
        </button>
        {preview && !done && (
          <button type="button" className="primary" onClick={restore} disabled={act.busy}>
            Restore {preview.filter((item) => item.outcome === 'restored').length} key(s)
          </button>
        )}
        {progress && (
          <span className="restore-progress" role="status">
            <progress value={progress.done} max={progress.total} aria-label="Keys restored" /> Key {progress.done} of{' '}
            {progress.total} in the keychain
          </span>
        )}
        <button type="button" className="quiet" onClick={onCancel} disabled={act.busy}>
          {done ? 'Close' : 'Cancel'}
        </button>
      </div>
      {shown && (
        <ul className="rules" aria-label={done ? 'What was restored' : 'What a restore will do'}>
          {shown.map((item) => (
            <li
              key={item.id + item.fingerprint}
              className={`rule rule-${item.outcome === 'refused' ? 'fail' : item.outcome === 'restored' ? 'pass' : 'warn'}`}
            >
              <span className="rule-mark" aria-hidden="true">
                {item.outcome === 'restored' ? '✓' : item.outcome === 'refused' ? '✗' : '='}
              </span>
              <span>
                <strong>{item.label}</strong> {OUTCOME[item.outcome][done ? 1 : 0]}
                {item.restoredAs ? ` as “${item.restoredAs}”` : ''}
                {item.reason ? `: ${item.reason}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="recipient-title">
        <h2 id="recipient-title">Moving keys here from another computer</h2>
        <p className="muted">
          Give the old computer this computer’s age recipient (not secret); a backup made to it opens only here, with no
          passphrase to send.
        </p>
        {mine ? (
          <p className="with-action">
            <code data-testid="my-recipient">{mine}</code>{' '}
            <CopyButton
              className="small"
              label="Copy"
              copy={() => call('copyText', { text: mine })}
              onError={act.setError}
            />
          </p>
        ) : (
          <button
            type="button"
            onClick={async () => setMine((await act.run(() => call('myRecipient', {})))?.recipient ?? null)}
            disabled={act.busy}
          >
            Show this computer’s recipient
          </button>
        )}
      </section>
    </form>
  );
}
