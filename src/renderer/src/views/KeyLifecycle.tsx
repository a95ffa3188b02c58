import { useState } from 'react';
import type { Rotation } from '../../../shared/contract';
import type { KeyRecord } from '../../../shared/keys';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { badgeOf, StatusBadge } from '../components/StatusBadge';
import { call } from '../lib/api';
import { formatDate } from '../lib/sortKeys';
import type { useAction } from '../lib/useAction';

interface Props {
  keyRecord: KeyRecord;
  busy: boolean;
  run: ReturnType<typeof useAction>['run'];
  onChanged: (key: KeyRecord | null, message: string) => void;
  onRotated: (rotation: Rotation) => void;
}

type Dialog = 'retire' | 'delete' | 'purge' | null;

const consoleNote = (key: KeyRecord) =>
  key.kid ? ` Its public key (kid ${key.kid}) is still in the JaaS console: delete it there too.` : '';

/** Status and the actions that change it: make current, rotate, retire, delete to the trash; in the trash, undelete and purge. */
export function KeyLifecycle({ keyRecord: key, busy, run, onChanged, onRotated }: Props) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const id = key.id;

  async function activate() {
    const value = await run(() => call('activateKey', { id }));
    if (value)
      onChanged(
        value.key,
        `“${key.label}” is now the current key of ${key.appId}.${value.previous ? ` “${value.previous.label}” stays active until you retire it.` : ''}`,
      );
  }
  async function rotate() {
    const value = await run(() => call('rotateKey', { id }));
    if (value) onRotated(value);
  }
  async function retire() {
    close();
    const value = await run(() => call('retireKey', { id }));
    if (value) onChanged(value, `Retired “${key.label}”; it no longer signs.${consoleNote(key)}`);
  }
  async function unretire() {
    const value = await run(() => call('unretireKey', { id }));
    if (value)
      onChanged(value, `“${key.label}” signs again${value.current ? ` as the current key of ${value.appId}` : ''}.`);
  }
  async function trash() {
    close();
    const value = await run(() => call('deleteKey', { id }));
    if (value)
      onChanged(
        null,
        `Moved “${key.label}” to the trash; undelete it there until ${formatDate(value.purgeAfter)}.${consoleNote(key)}`,
      );
  }
  async function undelete() {
    const value = await run(() => call('undeleteKey', { id }));
    if (value) onChanged(value, `“${key.label}” is back from the trash.`);
  }
  async function purge(confirmation: string) {
    close();
    const value = await run(() => call('purgeKey', { id, confirmation }));
    if (value)
      onChanged(
        null,
        `Purged “${key.label}”: its private key is gone for good; its history remains.${consoleNote(key)}`,
      );
  }

  return (
    <section className="lifecycle" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">
        Status <StatusBadge status={badgeOf(key, new Set())} />
      </h2>
      {key.status === 'trashed' ? (
        <>
          <p>
            In the trash since {formatDate(key.trashedAt)}; it will be purged on {formatDate(key.purgeAfter)}. Its
            private key is still in the keychain until then.
          </p>
          <div className="row">
            <button type="button" className="primary" onClick={undelete} disabled={busy}>
              Undelete
            </button>
            <button type="button" className="danger" onClick={() => setDialog('purge')} disabled={busy}>
              Purge now…
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">
            {key.status === 'needs-kid' && 'Record the Key ID the JaaS console shows for this key; then it can sign.'}
            {key.status === 'active' &&
              (key.current
                ? `The current key of ${key.appId}: it signs when the AppID is named (jaas-keys token ${key.appId}).`
                : `Active: it signs when named, but ${key.appId} has another current key.`)}
            {key.status === 'retired' &&
              `Retired on ${formatDate(key.retiredAt)}: it no longer signs. Delete its key in the JaaS console if you have not.`}
            {` Tokens signed: ${key.tokensSigned}${key.lastTokenAt ? `, last on ${formatDate(key.lastTokenAt)}` : ''}.`}
          </p>
          <div className="row">
            {key.status === 'active' && !key.current && (
              <button type="button" className="primary" onClick={activate} disabled={busy}>
                Make current
              </button>
            )}
            {key.status === 'active' && key.appId && (
              <button type="button" onClick={rotate} disabled={busy}>
                Rotate this key…
              </button>
            )}
            {key.status === 'retired' ? (
              <button type="button" onClick={unretire} disabled={busy}>
                Unretire
              </button>
            ) : (
              <button type="button" onClick={() => setDialog('retire')} disabled={busy}>
                Retire…
              </button>
            )}
            <button type="button" className="danger" onClick={() => setDialog('delete')} disabled={busy}>
              Delete key…
            </button>
          </div>
        </>
      )}
      {dialog === 'retire' && (
        <ConfirmDialog title={`Retire “${key.label}”?`} confirmLabel="Retire key" onConfirm={retire} onCancel={close}>
          <p>
            It stops signing tokens. Tokens it already signed keep working while its public key stays in the JaaS
            console.
          </p>
          {key.current && (
            <p>
              <strong>It is the current key of {key.appId}:</strong> that AppID then has no current key until you make
              another one current.
            </p>
          )}
        </ConfirmDialog>
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete “${key.label}”?`}
          confirmLabel="Move to trash"
          danger
          onConfirm={trash}
          onCancel={close}
        >
          <p>
            It moves to the trash and stops signing. You can undelete it for 30 days; after that its private key is
            purged from the keychain.
          </p>
          {key.kid && (
            <p>
              Its public key (Key ID <code>{key.kid}</code>) stays in the JaaS console: delete it there too once you are
              sure.
            </p>
          )}
        </ConfirmDialog>
      )}
      {dialog === 'purge' && (
        <ConfirmDialog
          title={`Purge “${key.label}” for good?`}
          confirmLabel="Purge key"
          danger
          onConfirm={purge}
          onCancel={close}
          typeToConfirm={{
            prompt: 'Type the key’s label (or its Key ID) to confirm',
            accepted: [key.label, ...(key.kid ? [key.kid] : [])],
          }}
        >
          <p>
            Its private key leaves the keychain and cannot come back. Its history stays, so you can still tell which key
            a kid was.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
