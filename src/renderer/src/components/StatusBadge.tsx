import type { KeyRecord } from '../../../shared/keys';

export type KeyStatus = 'needs-kid' | 'ready' | 'problem';

export function keyStatus(key: KeyRecord, problemIds: ReadonlySet<string>): KeyStatus {
  if (problemIds.has(key.id)) return 'problem';
  return key.kid ? 'ready' : 'needs-kid';
}

const LABELS: Record<KeyStatus, string> = {
  'needs-kid': 'Kid needed',
  ready: 'Kid recorded',
  problem: 'Problem found',
};

export function StatusBadge({ status }: { status: KeyStatus }) {
  return <span className={`badge badge-${status}`}>{LABELS[status]}</span>;
}
