import type { KeyRecord } from './keys';

/** Where a rotation stands, from the two keys' statuses alone (so it survives closing the window). */
export interface RotationProgress {
  /** 1 upload and record the kid, 2 make the new key current, 3 wait, then retire the old key. */
  step: 1 | 2 | 3;
  done: boolean;
  /** What to do next, in a sentence. */
  next: string;
}

export const ROTATION_STEPS = [
  'Upload the new public key and record its Key ID',
  'Make the new key current',
  'Wait for the old tokens to expire, then retire the old key',
] as const;

export function rotationProgress(next: KeyRecord, old: KeyRecord | undefined): RotationProgress {
  const oldGone = !old || old.status === 'retired' || old.status === 'trashed';
  if (next.status === 'needs-kid')
    return { step: 1, done: false, next: 'Upload its public key in the JaaS console and record the Key ID it shows.' };
  if (!next.current && !oldGone)
    return { step: 2, done: false, next: 'Make this key current: it then signs for the AppID.' };
  if (!oldGone)
    return { step: 3, done: false, next: `Wait until the tokens "${old.label}" signed have expired, then retire it.` };
  return { step: 3, done: true, next: 'Rotation done.' };
}
