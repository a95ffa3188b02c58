import { useState } from 'react';
import type { ErrorValue } from '../../../shared/errors';
import type { KeyRecord, PrivateFormat } from '../../../shared/keys';
import { CopyButton } from '../components/CopyButton';
import { call } from '../lib/api';

/** The forms a server reads, as the window offers them; env and k8s are also saved as files. */
const FORMS: { format: PrivateFormat; name: string; use: string; save: boolean }[] = [
  {
    format: 'env',
    name: '.env block',
    use: 'JAAS_APP_ID, JAAS_KID and JAAS_PRIVATE_KEY for dotenv readers and Docker Compose',
    save: true,
  },
  { format: 'k8s', name: 'Kubernetes Secret', use: 'a manifest for kubectl apply -f', save: true },
  { format: 'env-base64', name: 'Base64 .env block', use: 'for platforms whose secrets keep one line', save: false },
  { format: 'pkcs8', name: 'PKCS#8 PEM', use: 'what Java and Go read', save: false },
  { format: 'json', name: 'JSON', use: 'appId, kid and privateKey', save: false },
  { format: 'jwk', name: 'JWK', use: 'a private JSON Web Key with kid, alg and use', save: false },
];

/** Copies and saves of a private form: main asks first, and keeps the key from the window. */
function ServerForms({ keyRecord, onError }: { keyRecord: KeyRecord; onError: (error: ErrorValue) => void }) {
  const [notice, setNotice] = useState<string | null>(null);
  const quiet = (error: ErrorValue) => (error.code === 'cancelled' ? undefined : onError(error));
  async function save(format: PrivateFormat) {
    const result = await call('exportPrivateKey', { id: keyRecord.id, format });
    if (result.ok) setNotice(`Saved to ${result.value.path} (readable only by you).`);
    else quiet(result.error);
  }
  return (
    <>
      <h3>For a server</h3>
      <p className="muted">
        Each form holds the private key. The app asks before it copies or saves one, and clears the clipboard after a
        minute.
      </p>
      <ul className="server-forms" aria-label="Forms for a server">
        {FORMS.map(({ format, name, use, save: saves }) => (
          <li key={format}>
            <span>
              <strong>{name}</strong> <span className="muted">{use}</span>
            </span>
            <CopyButton
              className="small"
              label={`Copy ${name}`}
              copy={() => call('copyPrivateForm', { id: keyRecord.id, format })}
              onError={quiet}
            />
            {saves && (
              <button type="button" className="small" onClick={() => void save(format)}>
                Save {name}…
              </button>
            )}
          </li>
        ))}
      </ul>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
    </>
  );
}

/** The two ways to put this key to work without a key file, ready to copy. The app itself starts no servers. */
export function UseThisKey({ keyRecord, onError }: { keyRecord: KeyRecord; onError: (error: ErrorValue) => void }) {
  const commands = [
    {
      what: 'Run a server or script with this key in its environment only (JAAS_APP_ID, JAAS_KID, JAAS_PRIVATE_KEY); nothing is written to disk.',
      command: `jaas-keys run ${keyRecord.id} -- node server.js`,
    },
    {
      what: 'Serve meeting tokens to a front end you are developing, on 127.0.0.1, behind a secret printed at start.',
      command: `jaas-keys serve ${keyRecord.id} --origin http://localhost:5173`,
    },
  ];
  return (
    <section aria-labelledby="use-title">
      <h2 id="use-title">Use this key</h2>
      {commands.map(({ what, command }) => (
        <div key={command}>
          <p className="muted">{what}</p>
          <p className="with-action">
            <code>{command}</code>
            <CopyButton
              className="small"
              label="Copy"
              copy={() => call('copyText', { text: command })}
              onError={onError}
            />
          </p>
        </div>
      ))}
      <ServerForms keyRecord={keyRecord} onError={onError} />
      <p className="muted">
        The README’s “Keys at work” section has the options (a key file instead, other variable names, allowed origins,
        lifetimes).
      </p>
    </section>
  );
}
