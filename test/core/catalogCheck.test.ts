import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedCatalogV2 } from '../../src/core/catalog/catalogCheck';
import { catalogV2Schema } from '../../src/core/catalog/catalogSchema';
import { HISTORY_EVENTS, KEY_STATUSES } from '../../src/shared/keys';
import { seedFromEnv } from '../proof/random';

// The key list is read with a fast hand-written check (catalogCheck.ts) and the zod
// schema only explains a refusal. If the two ever disagreed, a damaged list could be
// accepted, or a good one refused. Here both judge the same generated lists: valid
// ones, and valid ones with one field replaced, removed or added.

const SEED = seedFromEnv('JAAS_CATALOG_FUZZ_SEED');
const RUNS = Number(process.env.JAAS_CATALOG_FUZZ_RUNS ?? 3_000);

const id = fc.stringMatching(/^[0-9a-f]{16}$/);
const time = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
  .map((date) => date.toISOString());
const appId = fc.constantFrom(
  'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe',
  'vpaas-magic-cookie-00000000000000000000000000000000',
);

/** A key that follows every rule: the status decides which fields are set. */
const validKey = fc
  .record({
    id,
    label: fc.string({ minLength: 1, maxLength: 8 }),
    source: fc.constantFrom('generated', 'imported', 'recovered', 'restored'),
    status: fc.constantFrom(...KEY_STATUSES),
    app: fc.option(appId),
    at: time,
    before: fc.constantFrom('needs-kid', 'active', 'retired'),
    tokens: fc.nat(1000),
    rotation: fc.option(id),
    backedUp: fc.option(time),
    omitBackup: fc.boolean(),
  })
  .map(({ id, label, source, status, app, at, before, tokens, rotation, backedUp, omitBackup }) => {
    const hasKid = status === 'active' || status === 'retired' || (status === 'trashed' && before !== 'needs-kid');
    const key: Record<string, unknown> = {
      id,
      label,
      appId: hasKid ? (app ?? 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe') : app,
      kid: hasKid ? `vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe/${id.slice(0, 6)}` : null,
      createdAt: at,
      kidRecordedAt: hasKid ? at : null,
      bits: 4096,
      fingerprint: `SHA256:${id}`,
      source,
      publicPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
      status,
      current: false,
      retiredAt: status === 'retired' ? at : null,
      trashedAt: status === 'trashed' ? at : null,
      purgeAfter: status === 'trashed' ? at : null,
      statusBeforeTrash: status === 'trashed' ? before : null,
      tokensSigned: tokens,
      lastTokenAt: tokens ? at : null,
      longestTokenSeconds: tokens ? 3600 : null,
      rotationOf: rotation,
      lastBackupAt: backedUp,
    };
    if (omitBackup) delete key.lastBackupAt;
    return key;
  });

const validEntry = fc
  .record({
    at: time,
    keyId: id,
    event: fc.constantFrom(...HISTORY_EVENTS),
    label: fc.string({ maxLength: 6 }),
    note: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
  })
  .map(({ at, keyId, event, label, note }) => ({
    at,
    keyId,
    event,
    detail:
      note === undefined
        ? { label, kid: null, fingerprint: 'SHA256:x' }
        : { label, kid: null, fingerprint: 'SHA256:x', note },
  }));

/** Valid lists: unique ids, and at most one current key per AppID (made current where allowed). */
const validCatalog = fc
  .record({
    keys: fc.array(validKey, { maxLength: 6 }),
    history: fc.array(validEntry, { maxLength: 4 }),
    currents: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  })
  .map(({ keys, history, currents }) => {
    const ids = new Set<unknown>();
    const unique = keys.filter((key) => !ids.has(key.id) && ids.add(key.id));
    const taken = new Set<unknown>();
    unique.forEach((key, index) => {
      if (currents[index] && key.status === 'active' && !taken.has(key.appId)) {
        key.current = true;
        taken.add(key.appId);
      }
    });
    return { version: 2, keys: unique, history };
  });

/** Values a damaged file might hold where a field should be. */
const oddValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1,
    1.5,
    4096,
    2 ** 53,
    '',
    ' ',
    'yesterday',
    '2026-13-45T00:00:00Z',
    'SHA256:',
    'SHA256',
    '0123456789abcdef',
    '0123456789abcdef0',
    ' 0123456789abcdef',
    '0123456789ABCDEF',
    '0123456789abcde',
    'needs-kid',
    'active',
    'retired',
    'trashed',
    'paused',
    'generated',
    'imported',
    'recovered',
    'restored',
    'created',
    'exploded',
    '-----BEGIN PUBLIC KEY-----\n',
    '-----BEGIN PUBLIC KEY-----',
    '2026-01-01T00:00:00.000Z',
    [],
    {},
    { label: 'x', kid: null, fingerprint: 'y' },
  ),
  fc.string({ maxLength: 5 }),
  fc.integer(),
);

type Damage = {
  where: 'key' | 'entry' | 'detail' | 'top';
  index: number;
  field: string;
  action: 'set' | 'delete' | 'tweak';
  value: unknown;
  tweak: number;
};
const damage = fc.record({
  where: fc.constantFrom('key', 'entry', 'detail', 'top') as fc.Arbitrary<Damage['where']>,
  index: fc.nat(5),
  field: fc.constantFrom(
    'id',
    'label',
    'appId',
    'kid',
    'createdAt',
    'kidRecordedAt',
    'bits',
    'fingerprint',
    'source',
    'publicPem',
    'status',
    'current',
    'retiredAt',
    'trashedAt',
    'purgeAfter',
    'statusBeforeTrash',
    'tokensSigned',
    'lastTokenAt',
    'longestTokenSeconds',
    'rotationOf',
    'lastBackupAt',
    'at',
    'keyId',
    'event',
    'detail',
    'note',
    'fingerprint',
    'version',
    'keys',
    'history',
    'extra',
    '__proto__',
  ),
  action: fc.constantFrom('set', 'delete', 'tweak', 'tweak') as fc.Arbitrary<Damage['action']>,
  value: oddValue,
  tweak: fc.nat(6),
});

/** A value next to the one there: one character more or less, another case, a space, a fraction. */
function tweaked(value: unknown, how: number): unknown {
  if (typeof value === 'number') return [value + 0.5, -value, value * 1e13, value + 1, value - 1, 0, NaN][how];
  if (typeof value !== 'string') return value;
  return [`${value}0`, value.slice(1), ` ${value}`, value.toUpperCase(), `${value}\n`, value.slice(0, -1), `${value}Z`][
    how
  ];
}

function spoil(catalog: Record<string, unknown>, change: Damage): void {
  // An earlier change may have removed or replaced the lists themselves.
  const keys = (Array.isArray(catalog.keys) ? catalog.keys : []) as Array<Record<string, unknown>>;
  const history = (Array.isArray(catalog.history) ? catalog.history : []) as Array<Record<string, unknown>>;
  const target =
    change.where === 'top'
      ? catalog
      : change.where === 'key'
        ? keys[change.index % Math.max(keys.length, 1)]
        : change.where === 'entry'
          ? history[change.index % Math.max(history.length, 1)]
          : (history[change.index % Math.max(history.length, 1)]?.detail as Record<string, unknown> | undefined);
  if (typeof target !== 'object' || target === null) return;
  if (change.action === 'delete') delete target[change.field];
  else if (change.action === 'tweak') target[change.field] = tweaked(target[change.field], change.tweak);
  // defineProperty, as JSON.parse does: `__proto__` becomes an own field, not the prototype.
  else
    Object.defineProperty(target, change.field, {
      value: change.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/** Both verdicts on fresh copies (the fast check fills a default in place; zod copies). */
function verdicts(catalog: unknown): { fast: boolean; zod: boolean } {
  const text = JSON.stringify(catalog);
  return {
    fast: checkedCatalogV2(JSON.parse(text)) !== null,
    zod: catalogV2Schema.safeParse(JSON.parse(text)).success,
  };
}

describe('the fast key list check agrees with the zod schema', () => {
  // The seed is printed, not put in the test's name: a name must be the same from run to run (Stryker selects tests by name).
  it(`on ${RUNS} generated lists, valid and damaged (seed printed below)`, () => {
    console.log(`catalog check: seed ${SEED} (JAAS_CATALOG_FUZZ_SEED=${SEED} reproduces it)`);
    const tally = { valid: 0, refused: 0 };
    fc.assert(
      fc.property(validCatalog, fc.array(damage, { maxLength: 2 }), (catalog, changes) => {
        for (const change of changes) spoil(catalog, change);
        const { fast, zod } = verdicts(catalog);
        expect({ fast, catalog }).toEqual({ fast: zod, catalog });
        tally[zod ? 'valid' : 'refused']++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(
      `catalog check: seed ${SEED}: ${RUNS} lists, ${tally.valid} valid, ${tally.refused} refused, fast check and zod agreed on each`,
    );
    // Both kinds must have been judged, or the comparison proved little.
    expect(tally.valid).toBeGreaterThan(RUNS / 10);
    expect(tally.refused).toBeGreaterThan(RUNS / 10);
  });

  it('fills lastBackupAt the way the schema defaults it, and returns the same lists', () => {
    const json = {
      version: 2,
      extra: 'ignored',
      keys: [{ ...fc.sample(validKey, { seed: 7, numRuns: 1 })[0] }],
      history: [],
    };
    delete (json.keys[0] as Record<string, unknown>).lastBackupAt;
    const viaZod = catalogV2Schema.parse(JSON.parse(JSON.stringify(json)));
    const fast = checkedCatalogV2(JSON.parse(JSON.stringify(json)));
    expect(fast).toEqual({ keys: viaZod.keys, history: viaZod.history });
    expect(fast?.keys[0]?.lastBackupAt).toBeNull();
  });
});
