import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDispatcher } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import type { Desktop } from '../../src/main/desktop';
import { APP_ENTRY_URL, isTrustedPageUrl } from '../../src/main/security';
import { contract } from '../../src/shared/contract';
import { ERROR_CODES } from '../../src/shared/errors';
import { METHODS } from '../../src/shared/methods';
import { sandbox, type Sandbox } from '../support/fixtures';
import { seedFromEnv } from './random';

// Hostile input over IPC (issue 12): payloads for every method of the contract,
// built from its own schemas (well-formed, nearly so, and not at all: wrong types,
// odd and oversized strings, unknown fields, __proto__ and friends, deep nesting),
// sent through the real dispatcher to the real core and keychain. Every answer
// must be a value with a code from the fixed list, never `internal`, never a throw,
// and never private material. JAAS_FUZZ_RUNS raises the count; JAAS_FUZZ_SEED reproduces.

const SEED = seedFromEnv('JAAS_FUZZ_SEED');
const RUNS = Number(process.env.JAAS_FUZZ_RUNS ?? 10_000);
const APP_ID = 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe';

/** The person is away: every dialog is cancelled, every confirmation declined. */
const awayDesktop: Desktop = {
  chooseSavePath: async () => null,
  chooseOpenPath: async () => null,
  confirm: async () => false,
  writeClipboard: () => undefined,
  readClipboard: () => '',
  openExternal: async () => undefined,
};

/** The real key ids of the run, set once the keys exist. */
const ids: string[] = [];
const POLLUTION = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

function oddString(max: number, pool: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...pool) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '\u0000',
        '\n',
        '../../etc/passwd',
        '-----BEGIN RSA PRIVATE KEY-----',
        'x'.repeat(max),
        'x'.repeat(max + 1),
        '\u202e',
        '%00',
        `${APP_ID}/ABCDEF`,
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map((n) => 'y'.repeat(max + 10 ** n)) },
  );
}

/** Values for a schema: mostly what it takes, sometimes just outside it. */
function arbitraryFor(schema: z.ZodType, pool: readonly string[], depth = 0, field = ''): fc.Arbitrary<unknown> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.double());
  const shaped = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'string': {
        const checks =
          (def.checks as Array<{ _zod: { def: { check: string; maximum?: number; pattern?: RegExp } } }> | undefined) ??
          [];
        const max = checks.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum ?? 200;
        const pattern = checks.find((c) => c._zod.def.check === 'string_format')?._zod.def.pattern;
        // A key id is the one field nearly every method has: mostly a real one, so calls get past the schema.
        if (field === 'id' && ids.length)
          return fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...ids) },
            { weight: 1, arbitrary: oddString(max, pool) },
          );
        return pattern
          ? fc.oneof(
              { weight: 1, arbitrary: fc.stringMatching(pattern) },
              { weight: 3, arbitrary: oddString(max, pool) },
            )
          : oddString(max, pool);
      }
      case 'number':
        return fc.oneof(
          fc.integer({ min: -10, max: 400 * 24 * 3600 }),
          fc.double(),
          fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER),
        );
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.oneof(
          fc.constantFrom(...Object.values(def.entries as Record<string, string>)),
          fc.string({ maxLength: 12 }),
        );
      case 'literal':
        return fc.constantFrom(...(def.values as unknown[]));
      case 'optional':
      case 'nullable':
      case 'default':
        return fc.oneof(
          fc.constant(def.type === 'nullable' ? null : undefined),
          arbitraryFor(def.innerType as z.ZodType, pool, depth, field),
        );
      case 'array':
        return fc.array(arbitraryFor(def.element as z.ZodType, pool, depth + 1), { maxLength: depth > 2 ? 2 : 12 });
      case 'union':
        return fc.oneof(...(def.options as z.ZodType[]).map((option) => arbitraryFor(option, pool, depth + 1)));
      case 'object': {
        const shape = def.shape as Record<string, z.ZodType>;
        const fields = Object.fromEntries(
          Object.entries(shape).map(([name, inner]) => [name, arbitraryFor(inner, pool, depth + 1, name)]),
        );
        const record = fc.oneof(
          { weight: 4, arbitrary: fc.record(fields) },
          { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) },
        );
        return fc
          .tuple(
            record,
            fc.oneof(
              { weight: 6, arbitrary: fc.constant(null) },
              { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...POLLUTION, 'extra', 'admin'), fc.jsonValue()) },
            ),
          )
          .map(([value, extra]) => {
            if (!extra) return value;
            // Set as an own property, as JSON.parse (and structured clone) would.
            return Object.defineProperty({ ...(value as object) }, extra[0], {
              value: extra[1],
              enumerable: true,
              configurable: true,
              writable: true,
            });
          });
      }
      default:
        return fc.anything({ maxDepth: 2 });
    }
  })();
  return fc.oneof({ weight: 20, arbitrary: shaped }, { weight: 1, arbitrary: wrong });
}

/** Payloads that are not objects at all, or nest absurdly. */
const chaos = fc.oneof(
  fc.anything({
    maxDepth: 4,
    withNullPrototype: true,
    withObjectString: true,
    key: fc.oneof(fc.string(), fc.constantFrom(...POLLUTION)),
  }),
  fc.integer({ min: 50, max: 2000 }).map((depth) => {
    let value: unknown = {};
    for (let n = 0; n < depth; n++) value = { nested: value };
    return value;
  }),
);

describe('every IPC method under hostile input', () => {
  let box: Sandbox;
  afterAll(() => box?.cleanup());

  it(`answers ${RUNS} generated payloads with values from the fixed list, never internal, never private material`, async () => {
    console.log(`IPC fuzz: seed ${SEED} (JAAS_FUZZ_SEED reproduces it), ${RUNS} payloads`);
    box = await sandbox();
    const pems = Object.values(
      JSON.parse(
        await readFile(join(process.cwd(), 'test', 'fixtures', 'catalog-v1', 'secrets.json'), 'utf8'),
      ) as Record<string, string>,
    );
    const first = (await box.keys.importKey(pems[0]!, { label: 'fuzz one' })).key;
    await box.keys.recordKid(first.id, `${APP_ID}/f00001`);
    const second = (await box.keys.importKey(pems[1]!, { label: 'fuzz two' })).key;
    ids.push(first.id, second.id);
    const pool = [
      first.id,
      second.id,
      'fuzz one',
      'fuzz two',
      `${APP_ID}/f00001`,
      `${APP_ID}/f00002`,
      APP_ID,
      pems[2]!,
      pems[3]!.replace(/\n/g, '\r\n'),
      'https://jaas.8x8.vc/',
      'age1qqqq',
      '0'.repeat(32),
      'violet kettle harbour seventeen ribbon',
    ];
    const secrets = pems.slice(0, 2).flatMap((pem) => {
      const jwk = createPrivateKey(pem).export({ format: 'jwk' });
      return (['d', 'p', 'q'] as const).map((part) => jwk[part]!.slice(0, 40));
    });
    const dispatch = createDispatcher(
      createHandlers(box.keys, awayDesktop),
      (url) => isTrustedPageUrl(url),
      () => undefined,
    );
    const counts = { tried: 0, skipped: 0, accepted: 0, refused: 0, byCode: {} as Record<string, number> };
    const slow = new Set(['generateKey', 'rotateKey']);
    let keysMade = 0;

    const payload = fc.tuple(fc.constantFrom(...METHODS), fc.integer({ min: 0, max: 9 })).chain(([method, roll]) =>
      (roll === 0 ? chaos : arbitraryFor(contract[method].input as unknown as z.ZodType, pool)).map((input) => ({
        method,
        input,
      })),
    );

    await fc.assert(
      fc.asyncProperty(payload, async ({ method, input }) => {
        // Each accepted generateKey/rotateKey costs a real 4096-bit key (seconds); after a few, the same
        // payload goes with a label already taken, so the run stays bounded and the path stays real.
        if (slow.has(method) && contract[method].input.safeParse(input).success && keysMade++ >= 3) {
          if (method === 'rotateKey') return void counts.skipped++;
          (input as { label: string }).label = 'fuzz one';
        }
        counts.tried++;
        let result;
        try {
          result = await dispatch(method, APP_ENTRY_URL, input);
        } catch (error) {
          throw new Error(`${method} threw: ${(error as Error).message}`);
        }
        const text = JSON.stringify(result);
        // Material, not the words: a PEM body, an age identity, or a piece of a stored key's secret numbers.
        expect(text).not.toMatch(
          /-----BEGIN [A-Z ]*PRIVATE KEY-----(\\n|\s)*[A-Za-z0-9+/]{32}|AGE-SECRET-KEY-1[0-9A-Z]{20}/,
        );
        for (const secret of secrets) expect(text.includes(secret)).toBe(false);
        if (result.ok) counts.accepted++;
        else {
          counts.refused++;
          counts.byCode[result.error.code] = (counts.byCode[result.error.code] ?? 0) + 1;
          expect(ERROR_CODES).toContain(result.error.code);
          expect(
            result.error.code,
            `${method}(${JSON.stringify(input)?.slice(0, 300)}): ${result.error.message}`,
          ).not.toBe('internal');
          expect(typeof result.error.message).toBe('string');
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.log(
      `IPC fuzz: seed ${SEED}: ${counts.tried} payloads (${counts.skipped} accepted rotations past the first few not sent: each costs a new key), ${counts.accepted} accepted, ${counts.refused} refused ${JSON.stringify(counts.byCode)}`,
    );
    expect(counts.tried + counts.skipped).toBe(RUNS);
    expect(await box.keys.reconcile()).toEqual([]);
  }, 600_000);
});
