import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { keyJson } from '../../src/cli/format';
import { backupSchema } from '../../src/core/backup/backupFile';
import { checkedCatalogV2 } from '../../src/core/catalog/catalogCheck';
import { catalogV2Schema } from '../../src/core/catalog/catalogSchema';
import { publicRecord } from '../../src/core/catalog/publicRecord';
import type { StoredKey } from '../../src/core/catalog/types';
import { KEY_BACKUP_OMITS, KEY_FIELDS, KEY_JSON_OMITS, newKeyLifecycle } from '../../src/shared/keys';

// A key's fields are listed once (KEY_FIELDS in src/shared/keys.ts). Each form a key
// takes must carry every one of them, less the omissions each names on purpose.

const stored: StoredKey = {
  id: '0123456789abcdef',
  label: 'fields',
  appId: null,
  kid: null,
  createdAt: '2026-12-03T00:00:00.000Z',
  kidRecordedAt: null,
  bits: 4096,
  fingerprint: `SHA256:${'A'.repeat(43)}`,
  source: 'generated',
  publicPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
  ...newKeyLifecycle(),
};
const sorted = (names: Iterable<string>) => [...names].sort();
const without = (omit: readonly string[]) => KEY_FIELDS.filter((field) => !omit.includes(field));

describe('a key’s fields, in one place', () => {
  it('the record that leaves the core carries every field and nothing else', () => {
    expect(sorted(Object.keys(publicRecord(stored)))).toEqual(sorted(KEY_FIELDS));
  });

  it('the key list’s schema and its fast check know every field, and the public key', () => {
    const shape = catalogV2Schema.shape.keys.element.shape;
    expect(sorted(Object.keys(shape))).toEqual(sorted([...KEY_FIELDS, 'publicPem']));
    const list = { version: 2, keys: [stored], history: [] };
    expect(checkedCatalogV2(structuredClone(list))).not.toBeNull();
    for (const field of KEY_FIELDS.filter((name) => name !== 'lastBackupAt')) {
      const broken = structuredClone(list) as unknown as { keys: Array<Record<string, unknown>> };
      delete broken.keys[0]![field];
      expect(checkedCatalogV2(broken), `a key without ${field}`).toBeNull();
    }
  });

  it('--json carries every field but the bookkeeping it leaves out, in the listed order', () => {
    expect(Object.keys(keyJson(publicRecord(stored)))).toEqual(without(KEY_JSON_OMITS));
  });

  it('a backup carries every field but the ones it leaves out, with the history and the private key', () => {
    const shape = backupSchema.shape.keys.element.shape;
    expect(sorted(Object.keys(shape))).toEqual(sorted([...without(KEY_BACKUP_OMITS), 'history', 'privateKeyPem']));
  });

  it('docs/cli.md documents exactly the --json fields', async () => {
    const doc = await readFile('docs/cli.md', 'utf8');
    const section = doc.slice(doc.indexOf('## JSON output'));
    const table = section.slice(0, section.indexOf('\n## ', 5));
    const documented = [...table.matchAll(/^\| `([a-zA-Z]+)` \|/gm)].map((match) => match[1]!);
    expect(documented).toEqual(without(KEY_JSON_OMITS));
  });
});
