/** First run: the whole JaaS key workflow in three steps, and the one button that starts it. */
export function EmptyState({
  onNewKey,
  onImport,
  onRestore,
}: {
  onNewKey: () => void;
  onImport: () => void;
  onRestore: () => void;
}) {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h1 id="empty-title">Sign your JaaS meetings with a key only you hold</h1>
      <ol className="steps">
        <li>
          <strong>Make a key here.</strong> A 4096-bit RSA key; the private half is stored in your OS keychain, never in
          a file.
        </li>
        <li>
          <strong>Upload its public key</strong> in the JaaS console (API keys → Add API key). The console shows a Key
          ID (kid).
        </li>
        <li>
          <strong>Paste the Key ID back here.</strong> It is checked for the mistakes that make every token fail.
        </li>
      </ol>
      <div className="row">
        <button type="button" className="primary large" onClick={onNewKey}>
          Make your first key
        </button>
        <button type="button" className="large" onClick={onImport}>
          Import a key you have
        </button>
        <button type="button" className="large" onClick={onRestore}>
          Restore from a backup
        </button>
      </div>
    </section>
  );
}
