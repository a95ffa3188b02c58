import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KeyListing, KeyRecord } from '../../shared/keys';
import { ErrorNotice } from './components/ErrorNotice';
import { call } from './lib/api';
import { useAction } from './lib/useAction';
import { EmptyState } from './views/EmptyState';
import { FindingsBanner } from './views/FindingsBanner';
import { KeyDetail } from './views/KeyDetail';
import { KeyList } from './views/KeyList';
import { NewKey } from './views/NewKey';

type View = { kind: 'detail'; id: string; justCreated: boolean } | { kind: 'new' } | { kind: 'none' };

export function App() {
  const [listing, setListing] = useState<KeyListing | null>(null);
  const [view, setView] = useState<View>({ kind: 'none' });
  const [announcement, setAnnouncement] = useState('');
  const load = useAction();

  const refresh = useCallback(async (method: 'listKeys' | 'checkKeychain' = 'listKeys') => {
    const value = await load.run(() => call(method, {}));
    if (value) setListing(value);
    return value;
  }, [load.run]);

  // On start, compare keychain and list afresh: jaas-keys may have changed either since the app last looked.
  useEffect(() => {
    void refresh('checkKeychain');
  }, [refresh]);

  const problemIds = useMemo(() => new Set(listing?.findings.map((finding) => finding.id) ?? []), [listing]);

  function changed(key: KeyRecord | null, message?: string) {
    if (message) setAnnouncement(message);
    if (key === null) setView({ kind: 'none' });
    void refresh();
  }

  if (!listing) {
    return (
      <main className="app app-loading">
        <header className="app-header"><span className="app-title">JaaS Key Manager</span></header>
        {load.error ? <ErrorNotice error={load.error} onRetry={() => void refresh()} /> : <p role="status">Loading keys…</p>}
      </main>
    );
  }

  const empty = listing.keys.length === 0 && listing.findings.length === 0;
  let content;
  if (view.kind === 'new' || (empty && view.kind !== 'none')) {
    content = <NewKey onCreated={(key) => { setAnnouncement(`Made key “${key.label}”.`); setView({ kind: 'detail', id: key.id, justCreated: true }); void refresh(); }} onCancel={() => setView({ kind: 'none' })} />;
  } else if (view.kind === 'detail') {
    content = <KeyDetail key={view.id} id={view.id} justCreated={view.justCreated} finding={listing.findings.find((finding) => finding.id === view.id)} onChanged={changed} />;
  } else if (empty) {
    content = <EmptyState onNewKey={() => setView({ kind: 'new' })} />;
  } else {
    content = <p className="pick-a-key">Select a key on the left, or make a new one.</p>;
  }

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">JaaS Key Manager</span>
        <button type="button" className="primary" onClick={() => setView({ kind: 'new' })}>New key</button>
      </header>
      {!empty && <KeyList keys={listing.keys} problemIds={problemIds} selectedId={view.kind === 'detail' ? view.id : null} onSelect={(id) => setView({ kind: 'detail', id, justCreated: false })} />}
      <main className="content" id="content">
        {load.error && <ErrorNotice error={load.error} onRetry={() => void refresh()} onDismiss={() => load.setError(null)} />}
        {listing.keychainProblem && <ErrorNotice error={listing.keychainProblem} onRetry={() => void refresh('checkKeychain')} />}
        <FindingsBanner findings={listing.findings} onResolved={(key) => { void refresh('checkKeychain'); if (key) setView({ kind: 'detail', id: key.id, justCreated: false }); }} />
        {content}
      </main>
      <div className="visually-hidden" role="status" aria-live="polite">{announcement}</div>
    </div>
  );
}
