import { createPrivateKey, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/errors';
import { sshFingerprint } from '../../src/core/keys/fingerprint';
import { diagnoseKey } from '../../src/core/keys/keyCheck';
import { pooledKey } from '../support/keyPool';
import { keyMaterialPieces, pemsOf } from '../support/manglings';
import { mutated, seedFromEnv } from './random';

// check-key under generated input, as the other parsers are fuzzed (parserFuzz.test.ts):
// 1. Layers of mangling stacked in random order on a real key (a structural change, then
//    quotes, escapes, base64, an assignment, a BOM): the key is always recovered whole.
// 2. Byte-level mutations of mangled keys: a report or a CoreError, never another throw,
//    and never a piece of the key in the report.
// JAAS_PARSER_SEED reproduces a run; JAAS_PARSER_RUNS scales it.

const SEED = seedFromEnv('JAAS_PARSER_SEED');
const RUNS = Number(process.env.JAAS_PARSER_RUNS ?? 1500);
/** Each mutated input runs every runtime's reader on a 4096-bit key (about 10 ms): a third as many. */
const MUTATED_RUNS = Math.ceil(RUNS / 3);
/** Long campaigns (JAAS_PARSER_RUNS=15000) get time in proportion; the default finishes in seconds. */
const TIMEOUT = Math.max(120_000, RUNS * 30);

type Layer = 'quotes' | 'single-quotes' | 'escape' | 'base64' | 'assignment' | 'crlf';
const STRUCTURES = ['as-is', 'pkcs1', 'spaces', 'joined', 'indent', 'body-only', 'crlf', 'extra-text'] as const;

let key: KeyObject;
let pems: { pkcs8: string; pkcs1: string };
let pieces: string[];

function structured(structure: (typeof STRUCTURES)[number]): string {
  const pem = structure === 'pkcs1' ? pems.pkcs1 : pems.pkcs8;
  switch (structure) {
    case 'spaces':
      return pem.trimEnd().replace(/\n/g, ' ');
    case 'joined':
      return pem.trimEnd().replace(/\n/g, '');
    case 'indent':
      return pem.replace(/^(?=.)/gm, '  ');
    case 'body-only':
      return pem.replace(/-----[^-]+-----\n?/g, '');
    case 'crlf':
      return pem.replace(/\n/g, '\r\n');
    case 'extra-text':
      return `subject=CN=server\n${pem}`;
    default:
      return pem;
  }
}

function wrap(text: string, layer: Layer): string {
  switch (layer) {
    case 'quotes':
      return `"${text}"`;
    case 'single-quotes':
      return `'${text}'`;
    case 'escape':
      return text.replace(/\r?\n/g, (line) => (line === '\n' ? '\\n' : '\\r\\n'));
    case 'base64':
      return Buffer.from(text).toString('base64');
    case 'assignment':
      return `JAAS_PRIVATE_KEY=${text}`;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
  }
}

const layered = fc
  .tuple(
    fc.constantFrom(...STRUCTURES),
    fc.array(fc.constantFrom<Layer>('quotes', 'single-quotes', 'escape', 'base64', 'assignment', 'crlf'), {
      maxLength: 4,
    }),
    fc.boolean(),
  )
  // Base64 of a bare body is itself only base64: nothing marks it as a PEM, so it is left out.
  .filter(([structure, layers]) => !(structure === 'body-only' && layers.includes('base64')))
  .map(([structure, layers, bom]) => {
    const text = layers.reduce(wrap, structured(structure));
    return { bytes: Buffer.from(bom ? `\ufeff${text}` : text), what: `${structure} + ${layers.join(', ')}` };
  });

beforeAll(async () => {
  console.log(`key check fuzz: seed ${SEED} (JAAS_PARSER_SEED reproduces it), ${RUNS} inputs per campaign`);
  key = await pooledKey();
  pems = pemsOf(key);
  pieces = [...keyMaterialPieces(pems.pkcs8), ...keyMaterialPieces(pems.pkcs1)];
});

describe('check-key under generated input', () => {
  it(
    'recovers the key whole from any stack of manglings',
    () => {
      let tried = 0;
      fc.assert(
        fc.property(layered, ({ bytes, what }) => {
          tried++;
          const { report, repaired } = diagnoseKey(bytes, 'java', []);
          expect(repaired && sshFingerprint(repaired), what).toBe(sshFingerprint(key));
          expect(report.repairable).toBe(true);
          // What loads as it is in Java's reader is exactly what check-key calls OK for Java.
          expect(report.ok).toBe(report.readers.find((reader) => reader.runtime === 'java')!.loads);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      console.log(`key check fuzz: seed ${SEED}: ${tried} stacks of manglings, each recovered`);
    },
    TIMEOUT,
  );

  it(
    'answers every mutated input with a report or a clear refusal, and echoes no key material',
    () => {
      const counts = { tried: 0, reports: 0, refused: 0, recovered: 0 };
      const input = fc.oneof(
        layered.chain(({ bytes }) => mutated(bytes.toString('latin1'))).map((text) => Buffer.from(text, 'latin1')),
        mutated(pems.pkcs8).map((text) => Buffer.from(text)),
        fc.uint8Array({ maxLength: 4000 }).map((bytes) => Buffer.from(bytes)),
      );
      fc.assert(
        fc.property(input, (bytes) => {
          counts.tried++;
          try {
            const { report, repaired } = diagnoseKey(bytes, null, []);
            counts.reports++;
            if (repaired) counts.recovered++;
            const text = JSON.stringify(report);
            for (const piece of pieces) expect(text.includes(piece)).toBe(false);
            // A verdict of "loads" is OpenSSL's own.
            if (report.readers[0]!.loads) expect(() => createPrivateKey(bytes.toString('utf8'))).not.toThrow();
          } catch (error) {
            if (!(error instanceof CoreError)) throw error;
            counts.refused++;
          }
        }),
        { seed: SEED, numRuns: MUTATED_RUNS },
      );
      console.log(
        `key check fuzz: seed ${SEED}: ${counts.tried} mutated inputs, ${counts.reports} reports (${counts.recovered} with the key recovered), ${counts.refused} refused`,
      );
    },
    TIMEOUT,
  );
});
