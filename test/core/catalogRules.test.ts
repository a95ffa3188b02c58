import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Catalog } from '../../src/core/catalog/catalog';
import { checkedCatalogV2 } from '../../src/core/catalog/catalogCheck';
import { catalogV2Schema } from '../../src/core/catalog/catalogSchema';
import { tempDir } from '../support/fixtures';

// The consistency rules of a version 2 key list, one case each: the fast check and
// the zod schema must give the same verdict, and a refusal must name the field and
// the rule, as people read it in the error. The generated lists of catalogCheck.test.ts
// rarely break two fields in step (a trashed key's three fields, two current keys of
// one AppID), so each such rule is written out here.

const A = 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe';
const B = 'vpaas-magic-cookie-00000000000000000000000000000000';
const AT = '2026-03-01T10:00:00.000Z';
type Json = Record<string, unknown>;
type List = { version: unknown; keys: Json[]; history: Json[] } & Json;

function key(n: number, fields: Json): Json {
  const id = n.toString(16).padStart(16, '0');
  return {
    id,
    label: `key ${n}`,
    appId: null,
    kid: null,
    createdAt: AT,
    kidRecordedAt: null,
    bits: 4096,
    fingerprint: `SHA256:${n}`,
    source: 'generated',
    publicPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
    status: 'needs-kid',
    current: false,
    retiredAt: null,
    trashedAt: null,
    purgeAfter: null,
    statusBeforeTrash: null,
    tokensSigned: 0,
    lastTokenAt: null,
    longestTokenSeconds: null,
    rotationOf: null,
    lastBackupAt: null,
    ...fields,
  };
}

/** Four keys, one in each status: 0 active and current for A, 1 needs a kid, 2 retired (A), 3 trashed (was active for B). */
function goodList(): List {
  return {
    version: 2,
    keys: [
      key(0, { appId: A, kid: `${A}/k0`, kidRecordedAt: AT, status: 'active', current: true }),
      key(1, {}),
      key(2, { appId: A, kid: `${A}/k2`, kidRecordedAt: AT, status: 'retired', retiredAt: AT }),
      key(3, {
        appId: B,
        kid: `${B}/k3`,
        kidRecordedAt: AT,
        status: 'trashed',
        trashedAt: AT,
        purgeAfter: AT,
        statusBeforeTrash: 'active',
      }),
    ],
    history: [
      {
        at: AT,
        keyId: '0000000000000000',
        event: 'created',
        detail: { label: 'key 0', kid: null, fingerprint: 'SHA256:0' },
      },
      {
        at: AT,
        keyId: '0000000000000000',
        event: 'kid-recorded',
        detail: { label: 'key 0', kid: `${A}/k0`, fingerprint: 'SHA256:0', note: 'from the console' },
      },
    ],
  };
}

const refused: Array<[string, (list: List) => void, string]> = [
  [
    'a key that needs a kid but has one',
    (l) => (l.keys[1]!.kid = `${A}/k1`),
    'keys.1.status is not valid: a key with a kid does not need one',
  ],
  [
    'an active key without a kid',
    (l) => (l.keys[0]!.kid = null),
    'keys.0.status is not valid: an active key has a kid',
  ],
  [
    'a retired key without retiredAt',
    (l) => (l.keys[2]!.retiredAt = null),
    'keys.2.retiredAt is not valid: a retired key has retiredAt',
  ],
  [
    'a trashed key without the status it had',
    (l) => (l.keys[3]!.statusBeforeTrash = null),
    'keys.3.trashedAt is not valid: trashedAt, purgeAfter and statusBeforeTrash are set exactly for trashed keys',
  ],
  [
    'a trashed key without purgeAfter',
    (l) => (l.keys[3]!.purgeAfter = null),
    'keys.3.trashedAt is not valid: trashedAt, purgeAfter and statusBeforeTrash are set exactly for trashed keys',
  ],
  [
    'a key not in the trash with all three trash fields',
    (l) => Object.assign(l.keys[1]!, { trashedAt: AT, purgeAfter: AT, statusBeforeTrash: 'needs-kid' }),
    'keys.1.trashedAt is not valid: trashedAt, purgeAfter and statusBeforeTrash are set exactly for trashed keys',
  ],
  [
    'a current key that is retired',
    (l) => Object.assign(l.keys[0]!, { current: false }) && Object.assign(l.keys[2]!, { current: true }),
    'keys.2.current is not valid: only an active key can be current',
  ],
  [
    'a current key without an AppID',
    (l) => (l.keys[0]!.appId = null),
    'keys.0.current is not valid: a current key has an AppID',
  ],
  [
    'two current keys of one AppID',
    (l) => Object.assign(l.keys[2]!, { status: 'active', retiredAt: null, current: true }),
    `keys.2.current is not valid: two current keys for ${A}`,
  ],
  ['two keys with one id', (l) => (l.keys[1]!.id = l.keys[0]!.id), 'keys.1.id is not valid: ids are unique'],
  ['a field of the wrong type', (l) => (l.keys[0]!.bits = '4096'), 'keys.0.bits is not valid)'],
  ['a version that is a string', (l) => (l.version = '3'), 'version is not valid)'],
  ['a history entry with an unknown event', (l) => (l.history[1]!.event = 'exploded'), 'history.1.event is not valid)'],
];

const accepted: Array<[string, (list: List) => void]> = [
  ['the list as it is', () => undefined],
  [
    'current keys of two AppIDs',
    (l) =>
      Object.assign(l.keys[3]!, {
        status: 'active',
        current: true,
        trashedAt: null,
        purgeAfter: null,
        statusBeforeTrash: null,
      }),
  ],
  [
    'a trashed key that had no kid',
    (l) =>
      Object.assign(l.keys[1]!, { status: 'trashed', trashedAt: AT, purgeAfter: AT, statusBeforeTrash: 'needs-kid' }),
  ],
  ['a field the reader does not know at the top level', (l) => (l.written = 'by a test')],
  ['a key written before backups existed (no lastBackupAt)', (l) => delete l.keys[0]!.lastBackupAt],
];

describe('a version 2 key list, rule by rule', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each(refused)(
    'refuses %s, naming the field and the rule, and leaves the file as it was',
    async (_name, spoil, message) => {
      const list = goodList();
      spoil(list);
      expect(checkedCatalogV2(structuredClone(list))).toBeNull();
      expect(catalogV2Schema.safeParse(structuredClone(list)).success).toBe(false);
      const text = JSON.stringify(list);
      await writeFile(join(dir, 'keys.json'), text);
      const error = await new Catalog(dir).read().then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toMatchObject({ code: 'catalog_corrupt' });
      expect((error as Error).message).toBe(
        `The key list ${join(dir, 'keys.json')} is damaged (${message.replace(/\)$/, '')}). It was left untouched; restore it from a backup or move it aside. Private keys in the keychain are not affected.`,
      );
      expect(await readFile(join(dir, 'keys.json'), 'utf8')).toBe(text);
    },
  );

  it.each(accepted)('accepts %s, with the same keys through either check', async (_name, change) => {
    const list = goodList();
    change(list);
    const parsed = catalogV2Schema.parse(structuredClone(list));
    expect(checkedCatalogV2(structuredClone(list))).toEqual({ keys: parsed.keys, history: parsed.history });
    await writeFile(join(dir, 'keys.json'), JSON.stringify(list));
    const keys = await new Catalog(dir).read();
    expect(keys.map((k) => [k.id, k.status, k.current, k.lastBackupAt])).toEqual(
      parsed.keys.map((k) => [k.id, k.status, k.current, null]),
    );
  });
});

describe('reading the key list', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    return rm(dir, { recursive: true, force: true });
  });

  it('names the system error when the file cannot be read, and writes nothing over it', async () => {
    await mkdir(join(dir, 'keys.json'));
    const catalog = new Catalog(dir);
    await expect(catalog.read()).rejects.toMatchObject({
      code: 'file_error',
      message: `Cannot read the key list ${join(dir, 'keys.json')}: EISDIR.`,
    });
    await expect(catalog.update(() => undefined)).rejects.toMatchObject({ code: 'file_error' });
  });

  it('parses a list once while it is unchanged, not after its own write, again after another writer; an unmarked list every time', async () => {
    // A list without a write mark, as an older version writes it: never taken from the cache.
    await writeFile(join(dir, 'keys.json'), JSON.stringify(goodList()));
    const mine = new Catalog(dir);
    const parse = vi.spyOn(JSON, 'parse');
    const first = await mine.read();
    expect(await mine.read()).not.toBe(first);
    expect(parse).toHaveBeenCalledTimes(2);
    await mine.update((keys) => void (keys[1]!.label = 'renamed'));
    parse.mockClear();
    const own = await mine.read();
    expect(own[1]!.label).toBe('renamed');
    expect(await mine.read()).toBe(own);
    expect(parse).not.toHaveBeenCalled();
    await new Catalog(dir).update((keys) => void (keys[1]!.label = 'theirs'));
    parse.mockClear();
    const theirs = await mine.read();
    expect(theirs[1]!.label).toBe('theirs');
    expect(await mine.read()).toBe(theirs);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('does not load the zod schema for a good list', async () => {
    // The schema module is loaded lazily; the fast check's yes is final.
    await writeFile(join(dir, 'keys.json'), JSON.stringify(goodList()));
    const parse = vi.spyOn(catalogV2Schema, 'safeParse');
    expect(await new Catalog(dir).read()).toHaveLength(4);
    expect(parse).not.toHaveBeenCalled();
  });
});
