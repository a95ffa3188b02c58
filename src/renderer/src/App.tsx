import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ImportedKey } from '../../shared/contract';
import type { KeyListing, KeyRecord } from '../../shared/keys';
import { ErrorNotice } from './components/ErrorNotice';
import { call } from './lib/api';
import { useAction } from './lib/useAction';
import { useShortcuts } from './lib/useShortcuts';
import { EmptyState } from './views/EmptyState';
import { BackupKeys } from './views/BackupKeys';
import { CheckKey } from './views/CheckKey';
import { CheckToken } from './views/CheckToken';
import { RestoreBackup } from './views/RestoreBackup';
import { FindingsBanner } from './views/FindingsBanner';
import { ImportKey } from './views/ImportKey';
import { KeyDetail } from './views/KeyDetail';
import { KeyList, type ListView } from './views/KeyList';
import { MakeToken } from './views/MakeToken';
import { NewKey } from './views/NewKey';

type View =
  | { kind: 'detail'; id: string; notice: string | null }
  | { kind: 'token'; id: string }
  | { kind: 'new' }
  | { kind: 'import' }
  | { kind: 'check' }
  | { kind: 'check-key' }
  | { kind: 'backup' }
  | { kind: 'restore' }
  | { kind: 'none'; notice?: string | null };

function importedNotice(imported: ImportedKey): string {
  const copy = imported.sourcePath
    ? ` ${imported.encrypted ? 'An encrypted' : 'A plaintext'} copy remains in ${imported.sourcePath}; delete it once you no longer need it.`
    : ' Clear the clipboard or wherever you pasted it from.';
  return `Imported (${imported.formatName}). The private key is now in your OS keychain.${copy}`;
}

function checkedText(problems: number): string {
  return problems === 0
    ? 'Checked: every key has its private key, and nothing is left over.'
    : `Checked: ${problems === 1 ? '1 problem' : `${problems} problems`} found; see above.`;
}

export function App() {
  const [listing, setListing] = useState<KeyListing | null>(null);
  const [view, setView] = useState<View>({ kind: 'none' });
  const [announcement, setAnnouncement] = useState('');
  const [listView, setListView] = useState<ListView>('keys');
  // "Not now" on the offer to back up a new key holds for the rest of the session: an offer, not a nag.
  const [backupOfferDismissed, setBackupOfferDismissed] = useState(false);
  const load = useAction();
  const runLoad = load.run;

  const refresh = useCallback(
    async (method: 'listKeys' | 'checkKeychain' = 'listKeys') => {
      const value = await runLoad(() => call(method, {}));
      if (value) setListing(value);
      return value;
    },
    [runLoad],
  );

  // On start, the key list alone: main reconciles with the keychain only when a write did not finish
  // (docs/architecture.md, "What the window does at start"). Reading every secret at each start would,
  // on macOS, ask for the password once per key another program made. Check keychain does it on request.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Once the person has asked, the status bar says what the last check found; derived from the listing,
  // so it stays right when a recovery or a restore checks again.
  const [checkAsked, setCheckAsked] = useState(false);
  const [checking, setChecking] = useState(false);
  const checkKeychain = useCallback(async () => {
    setChecking(true);
    const value = await refresh('checkKeychain');
    setChecking(false);
    if (!value) return;
    setCheckAsked(true);
    setAnnouncement(checkedText(value.findings.length));
  }, [refresh]);

  const shortcuts = useMemo(
    () => ({ newKey: () => setView({ kind: 'new' }), importKey: () => setView({ kind: 'import' }) }),
    [],
  );
  useShortcuts(shortcuts);

  const problemIds = useMemo(() => new Set(listing?.findings.map((finding) => finding.id) ?? []), [listing]);

  function changed(key: KeyRecord | null, message?: string) {
    if (message) setAnnouncement(message);
    if (key === null) setView({ kind: 'none', notice: message ?? null });
    void refresh();
  }

  if (!listing) {
    return (
      <main className="app app-loading">
        <header className="app-header">
          <span className="app-title">JaaS Key Manager</span>
        </header>
        {load.error ? (
          <ErrorNotice error={load.error} onRetry={() => void refresh()} />
        ) : (
          <p role="status">Loading keys…</p>
        )}
      </main>
    );
  }

  const empty = listing.keys.length === 0 && listing.findings.length === 0;
  const showKey = (id: string, notice: string | null = null) => setView({ kind: 'detail', id, notice });
  const tokenKey = view.kind === 'token' ? listing.keys.find((key) => key.id === view.id) : undefined;
  let content;
  if (view.kind === 'new') {
    content = (
      <NewKey
        onCreated={(key) => {
          setAnnouncement(`Made key “${key.label}”.`);
          showKey(key.id, 'Key made. Its private half is in your OS keychain; it is not saved anywhere else.');
          void refresh();
        }}
        onCancel={() => setView({ kind: 'none' })}
      />
    );
  } else if (view.kind === 'import') {
    content = (
      <ImportKey
        onImported={(imported) => {
          setAnnouncement(`Imported “${imported.key.label}”.`);
          showKey(imported.key.id, importedNotice(imported));
          void refresh();
        }}
        onCancel={() => setView({ kind: 'none' })}
      />
    );
  } else if (view.kind === 'check') {
    content = <CheckToken />;
  } else if (view.kind === 'check-key') {
    content = <CheckKey />;
  } else if (view.kind === 'backup') {
    content = (
      <BackupKeys
        keys={listing.keys}
        onDone={(message) => {
          setAnnouncement(message);
          setView({ kind: 'none', notice: message });
          void refresh();
        }}
        onCancel={() => setView({ kind: 'none' })}
      />
    );
  } else if (view.kind === 'restore') {
    content = (
      <RestoreBackup
        onRestored={(message) => {
          setAnnouncement(message);
          void refresh('checkKeychain');
        }}
        onCancel={() => setView({ kind: 'none' })}
      />
    );
  } else if (view.kind === 'token' && tokenKey) {
    content = <MakeToken keyRecord={tokenKey} onBack={() => showKey(tokenKey.id)} />;
  } else if (view.kind === 'detail') {
    content = (
      <KeyDetail
        key={view.id}
        id={view.id}
        notice={view.notice}
        finding={listing.findings.find((finding) => finding.id === view.id)}
        allKeys={listing.keys}
        offerBackup={!backupOfferDismissed}
        onBackup={() => setView({ kind: 'backup' })}
        onDismissBackup={() => setBackupOfferDismissed(true)}
        onChanged={changed}
        onMakeToken={() => setView({ kind: 'token', id: view.id })}
        onRotated={(rotation) => {
          setAnnouncement(`Made “${rotation.key.label}” to replace “${rotation.old.label}”.`);
          setListView('keys');
          showKey(
            rotation.key.id,
            `Made “${rotation.key.label}” to replace “${rotation.old.label}”. “${rotation.old.label}” keeps signing until this key is current; follow the steps below.`,
          );
          void refresh();
        }}
      />
    );
  } else if (empty) {
    content = (
      <EmptyState
        onNewKey={() => setView({ kind: 'new' })}
        onImport={() => setView({ kind: 'import' })}
        onRestore={() => setView({ kind: 'restore' })}
      />
    );
  } else {
    content = (
      <>
        {view.kind === 'none' && view.notice && (
          <p className="notice notice-success" role="status">
            {view.notice}
          </p>
        )}
        <p className="pick-a-key">Select a key on the left, or make a new one.</p>
      </>
    );
  }

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">JaaS Key Manager</span>
        <span className="header-actions">
          <button type="button" onClick={() => setView({ kind: 'check' })}>
            Check token
          </button>
          <button type="button" onClick={() => setView({ kind: 'check-key' })}>
            Check a key
          </button>
          <button type="button" onClick={() => setView({ kind: 'restore' })}>
            Restore…
          </button>
          <button
            type="button"
            onClick={() => setView({ kind: 'backup' })}
            disabled={listing.keys.every((key) => key.status === 'trashed')}
          >
            Back up…
          </button>
          <button type="button" onClick={shortcuts.importKey} aria-keyshortcuts="Control+I" title="Import key (Ctrl+I)">
            Import key
          </button>
          <button
            type="button"
            className="primary"
            onClick={shortcuts.newKey}
            aria-keyshortcuts="Control+N"
            title="New key (Ctrl+N)"
          >
            New key
          </button>
        </span>
      </header>
      {!empty && (
        <KeyList
          keys={listing.keys}
          problemIds={problemIds}
          selectedId={view.kind === 'detail' || view.kind === 'token' ? view.id : null}
          onSelect={(id) => showKey(id)}
          view={listView}
          onViewChange={setListView}
        />
      )}
      <main className="content" id="content">
        {load.error && (
          <ErrorNotice error={load.error} onRetry={() => void refresh()} onDismiss={() => load.setError(null)} />
        )}
        {listing.keychainProblem && (
          <ErrorNotice error={listing.keychainProblem} onRetry={() => void refresh('checkKeychain')} />
        )}
        <FindingsBanner
          findings={listing.findings}
          onResolved={(key) => {
            void refresh('checkKeychain');
            if (key) showKey(key.id);
          }}
        />
        {content}
      </main>
      <footer className="status-bar">
        <span data-testid="keychain-name">Private keys kept in: {listing.keychainName ?? 'the OS keychain'}</span>
        <span className="status-actions">
          {checkAsked && <span className="keychain-checked">{checkedText(listing.findings.length)}</span>}
          <button
            type="button"
            className="link"
            onClick={() => void checkKeychain()}
            disabled={load.busy}
            title="Compare the key list with the keychain: every key's private key there, nothing left over"
          >
            {checking ? 'Checking…' : 'Check keychain'}
          </button>
        </span>
      </footer>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}
