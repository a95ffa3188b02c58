import { HISTORY_EVENTS, KEY_FIELDS, KEY_STATUSES } from '../../shared/keys';
import type { CatalogState } from './types';

// A fast yes/no check of a parsed version 2 key list, with exactly the rules of
// catalogV2Schema (catalogSchema.ts). Every read of the list goes through it: at
// 10,000 keys it takes a few milliseconds where the zod schema takes 50-100, and
// `jaas-keys list` need not load zod at all. The zod schema stays the reference:
// when this check says no, the catalog asks the schema, which names the problem
// (and whose verdict wins); test/core/catalogCheck.test.ts feeds both generated
// lists, valid and damaged, and requires the same answer.

type Json = Record<string, unknown>;

const ID = /^[0-9a-f]{16}$/;
const SOURCES: ReadonlySet<unknown> = new Set(['generated', 'imported', 'recovered', 'restored']);
const STATUSES: ReadonlySet<unknown> = new Set(KEY_STATUSES);
const BEFORE_TRASH: ReadonlySet<unknown> = new Set(['needs-kid', 'active', 'retired']);
const EVENTS: ReadonlySet<unknown> = new Set(HISTORY_EVENTS);

const STORED_FIELDS: ReadonlySet<string> = new Set([...KEY_FIELDS, 'publicPem']);
const HISTORY_FIELDS: ReadonlySet<string> = new Set(['at', 'keyId', 'event', 'detail']);
const DETAIL_FIELDS: ReadonlySet<string> = new Set(['label', 'kid', 'fingerprint', 'note']);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const stringOrNull = (value: unknown) => value === null || typeof value === 'string';
const isTime = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const timeOrNull = (value: unknown) => value === null || isTime(value);
const isId = (value: unknown) => typeof value === 'string' && ID.test(value);

/** Only the named fields, each present (zod's strictObject: an unknown field is an error). */
function onlyFields(value: Json, fields: ReadonlySet<string>): boolean {
  for (const name of Object.keys(value)) if (!fields.has(name)) return false;
  return true;
}

function isKey(key: unknown): boolean {
  if (!isObject(key) || !onlyFields(key, STORED_FIELDS)) return false;
  // Written before backups existed: the schema's default.
  if (key.lastBackupAt === undefined) key.lastBackupAt = null;
  const fieldsValid =
    isId(key.id) &&
    isString(key.label) &&
    key.label.length >= 1 &&
    stringOrNull(key.appId) &&
    stringOrNull(key.kid) &&
    stringOrNull(key.createdAt) &&
    stringOrNull(key.kidRecordedAt) &&
    Number.isSafeInteger(key.bits) &&
    (key.bits as number) > 0 &&
    isString(key.fingerprint) &&
    key.fingerprint.startsWith('SHA256:') &&
    SOURCES.has(key.source) &&
    isString(key.publicPem) &&
    key.publicPem.startsWith('-----BEGIN PUBLIC KEY-----\n') &&
    STATUSES.has(key.status) &&
    typeof key.current === 'boolean' &&
    timeOrNull(key.retiredAt) &&
    timeOrNull(key.trashedAt) &&
    timeOrNull(key.purgeAfter) &&
    (key.statusBeforeTrash === null || BEFORE_TRASH.has(key.statusBeforeTrash)) &&
    Number.isSafeInteger(key.tokensSigned) &&
    (key.tokensSigned as number) >= 0 &&
    timeOrNull(key.lastTokenAt) &&
    (key.longestTokenSeconds === null ||
      (Number.isSafeInteger(key.longestTokenSeconds) && (key.longestTokenSeconds as number) > 0)) &&
    (key.rotationOf === null || isId(key.rotationOf)) &&
    timeOrNull(key.lastBackupAt);
  if (!fieldsValid) return false;
  // The status rules (the schema's superRefine).
  if (key.current && key.status !== 'active') return false;
  if (key.status === 'active' && key.kid === null) return false;
  if (key.status === 'needs-kid' && key.kid !== null) return false;
  const trashFields = key.trashedAt !== null && key.purgeAfter !== null && key.statusBeforeTrash !== null;
  if ((key.status === 'trashed') !== trashFields) return false;
  return !(key.status === 'retired' && key.retiredAt === null);
}

function isHistoryEntry(entry: unknown): boolean {
  if (!isObject(entry) || !onlyFields(entry, HISTORY_FIELDS)) return false;
  const detail = entry.detail;
  return (
    isTime(entry.at) &&
    isId(entry.keyId) &&
    EVENTS.has(entry.event) &&
    isObject(detail) &&
    onlyFields(detail, DETAIL_FIELDS) &&
    isString(detail.label) &&
    stringOrNull(detail.kid) &&
    isString(detail.fingerprint) &&
    (detail.note === undefined || isString(detail.note))
  );
}

/**
 * The keys and history of `json` when it is a valid version 2 key list, else null.
 * Works on the parsed JSON in place (fills the one default) rather than copying 10,000 keys.
 */
export function checkedCatalogV2(json: unknown): CatalogState | null {
  if (!isObject(json) || json.version !== 2 || !Array.isArray(json.keys) || !Array.isArray(json.history)) return null;
  const keys: unknown[] = json.keys;
  const history: unknown[] = json.history;
  const ids = new Set<unknown>();
  const currentAppIds = new Set<unknown>();
  for (const key of keys) {
    if (!isKey(key)) return null;
    const { id, current, appId } = key as Json;
    if (ids.has(id)) return null;
    ids.add(id);
    if (current) {
      if (appId === null || currentAppIds.has(appId)) return null;
      currentAppIds.add(appId);
    }
  }
  for (const entry of history) if (!isHistoryEntry(entry)) return null;
  return { keys: keys as CatalogState['keys'], history: history as CatalogState['history'] };
}
