import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decrypt, NoIdentityMatchedError } from '../../src/core/backup/age/age';
import { dearmor } from '../../src/core/backup/age/armor';
import { AgeFormatError } from '../../src/core/backup/age/header';
import { X25519Identity } from '../../src/core/backup/age/x25519';
import { tempDir } from '../support/fixtures';
import { mutated, seedFromEnv } from './random';

// The age reader (src/core/backup/age) against `age -d` on generated damage: byte-level
// mutations of files age made, binary and armored. For each, both open it to the same
// plaintext, or both refuse it; ours refuses only with its two errors, never another
// throw. JAAS_AGE_SEED reproduces a run; JAAS_AGE_RUNS scales it (each case runs age once).

const SEED = seedFromEnv('JAAS_AGE_SEED');
const RUNS = Number(process.env.JAAS_AGE_RUNS ?? 150);
const TIMEOUT = Math.max(120_000, RUNS * 100);

let dir: string;
let identityFile: string;
let identity: X25519Identity;
let binary: Buffer;
let armored: string;

beforeAll(async () => {
  console.log(`age fuzz: seed ${SEED} (JAAS_AGE_SEED reproduces it), ${RUNS} inputs per campaign`);
  dir = await tempDir('jaas-age-fuzz-');
  identityFile = join(dir, 'identity.txt');
  execFileSync('age-keygen', ['-o', identityFile], { stdio: 'ignore' });
  const secret = readFileSync(identityFile, 'utf8').match(/^AGE-SECRET-KEY-1\S+$/m)![0];
  identity = new X25519Identity(secret);
  const recipient = execFileSync('age-keygen', ['-y', identityFile]).toString().trim();
  const plain = join(dir, 'plain');
  writeFileSync(plain, randomBytes(90));
  binary = execFileSync('age', ['-r', recipient, plain]);
  armored = execFileSync('age', ['-a', '-r', recipient, plain]).toString();
});

type Verdict = { opens: true; plain: string } | { opens: false };

function ageVerdict(file: Buffer): Verdict {
  const path = join(dir, 'case.age');
  writeFileSync(path, file);
  const result = spawnSync('age', ['-d', '-i', identityFile, path]);
  return result.status === 0 ? { opens: true, plain: result.stdout.toString('hex') } : { opens: false };
}

async function ourVerdict(file: Buffer, armor: boolean): Promise<Verdict> {
  try {
    const plain = await decrypt(armor ? dearmor(file.toString('latin1')) : file, [identity]);
    return { opens: true, plain: plain.toString('hex') };
  } catch (error) {
    if (error instanceof AgeFormatError || error instanceof NoIdentityMatchedError) return { opens: false };
    throw error;
  }
}

/** Edits an armored file may survive (whitespace around it, CRLF) mixed with ones it may not (spaces inside, a reflow). */
const armorEdits = fc
  .record({
    before: fc.constantFrom('', '\n', '  ', '\n\t\n'),
    after: fc.constantFrom('', '\n', '  \n', '\r\n\r\n'),
    crlf: fc.boolean(),
    trailingSpaces: fc.boolean(),
    reflow: fc.constantFrom(0, 0, 0, 60, 76),
  })
  .map(({ before, after, crlf, trailingSpaces, reflow }) => {
    let text = armored;
    if (reflow) {
      const lines = text.trim().split('\n');
      const body = lines
        .slice(1, -1)
        .join('')
        .match(new RegExp(`.{1,${reflow}}`, 'g'))!;
      text = [lines[0], ...body, lines.at(-1), ''].join('\n');
    }
    if (trailingSpaces) text = text.replace(/\n(?=.)/, ' \n');
    if (crlf) text = text.replaceAll('\n', '\r\n');
    return before + text + after;
  });

describe('the age reader under generated damage', () => {
  for (const form of ['binary', 'armored'] as const)
    it(
      `agrees with age -d on every mutated ${form} file`,
      async () => {
        const counts = { tried: 0, opened: 0 };
        const input =
          form === 'binary'
            ? mutated(binary.toString('latin1'))
            : fc.oneof(
                mutated(armored),
                armorEdits,
                armorEdits.chain((text) => mutated(text)),
              );
        await fc.assert(
          fc.asyncProperty(input, async (text) => {
            const file = Buffer.from(text, 'latin1');
            counts.tried++;
            const ours = await ourVerdict(file, form === 'armored');
            if (ours.opens) counts.opened++;
            // age's armor reader skips whitespace before the armor, as ours does, but the age
            // command looks for the BEGIN line at the file's first byte: it is shown the file from there.
            const forAge = form === 'armored' ? Buffer.from(text.replace(/^\s+/, ''), 'latin1') : file;
            expect(ours).toEqual(ageVerdict(forAge));
          }),
          { seed: SEED, numRuns: RUNS },
        );
        console.log(
          `age fuzz: seed ${SEED}: ${counts.tried} ${form} files, ${counts.opened} opened by both, the rest refused by both`,
        );
      },
      TIMEOUT,
    );
});
