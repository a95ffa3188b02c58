import { useEffect, useState, type FormEvent } from 'react';
import type { ChosenFile, ImportedKey } from '../../../shared/contract';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useAction } from '../lib/useAction';

interface Props {
  onImported: (imported: ImportedKey) => void;
  onCancel: () => void;
}

/** Bring a key you already have: pick its file or paste it; a passphrase field appears when the key needs one. */
export function ImportKey({ onImported, onCancel }: Props) {
  const [source, setSource] = useState<'file' | 'paste'>('file');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [text, setText] = useState('');
  const [label, setLabel] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const act = useAction();

  async function choose() {
    const chosen = await act.run(() => call('chooseKeyFile', {}));
    if (chosen) {
      setFile(chosen);
      if (label === '') setLabel(chosen.name.replace(/\.(pem|key|pk)$/i, ''));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = { label, passphrase: passphrase === '' ? undefined : passphrase };
    const imported = await act.run(() =>
      source === 'file' && file
        ? call('importKeyFile', { fileId: file.fileId, ...fields })
        : call('importKey', { text, ...fields }),
    );
    if (imported) return onImported(imported);
  }

  const code = act.error?.code;
  useEffect(() => {
    if (code === 'passphrase_required' || code === 'wrong_passphrase') setNeedsPassphrase(true);
  }, [code]);
  const ready = label.trim() !== '' && (source === 'file' ? file !== null : text.trim() !== '');

  return (
    <form className="new-key" onSubmit={submit} aria-labelledby="import-title">
      <h1 id="import-title">Import a key you already have</h1>
      <p className="muted">
        PKCS#1 or PKCS#8 PEM, or an OpenSSH private key (what ssh-keygen writes), with or without a passphrase. The
        private key is copied into your OS keychain; the original file is not changed.
      </p>
      <fieldset className="segmented">
        <legend className="visually-hidden">Where the key comes from</legend>
        <label>
          <input type="radio" name="source" checked={source === 'file'} onChange={() => setSource('file')} /> From a
          file
        </label>
        <label>
          <input type="radio" name="source" checked={source === 'paste'} onChange={() => setSource('paste')} /> Paste
          the key
        </label>
      </fieldset>
      {source === 'file' ? (
        <div className="row">
          <button type="button" onClick={choose} disabled={act.busy}>
            Choose key file…
          </button>
          <span className="muted" data-testid="chosen-file">
            {file ? file.name : 'No file chosen'}
          </span>
        </div>
      ) : (
        <>
          <label htmlFor="import-text">Private key</label>
          <textarea
            id="import-text"
            className="mono"
            rows={8}
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            placeholder="-----BEGIN … PRIVATE KEY-----"
          />
        </>
      )}
      <label htmlFor="import-label">Label</label>
      <input id="import-label" value={label} onChange={(event) => setLabel(event.target.value)} maxLength={100} />
      {needsPassphrase && (
        <>
          <label htmlFor="import-passphrase">Passphrase of the key</label>
          <input
            id="import-passphrase"
            type="password"
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            autoComplete="off"
            autoFocus
          />
        </>
      )}
      {act.error && <ErrorNotice error={act.error} onDismiss={() => act.setError(null)} />}
      <div className="row">
        <button type="submit" className="primary" disabled={!ready || act.busy}>
          {act.busy ? 'Importing…' : 'Import this key'}
        </button>
        <button type="button" className="quiet" onClick={onCancel} disabled={act.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
