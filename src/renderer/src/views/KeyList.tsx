import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyRecord } from '../../../shared/keys';
import { randomartFromFingerprint } from '../../../shared/randomart';
import { rotationProgress } from '../../../shared/rotation';
import { Randomart } from '../components/Randomart';
import { badgeOf, StatusBadge } from '../components/StatusBadge';
import { groupByAppId, shortAppId } from '../lib/groupKeys';
import { formatDate, prepareSorting, visibleKeys, type SortOrder } from '../lib/sortKeys';

export type ListView = 'keys' | 'trash';

interface Props {
  /** Every key, trashed ones included; the list shows the live keys or the trash. */
  keys: readonly KeyRecord[];
  problemIds: ReadonlySet<string>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  view: ListView;
  onViewChange: (view: ListView) => void;
}

const KeyRow = memo(function KeyRow({
  item,
  badge,
  rotation,
  selected,
  onSelect,
}: {
  item: KeyRecord;
  badge: ReturnType<typeof badgeOf>;
  rotation: string | null;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const art = useMemo(() => randomartFromFingerprint(item.fingerprint, item.bits), [item.fingerprint, item.bits]);
  return (
    <li className="key-row-item">
      <button
        type="button"
        className={`key-row${selected ? ' selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(item.id)}
        data-key-id={item.id}
      >
        {art && <Randomart art={art} size="small" />}
        <span className="key-row-text">
          <span className="key-row-label">{item.label}</span>
          <span className="key-row-meta">
            {item.status === 'trashed'
              ? `Purged ${formatDate(item.purgeAfter)}`
              : `Created ${formatDate(item.createdAt)}`}
          </span>
          {rotation && <span className="key-row-meta rotation-note">{rotation}</span>}
          <span className="badges">
            <StatusBadge status={badge} />
            {item.status === 'active' && item.lastBackupAt === null && (
              <span className="badge badge-not-backed-up">Not backed up</span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
});

/**
 * Rows rendered at first and per "Show more": enough to fill a tall screen, few
 * enough that a re-sort or filter re-renders within a frame however many keys
 * there are. Scrolling to the end shows the next page; so does the button.
 */
export const PAGE_SIZE = 50;

/** The "Show more" button, which also shows the next page when it scrolls into view. */
function ShowMore({
  rendered,
  remaining,
  onMore,
}: {
  rendered: number;
  remaining: number;
  onMore: (rendered: number) => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = button.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onMore(rendered);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [rendered, onMore]);
  return (
    <button ref={button} type="button" className="show-more" onClick={() => onMore(rendered)}>
      Show {Math.min(PAGE_SIZE, remaining)} more of {remaining} (or filter)
    </button>
  );
}

/** The sidebar: keys grouped by AppID (each headed by its current key), or the trash; filter and sort. */
export function KeyList({ keys, problemIds, selectedId, onSelect, view, onViewChange }: Props) {
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<SortOrder>('newest');
  const byId = useMemo(() => new Map(keys.map((key) => [key.id, key])), [keys]);
  const inView = useMemo(() => keys.filter((key) => (key.status === 'trashed') === (view === 'trash')), [keys, view]);
  const trashCount = keys.length - keys.filter((key) => key.status !== 'trashed').length;
  const shown = useMemo(() => visibleKeys(inView, filter, order), [inView, filter, order]);
  const [limit, setLimit] = useState(PAGE_SIZE);
  useEffect(() => setLimit(PAGE_SIZE), [filter, order, view]);
  // The first sort by label would otherwise pay for making the collator.
  useEffect(
    () =>
      void (typeof requestIdleCallback === 'function'
        ? requestIdleCallback(prepareSorting)
        : setTimeout(prepareSorting, 0)),
    [],
  );
  // From the count shown when asked: a click and the scroll observer asking together add one page, not two.
  const showMore = useCallback(
    (rendered: number) => setLimit((current) => Math.max(current, rendered + PAGE_SIZE)),
    [],
  );
  // Groups keep their order; rows are cut after `limit` across them, and the selected key stays rendered.
  const grouped = useMemo(
    () => (view === 'trash' ? [{ appId: null, current: null, keys: shown }] : groupByAppId(shown)),
    [shown, view],
  );
  const flat = grouped.flatMap((group) => group.keys);
  const selectedIndex = selectedId ? flat.findIndex((item) => item.id === selectedId) : -1;
  const renderedCount = Math.min(flat.length, Math.max(limit, selectedIndex + 1));
  let budget = renderedCount;

  return (
    <nav className="key-list" aria-label="Keys">
      <div className="list-switch" role="group" aria-label="Show">
        <button type="button" aria-pressed={view === 'keys'} onClick={() => onViewChange('keys')}>
          Keys ({keys.length - trashCount})
        </button>
        <button type="button" aria-pressed={view === 'trash'} onClick={() => onViewChange('trash')}>
          Trash ({trashCount})
        </button>
      </div>
      <div className="key-list-tools">
        <label className="visually-hidden" htmlFor="key-filter">
          Filter keys
        </label>
        <input
          id="key-filter"
          type="search"
          placeholder="Filter keys"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <label className="visually-hidden" htmlFor="key-sort">
          Sort keys
        </label>
        <select id="key-sort" value={order} onChange={(event) => setOrder(event.target.value as SortOrder)}>
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
          <option value="label">By label</option>
        </select>
      </div>
      <p className="key-list-count" aria-live="polite">
        {shown.length === inView.length
          ? `${inView.length} ${inView.length === 1 ? 'key' : 'keys'}${view === 'trash' ? ' in the trash' : ''}`
          : `${shown.length} of ${inView.length} keys`}
      </p>
      {view === 'trash' && inView.length > 0 && (
        <p className="key-list-note">Deleted keys come back with Undelete for 30 days, then they are purged.</p>
      )}
      {grouped.map((group) => {
        if (budget <= 0) return null;
        const rows = group.keys.slice(0, budget);
        budget -= rows.length;
        return (
          <section
            className="key-group"
            key={group.appId ?? 'none'}
            aria-label={view === 'trash' ? 'Trash' : (group.appId ?? 'Keys without an AppID')}
          >
            {view === 'keys' && (
              <h2 className="key-group-title">
                <span className="mono">{group.appId ? shortAppId(group.appId) : 'No AppID yet'}</span>
                {group.appId && (
                  <span className="key-group-current">
                    {group.current ? `Current: ${group.current.label}` : 'No current key'}
                  </span>
                )}
              </h2>
            )}
            <ul className="key-rows">
              {rows.map((item, position) => {
                const old = item.rotationOf ? byId.get(item.rotationOf) : undefined;
                const progress = item.rotationOf && item.status !== 'trashed' ? rotationProgress(item, old) : null;
                const rotation =
                  progress && !progress.done
                    ? `Rotation of ${old?.label ?? 'a deleted key'}: step ${progress.step} of 3`
                    : null;
                // Keyed by position, not id: a re-sort or filter then updates the rows in place instead of
                // replacing each one (a row holds no state of its own, and focus is on the filter or sort control).
                return (
                  <KeyRow
                    key={position}
                    item={item}
                    badge={badgeOf(item, problemIds)}
                    rotation={rotation}
                    selected={item.id === selectedId}
                    onSelect={onSelect}
                  />
                );
              })}
            </ul>
          </section>
        );
      })}
      {renderedCount < flat.length && (
        <ShowMore rendered={renderedCount} remaining={flat.length - renderedCount} onMore={showMore} />
      )}
      {shown.length === 0 && inView.length > 0 && <p className="key-list-empty">No key matches “{filter}”.</p>}
      {inView.length === 0 && (
        <p className="key-list-empty">
          {view === 'trash' ? 'The trash is empty.' : 'No keys; deleted ones are in the Trash.'}
        </p>
      )}
    </nav>
  );
}
