import type { ErrorValue } from '../../../shared/errors';
import type { KeyRecord } from '../../../shared/keys';
import { CopyButton } from '../components/CopyButton';
import { call } from '../lib/api';

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
      <p className="muted">
        The README’s “Keys at work” section has the options (a key file instead, other variable names, allowed origins,
        lifetimes).
      </p>
    </section>
  );
}
