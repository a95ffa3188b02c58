import { memo, useEffect, useMemo, useState } from 'react';
import type { KeyRecord } from '../../../shared/keys';
import { randomartFromFingerprint } from '../../../shared/randomart';
import { Randomart } from '../components/Randomart';
import { keyStatus, StatusBadge } from '../components/StatusBadge';
import { formatDate, visibleKeys, type SortOrder } from '../lib/sortKeys';

interface Props {
  keys: readonly KeyRecord[];
  problemIds: ReadonlySet<string>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

const KeyRow = memo(function KeyRow({ item, status, selected, onSelect }: { item: KeyRecord; status: ReturnType<typeof keyStatus>; selected: boolean; onSelect: (id: string) => void }) {
  const art = useMemo(() => randomartFromFingerprint(item.fingerprint, item.bits), [item.fingerprint, item.bits]);
  return (
    <li className="key-row-item">
      <button type="button" className={`key-row${selected ? ' selected' : ''}`} aria-current={selected ? 'true' : undefined} onClick={() => onSelect(item.id)} data-key-id={item.id}>
        {art && <Randomart art={art} size="small" />}
        <span className="key-row-text">
          <span className="key-row-label">{item.label}</span>
          <span className="key-row-meta">{item.appId ? item.appId.replace('vpaas-magic-cookie-', 'vpaas…') : 'No AppID yet'}</span>
          <span className="key-row-meta">Created {formatDate(item.createdAt)}</span>
          <StatusBadge status={status} />
        </span>
      </button>
    </li>
  );
});

/**
 * Rows rendered at first and per "Show more": enough to fill any screen, few
 * enough that 10,000 keys never cost 10,000 rows of DOM. Filtering narrows it.
 */
export const PAGE_SIZE = 200;

/** The sidebar: filter, sort and the keys, each with its status and a small randomart. */
export function KeyList({ keys, problemIds, selectedId, onSelect }: Props) {
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<SortOrder>('newest');
  const shown = useMemo(() => visibleKeys(keys, filter, order), [keys, filter, order]);
  const [limit, setLimit] = useState(PAGE_SIZE);
  useEffect(() => setLimit(PAGE_SIZE), [filter, order]);
  // The selected key stays rendered even when it sorts beyond the first page.
  const selectedIndex = selectedId ? shown.findIndex((item) => item.id === selectedId) : -1;
  const rendered = shown.slice(0, Math.max(limit, selectedIndex + 1));
  return (
    <nav className="key-list" aria-label="Keys">
      <div className="key-list-tools">
        <label className="visually-hidden" htmlFor="key-filter">Filter keys</label>
        <input id="key-filter" type="search" placeholder="Filter keys" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <label className="visually-hidden" htmlFor="key-sort">Sort keys</label>
        <select id="key-sort" value={order} onChange={(event) => setOrder(event.target.value as SortOrder)}>
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
          <option value="label">By label</option>
        </select>
      </div>
      <p className="key-list-count" aria-live="polite">
        {shown.length === keys.length ? `${keys.length} ${keys.length === 1 ? 'key' : 'keys'}` : `${shown.length} of ${keys.length} keys`}
      </p>
      <ul className="key-rows">
        {rendered.map((item) => (
          <KeyRow key={item.id} item={item} status={keyStatus(item, problemIds)} selected={item.id === selectedId} onSelect={onSelect} />
        ))}
      </ul>
      {rendered.length < shown.length && (
        <button type="button" className="show-more" onClick={() => setLimit(rendered.length + PAGE_SIZE)}>
          Show {Math.min(PAGE_SIZE, shown.length - rendered.length)} more of {shown.length - rendered.length} (or filter)
        </button>
      )}
      {shown.length === 0 && keys.length > 0 && <p className="key-list-empty">No key matches “{filter}”.</p>}
    </nav>
  );
}
