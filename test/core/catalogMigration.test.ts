import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/catalog/catalog';
import { migrateV1 } from '../../src/core/catalog/catalogMigration';
import type { CatalogV1 } from '../../src/core/catalog/catalogSchema';
import { KeyManager } from '../../src/core/keyManager';
import { Vault } from '../../src/core/keychain/vault';
import { sandbox, type Sandbox } from '../support/fixtures';

// The fixture is a keys.json written by the version 1 code itself, with the
// private keys behind it (test/fixtures/catalog-v1/make-v1.ts.txt made both).
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'catalog-v1');
const A = 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe';
const B = 'vpaas-magic-cookie-0123456789abcdef0123456789abcdef';
const TOKEN = { room: '*', moderator: false, features: [], lifetimeSeconds: 3600, nbfSkewSeconds: 10 };

describe('the key list, migrated from version 1', () => {
  let box: Sandbox;
  let v1Text: string;
  beforeEach(async () => {
    box = await sandbox();
    v1Text = await readFile(join(FIXTURE, 'keys.json'), 'utf8');
    await copyFile(join(FIXTURE, 'keys.json'), join(box.dataDir, 'keys.json'));
    const secrets = JSON.parse(await readFile(join(FIXTURE, 'secrets.json'), 'utf8')) as Record<string, string>;
    const vault = new Vault(box.store);
    for (const [id, pem] of Object.entries(secrets)) await vault.put(id, pem);
  });
  afterEach(() => box.cleanup());

  it('keeps every field, sets statuses and one current key per AppID, and keeps the old file beside it', async () => {
    const v1 = JSON.parse(v1Text) as { keys: Array<Record<string, unknown>> };
    const keys = await box.keys.list();
    expect(keys).toHaveLength(v1.keys.length);
    for (const old of v1.keys) {
      const { publicPem: _pem, ...fields } = old;
      expect(keys.find((key) => key.id === old.id)).toMatchObject(fields);
    }
    const byLabel = Object.fromEntries(keys.map((key) => [key.label, key]));
    // In each AppID the key whose kid was recorded last is current.
    expect(byLabel['prod']).toMatchObject({ status: 'active', current: true });
    expect(byLabel['prod (old)']).toMatchObject({ status: 'active', current: false });
    expect(byLabel['staging']).toMatchObject({ status: 'active', current: true });
    expect(byLabel['imported, no kid yet']).toMatchObject({ status: 'needs-kid', current: false, source: 'imported' });
    expect(await readFile(join(box.dataDir, 'keys.v1.json'), 'utf8')).toBe(v1Text);
    expect(JSON.parse(await readFile(join(box.dataDir, 'keys.json'), 'utf8')).version).toBe(2);
    expect((await readdir(box.dataDir)).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([]);
  });

  it('signs with the AppID right after the upgrade, and the history records the migration', async () => {
    const made = await box.keys.makeToken(A, TOKEN);
    expect(made.header.kid).toBe(`${A}/aa0002`);
    expect((await box.keys.makeToken(B, TOKEN)).header.kid).toBe(`${B}/bb0001`);
    const history = await box.keys.history('prod');
    expect(history.map((entry) => entry.event)).toEqual(['migrated', 'kid-recorded', 'created']);
    expect(history[0]!.detail.note).toMatch(/version 1 → 2: active, current key/);
  });

  it('migrates once: a second open changes nothing and an earlier backup copy is never replaced', async () => {
    await box.keys.list();
    const migrated = await readFile(join(box.dataDir, 'keys.json'), 'utf8');
    await box.keys.list();
    expect(await readFile(join(box.dataDir, 'keys.json'), 'utf8')).toBe(migrated);
    await writeFile(join(box.dataDir, 'keys.json'), v1Text);
    await writeFile(join(box.dataDir, 'keys.v1.json'), 'an older copy');
    await new KeyManager({ dataDir: box.dataDir, store: box.store }).list();
    expect(await readFile(join(box.dataDir, 'keys.v1.json'), 'utf8')).toBe('an older copy');
  });

  it('refuses a file from a newer version with the message a version 1 reader gave too', async () => {
    await writeFile(join(box.dataDir, 'keys.json'), JSON.stringify({ version: 3, keys: [] }));
    await expect(new Catalog(box.dataDir).read()).rejects.toMatchObject({
      code: 'catalog_corrupt',
      message: expect.stringMatching(/written by a newer version \(format 3\)/),
    });
  });
});

describe('a version 2 key list damaged in each new field is refused and left as it was', () => {
  let box: Sandbox;
  let good: { version: 2; keys: Array<Record<string, unknown>>; history: Array<Record<string, unknown>> };
  beforeEach(async () => {
    box = await sandbox();
    await copyFile(join(FIXTURE, 'keys.json'), join(box.dataDir, 'keys.json'));
    await box.keys.list();
    good = JSON.parse(await readFile(join(box.dataDir, 'keys.json'), 'utf8'));
  });
  afterEach(() => box.cleanup());

  const damage: Array<[string, (c: typeof good) => void, RegExp]> = [
    ['an unknown status', (c) => (c.keys[0]!.status = 'paused'), /keys\.0\.status/],
    ['current not a boolean', (c) => (c.keys[0]!.current = 'yes'), /keys\.0\.current/],
    [
      'two current keys in one AppID',
      (c) => c.keys.forEach((key) => key.appId === A && (key.current = true)),
      /two current keys/,
    ],
    [
      'a current key that is not active',
      (c) =>
        Object.assign(
          c.keys.find((key) => key.current)!,
          { status: 'retired', retiredAt: '2026-01-01T00:00:00.000Z' },
        ),
      /only an active key can be current/,
    ],
    [
      'an active key without a kid',
      (c) =>
        Object.assign(
          c.keys.find((key) => key.status === 'needs-kid')!,
          { status: 'active' },
        ),
      /an active key has a kid/,
    ],
    [
      'a trashed key without its dates',
      (c) =>
        Object.assign(
          c.keys.find((key) => !key.current)!,
          { status: 'trashed' },
        ),
      /trashedAt/,
    ],
    ['retiredAt not a time', (c) => (c.keys[0]!.retiredAt = 'yesterday'), /retiredAt/],
    ['a negative token count', (c) => (c.keys[0]!.tokensSigned = -1), /tokensSigned/],
    ['a bad rotationOf', (c) => (c.keys[0]!.rotationOf = 'nope'), /rotationOf/],
    ['an unknown history event', (c) => (c.history[0]!.event = 'exploded'), /history\.0\.event/],
    ['a history entry without detail', (c) => delete c.history[0]!.detail, /history\.0\.detail/],
    ['no history at all', (c) => delete (c as Partial<typeof good>).history, /history/],
  ];
  it.each(damage)('%s', async (_name, spoil, where) => {
    spoil(good);
    const text = JSON.stringify(good);
    await writeFile(join(box.dataDir, 'keys.json'), text);
    await expect(box.keys.list()).rejects.toMatchObject({
      code: 'catalog_corrupt',
      message: expect.stringMatching(where),
    });
    await expect(box.keys.rename('prod', 'x')).rejects.toMatchObject({ code: 'catalog_corrupt' });
    expect(await readFile(join(box.dataDir, 'keys.json'), 'utf8')).toBe(text);
  });
});

describe('migrateV1, key by key', () => {
  const NOW = new Date('2026-06-01T00:00:00.000Z');
  const v1Key = (n: number, fields: Partial<CatalogV1['keys'][number]>): CatalogV1['keys'][number] => ({
    id: n.toString(16).padStart(16, '0'),
    label: `key ${n}`,
    appId: null,
    kid: null,
    createdAt: null,
    kidRecordedAt: null,
    bits: 4096,
    fingerprint: `SHA256:${n}`,
    source: 'generated',
    publicPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
    ...fields,
  });

  it('makes current, in each AppID, the active key whose kid came last; a tie keeps the earlier key; a key without a kid is never current', () => {
    const { keys } = migrateV1(
      {
        version: 1,
        keys: [
          v1Key(1, { appId: A, kid: `${A}/k1`, kidRecordedAt: '2026-01-02T00:00:00.000Z' }),
          v1Key(2, { appId: A, kid: `${A}/k2`, kidRecordedAt: '2026-01-03T00:00:00.000Z' }),
          v1Key(3, { appId: A, kid: `${A}/k3`, kidRecordedAt: '2026-01-01T00:00:00.000Z' }),
          v1Key(4, { appId: B, kid: `${B}/k4`, kidRecordedAt: '2026-01-05T00:00:00.000Z' }),
          v1Key(5, { appId: B, kid: `${B}/k5`, kidRecordedAt: '2026-01-05T00:00:00.000Z' }),
          v1Key(6, { appId: 'vpaas-magic-cookie-ffffffffffffffffffffffffffffffff' }),
          v1Key(7, {}),
        ],
      },
      NOW,
    );
    expect(keys.map((key) => [key.label, key.status, key.current])).toEqual([
      ['key 1', 'active', false],
      ['key 2', 'active', true],
      ['key 3', 'active', false],
      ['key 4', 'active', true],
      ['key 5', 'active', false],
      ['key 6', 'needs-kid', false],
      ['key 7', 'needs-kid', false],
    ]);
  });

  it('writes the history version 1 knew, oldest first, and the migration itself', () => {
    const { history } = migrateV1(
      {
        version: 1,
        keys: [
          v1Key(1, {
            appId: A,
            kid: `${A}/k1`,
            createdAt: '2026-02-01T00:00:00.000Z',
            kidRecordedAt: '2026-02-02T00:00:00.000Z',
          }),
          v1Key(2, { createdAt: '2026-01-01T00:00:00.000Z', source: 'imported' }),
          v1Key(3, { source: 'recovered' }),
        ],
      },
      NOW,
    );
    const from = 'from the version 1 key list';
    expect(
      history.map(({ at, keyId, event, detail }) => [at, keyId.slice(-1), event, detail.kid, detail.note]),
    ).toEqual([
      ['2026-01-01T00:00:00.000Z', '2', 'imported', null, from],
      ['2026-02-01T00:00:00.000Z', '1', 'created', `${A}/k1`, from],
      ['2026-02-02T00:00:00.000Z', '1', 'kid-recorded', `${A}/k1`, from],
      [NOW.toISOString(), '1', 'migrated', `${A}/k1`, 'key list version 1 → 2: active, current key of its AppID'],
      [NOW.toISOString(), '2', 'migrated', null, 'key list version 1 → 2: needs-kid'],
      [NOW.toISOString(), '3', 'migrated', null, 'key list version 1 → 2: needs-kid'],
    ]);
    expect(history[0]!.detail).toMatchObject({ label: 'key 2', fingerprint: 'SHA256:2' });
  });
});
