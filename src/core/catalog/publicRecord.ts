import type { KeyRecord } from '../../shared/keys';
import type { StoredKey } from './types';

/**
 * A key as it leaves the core: every field but the public PEM. Spelled out rather than
 * `{ publicPem, ...record }`, which is several times slower at 10,000 keys (bench/listBench.ts);
 * a field added to KeyRecord and not here is a type error, and test/core/keyFields.test.ts
 * checks the result against KEY_FIELDS.
 */
export function publicRecord(key: StoredKey): KeyRecord {
  return {
    id: key.id,
    label: key.label,
    appId: key.appId,
    kid: key.kid,
    createdAt: key.createdAt,
    kidRecordedAt: key.kidRecordedAt,
    bits: key.bits,
    fingerprint: key.fingerprint,
    source: key.source,
    status: key.status,
    current: key.current,
    retiredAt: key.retiredAt,
    trashedAt: key.trashedAt,
    purgeAfter: key.purgeAfter,
    statusBeforeTrash: key.statusBeforeTrash,
    tokensSigned: key.tokensSigned,
    lastTokenAt: key.lastTokenAt,
    longestTokenSeconds: key.longestTokenSeconds,
    rotationOf: key.rotationOf,
    lastBackupAt: key.lastBackupAt,
  };
}
