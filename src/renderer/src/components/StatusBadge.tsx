import type { KeyRecord } from '../../../shared/keys';

export type BadgeKind = 'needs-kid' | 'current' | 'active' | 'retired' | 'trashed' | 'problem';

export function badgeOf(key: KeyRecord, problemIds: ReadonlySet<string>): BadgeKind {
  if (problemIds.has(key.id)) return 'problem';
  if (key.status === 'active') return key.current ? 'current' : 'active';
  return key.status;
}

const LABELS: Record<BadgeKind, string> = {
  'needs-kid': 'Needs kid',
  current: 'Current',
  active: 'Active',
  retired: 'Retired',
  trashed: 'In trash',
  problem: 'Problem found',
};

export function StatusBadge({ status }: { status: BadgeKind }) {
  return <span className={`badge badge-${status}`}>{LABELS[status]}</span>;
}
