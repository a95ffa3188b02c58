import { useEffect, useState } from 'react';
import type { ErrorValue } from '../../../shared/errors';
import type { Finding, KeyDetail as Detail, KeyRecord } from '../../../shared/keys';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { Randomart } from '../components/Randomart';
import { call } from '../lib/api';
import { formatDate } from '../lib/sortKeys';
import { useAction } from '../lib/useAction';
import type { Rotation } from '../../../shared/contract';
import { KeyHistory } from './KeyHistory';
import { KeyLifecycle } from './KeyLifecycle';
import { RecordKid } from './RecordKid';
import { RotationPanel } from './RotationPanel';
import { UseThisKey } from './UseThisKey';
import { RenameLabel } from './RenameLabel';

export const JAAS_CONSOLE_URL = 'https://jaas.8x8.vc/#/apikeys';

interface Props {
  id: string;
  /** Shown once above the key, e.g. right after it was made or imported. */
  notice: string | null;
  onMakeToken: () => void;
  finding: Finding | undefined;
  /** Every key (the trash too): a rotation's panel needs the key it replaces. */
  allKeys: readonly KeyRecord[];
  onChanged: (key: KeyRecord | null, message?: string) => void;
  onRotated: (rotation: Rotation) => void;
  /** Whether to offer a backup of an active key that has none (until the person says not now). */
  offerBackup: boolean;
  onBackup: () => void;
  onDismissBackup: () => void;
}

/** One key: what it is, its public half to upload, its kid, and the risky actions behind confirmations. */
export function KeyDetail({
  id,
  notice,
  finding,
  allKeys,
  onChanged,
  onMakeToken,
  onRotated,
  offerBackup,
  onBackup,
  onDismissBackup,
}: Props) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [privateFormat, setPrivateFormat] = useState<'pkcs1' | 'pkcs8'>('pkcs1');
  const [saved, setSaved] = useState<string | null>(null);
  const load = useAction();
  const runLoad = load.run;
  const act = useAction();
  const reportError = (error: ErrorValue) => act.setError(error);

  useEffect(() => {
    let current = true;
    setDetail(null);
    setSaved(null);
    void runLoad(() => call('showKey', { id })).then((value) => current && value && setDetail(value));
    return () => {
      current = false;
    };
  }, [id, runLoad]);

  if (load.error)
    return (
      <ErrorNotice
        error={load.error}
        onRetry={() => void runLoad(() => call('showKey', { id })).then((value) => value && setDetail(value))}
      />
    );
  if (!detail)
    return (
      <p className="loading" role="status">
        Loading key…
      </p>
    );

  const updated = (key: KeyRecord | null, message?: string) => {
    if (key && key.id === detail.id) setDetail({ ...detail, ...key });
    // Said where the person is looking; a key that left this view (trashed, purged) is said by the App.
    if (key && message) setSaved(message);
    onChanged(key, message);
  };
  // The list holds the freshest record (a rotation step may have changed this key from another view).
  const fresh = allKeys.find((key) => key.id === id);
  const record = fresh ? { ...detail, ...fresh } : detail;
  const old = record.rotationOf ? allKeys.find((key) => key.id === record.rotationOf) : undefined;

  async function savePublic() {
    const value = await act.run(() => call('savePublicKey', { id }));
    if (value) setSaved(`Saved the public key to ${value.path}`);
  }
  async function exportPrivate() {
    const value = await act.run(() => call('exportPrivateKey', { id, format: privateFormat }));
    if (value)
      setSaved(
        `Exported the private key to ${value.path} (readable only by you). Keep it safe and delete it when done.`,
      );
  }
  return (
    <article className="key-detail" aria-labelledby="key-title">
      <RenameLabel keyRecord={detail} onRenamed={(key) => updated(key, `Renamed to “${key.label}”.`)} />
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      {finding && (
        <p className="notice notice-warning" role="status">
          {finding.message}
        </p>
      )}
      {act.error && <ErrorNotice error={act.error} onDismiss={() => act.setError(null)} />}
      {saved && (
        <p className="notice notice-success" role="status">
          {saved}
        </p>
      )}
      {record.rotationOf && record.status !== 'trashed' && (
        <RotationPanel keyRecord={record} old={old} busy={act.busy} run={act.run} onChanged={updated} />
      )}
      {record.status === 'active' && record.lastBackupAt === null && offerBackup && (
        <div className="notice notice-warning with-action" role="status">
          <span>
            <strong>Not backed up.</strong> 8x8 keeps no copy of this private key: if this computer is lost, so is the
            key.
          </span>
          <button type="button" onClick={onBackup}>
            Back up now…
          </button>
          <button type="button" className="quiet" onClick={onDismissBackup}>
            Not now
          </button>
        </div>
      )}
      <KeyLifecycle keyRecord={record} busy={act.busy} run={act.run} onChanged={updated} onRotated={onRotated} />

      {detail.kid === null && (
        <section className="next-steps" aria-labelledby="next-steps-title">
          <h2 id="next-steps-title">Next steps</h2>
          <ol>
            <li>
              <strong>Copy or save the public key</strong> below.
            </li>
            <li>
              <strong>Upload it in the JaaS console:</strong> API keys → Add API key → upload the public key.{' '}
              <button
                type="button"
                className="link"
                onClick={() => void act.run(() => call('openExternal', { url: JAAS_CONSOLE_URL }))}
              >
                Open the JaaS console
              </button>
            </li>
            <li>
              <strong>Paste the Key ID</strong> the console shows for it here:
            </li>
          </ol>
          <RecordKid keyRecord={detail} onRecorded={(key) => updated(key, `Recorded Key ID ${key.kid}.`)} />
        </section>
      )}

      <section aria-labelledby="facts-title">
        <h2 id="facts-title">Key</h2>
        <dl className="facts">
          <dt>AppID</dt>
          <dd>
            {detail.appId ? (
              <code>{detail.appId}</code>
            ) : (
              <span className="muted">Not known yet: recording the Key ID sets it.</span>
            )}
          </dd>
          <dt>Created</dt>
          <dd>
            {formatDate(detail.createdAt)}
            {detail.source !== 'generated' && ` (${detail.source})`}
          </dd>
          <dt>Size</dt>
          <dd>RSA {detail.bits} bits</dd>
          <dt>Fingerprint</dt>
          <dd className="with-action">
            <code data-testid="fingerprint">{detail.fingerprint}</code>
            <CopyButton
              className="small"
              label="Copy"
              copy={() => call('copyText', { text: detail.fingerprint })}
              onError={reportError}
            />
          </dd>
        </dl>
        <Randomart art={detail.randomart} />
      </section>

      {detail.kid !== null && record.status !== 'trashed' && (
        <section aria-labelledby="kid-title">
          <h2 id="kid-title">Key ID</h2>
          <RecordKid keyRecord={detail} onRecorded={(key) => updated(key, `Recorded Key ID ${key.kid}.`)} />
        </section>
      )}

      <section aria-labelledby="token-section-title">
        <h2 id="token-section-title">Meeting tokens</h2>
        <p className="muted">
          {record.status === 'active'
            ? 'Sign a JaaS meeting token with this key, for testing or to hand to a server.'
            : record.status === 'needs-kid'
              ? 'Record the Key ID first: a token needs it.'
              : `A ${record.status} key does not sign.`}
        </p>
        <button type="button" onClick={onMakeToken} disabled={record.status !== 'active'}>
          Make a meeting token…
        </button>
      </section>

      {record.status === 'active' && <UseThisKey keyRecord={record} onError={reportError} />}

      <section aria-labelledby="public-title">
        <h2 id="public-title">Public key</h2>
        <p className="muted">The half you upload to JaaS. It is not secret.</p>
        <pre className="pem" data-testid="public-pem" tabIndex={0} aria-label="Public key PEM">
          {detail.publicPem}
        </pre>
        <div className="row">
          <CopyButton
            className="primary"
            label="Copy public key"
            copy={() => call('copyPublicKey', { id })}
            onError={reportError}
          />
          <button type="button" onClick={savePublic} disabled={act.busy}>
            Save public key…
          </button>
        </div>
      </section>

      <section className="danger-zone" aria-labelledby="danger-title">
        <h2 id="danger-title">Private key</h2>
        <p className="muted">
          Stays in your OS keychain. Export it only to move it to a server that signs tokens; you will be asked to
          confirm.
        </p>
        <div className="row">
          <label htmlFor="private-format">Format</label>
          <select
            id="private-format"
            value={privateFormat}
            onChange={(event) => setPrivateFormat(event.target.value as 'pkcs1' | 'pkcs8')}
          >
            <option value="pkcs1">PKCS#1 PEM (as ssh-keygen -m PEM)</option>
            <option value="pkcs8">PKCS#8 PEM</option>
          </select>
          <button type="button" onClick={exportPrivate} disabled={act.busy}>
            Export private key…
          </button>
        </div>
      </section>

      <KeyHistory id={id} version={fresh ?? detail} />
    </article>
  );
}
