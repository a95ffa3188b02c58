import type { KeyRecord } from '../../../shared/keys';
import { ROTATION_STEPS, rotationProgress } from '../../../shared/rotation';
import { call } from '../lib/api';
import type { useAction } from '../lib/useAction';

interface Props {
  keyRecord: KeyRecord;
  /** The key this one replaces; undefined once it was purged. */
  old: KeyRecord | undefined;
  busy: boolean;
  run: ReturnType<typeof useAction>['run'];
  onChanged: (key: KeyRecord | null, message: string) => void;
}

function waitText(old: KeyRecord): string {
  const seconds = old.longestTokenSeconds ?? 7200;
  const hours = seconds / 3600;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} hour${hours === 1 ? '' : 's'}${old.longestTokenSeconds ? ', the longest lifetime of a token it signed' : ', the default token lifetime'}`;
}

/**
 * The rotation wizard, on the new key: its progress comes from the two keys'
 * statuses, so it survives closing the window. Steps 1 and 2 use the sections
 * below (public key, Key ID); this panel does the rest in place.
 */
export function RotationPanel({ keyRecord: key, old, busy, run, onChanged }: Props) {
  const progress = rotationProgress(key, old);
  if (progress.done) return null;
  async function makeCurrent() {
    const value = await run(() => call('activateKey', { id: key.id }));
    if (value)
      onChanged(
        value.key,
        `“${key.label}” is now the current key; “${old?.label}” keeps its tokens working until you retire it.`,
      );
  }
  async function retireOld() {
    if (!old) return;
    const value = await run(() => call('retireKey', { id: old.id }));
    if (value)
      onChanged(
        key,
        `Retired “${old.label}”. Rotation done: delete its key in the JaaS console (kid ${old.kid ?? 'none'}).`,
      );
  }
  return (
    <section className="rotation" aria-labelledby="rotation-title">
      <h2 id="rotation-title">
        Rotation of “{old?.label ?? 'a deleted key'}”: step {progress.step} of 3
      </h2>
      <ol>
        {ROTATION_STEPS.map((text, index) => (
          <li
            key={text}
            aria-current={index + 1 === progress.step ? 'step' : undefined}
            className={index + 1 < progress.step ? 'done' : undefined}
          >
            {text}
          </li>
        ))}
      </ol>
      <p>
        {progress.next}
        {progress.step === 1 &&
          ' Copy or save the public key below, upload it, then paste the Key ID under “Next steps”.'}
      </p>
      {progress.step === 2 && (
        <button type="button" className="primary" onClick={makeCurrent} disabled={busy}>
          Make “{key.label}” current
        </button>
      )}
      {progress.step === 3 && old && (
        <>
          <p>
            Wait {waitText(old)}, counted from when this key became current, so every token “{old.label}” signed has
            expired. Then retire it and delete its key (<code>{old.kid}</code>) in the JaaS console.
          </p>
          <button type="button" onClick={retireOld} disabled={busy}>
            Retire “{old.label}”
          </button>
        </>
      )}
    </section>
  );
}
