import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChecker } from '../../src/core/backup/strengthCheck';
import { STRENGTH_DATA_FILE, strengthDataFromFile, strengthDataFromPackages } from '../../src/core/backup/strengthData';
import { StrengthWorker } from '../../src/core/backup/strengthWorkerClient';
import { worstDelayDuring } from '../support/eventLoop';
import { tempDir } from '../support/fixtures';

// The passphrase strength check in its worker thread, as the command and the app run it
// (the worker file the CLI build writes; npm test builds it first). zxcvbn's l33t matcher
// takes seconds on a long random passphrase: on the main thread that held Electron's
// window, and here the event loop must stay free while it runs. The bound is loose, for a
// busy machine; the check inline holds the loop for about 4 s (docs/benchmarks.md).

const BUILT = join(process.cwd(), 'out', 'cli', 'strengthWorker.mjs');
const RANDOM = 'Qx7#mP2$vL9@kR4!wZ8&nB5*tY3^hF6%'.repeat(8);

describe('the strength check in a worker thread', () => {
  let worker: StrengthWorker;
  beforeAll(() => {
    worker = StrengthWorker.at(BUILT);
  });
  afterAll(() => worker.terminate());

  it('gives the verdict zxcvbn gives inline', async () => {
    const inline = await loadChecker();
    for (const text of ['password123', 'violet kettle harbour seventeen ribbon', 'Tr0ub4dor&3', RANDOM.slice(0, 20)]) {
      const [there, here] = [await worker.check(text), await inline(text)];
      expect({ score: there.score, feedback: there.feedback }, text).toEqual({
        score: here.score,
        feedback: here.feedback,
      });
    }
  });

  it('leaves the event loop free while it checks 256 random characters', async () => {
    await worker.check('warm up');
    let score = -1;
    const worst = await worstDelayDuring(async () => {
      score = (await worker.check(RANDOM)).score;
    });
    expect(score).toBe(4);
    expect(worst).toBeLessThan(400);
  }, 60_000);

  it('answers each of several checks sent at once with its own verdict', async () => {
    const texts = ['abc', 'violet kettle harbour seventeen ribbon', 'qwerty', 'Correct Horse Battery Staple 77'];
    const results = await Promise.all(texts.map((text) => worker.check(text)));
    expect(results.map((result) => result.score >= 3)).toEqual([false, true, false, true]);
  });

  it('fails each check of a worker that cannot start, so the caller falls back to the inline check', async () => {
    const broken = join(await tempDir(), 'strengthWorker.mjs');
    await writeFile(broken, "throw new Error('this worker cannot start');\n");
    const bad = StrengthWorker.at(broken);
    await expect(bad.check('anything')).rejects.toThrow();
    await expect(bad.check('again')).rejects.toThrow();
  });

  it('runs from the app’s build too (out/main/strengthWorker.js, beside index.js), in plain Node', async () => {
    const app = StrengthWorker.beside(`file://${join(process.cwd(), 'out', 'main', 'index.js')}`);
    expect(app).not.toBeNull();
    expect((await app!.check('violet kettle harbour seventeen ribbon')).score).toBeGreaterThanOrEqual(3);
    await app!.terminate();
  });

  it('finds the built worker beside a bundle, or in the folder above a chunk, and none beside the sources', async () => {
    const folder = join(process.cwd(), 'out', 'cli');
    const found = StrengthWorker.beside(`file://${join(folder, 'chunks', 'passphrase-x.mjs')}`);
    expect(found).not.toBeNull();
    await found!.terminate();
    expect(StrengthWorker.beside(new URL('../../src/core/backup/passphrase.ts', import.meta.url).href)).toBeNull();
  });

  it('has, in the data file each build writes beside it, exactly what the language packages hold', async () => {
    const packages = await strengthDataFromPackages();
    for (const folder of ['cli', 'main'])
      expect(strengthDataFromFile(join(process.cwd(), 'out', folder, STRENGTH_DATA_FILE)), folder).toEqual(packages);
    const damaged = join(await tempDir(), STRENGTH_DATA_FILE);
    await writeFile(damaged, '{"dictionary": {');
    expect(strengthDataFromFile(damaged)).toBeNull();
    expect(strengthDataFromFile(join(await tempDir(), 'absent.json'))).toBeNull();
  });

  it('checks with the data file beside it: a copy without the password list no longer knows common passwords', async () => {
    const copy = join(await tempDir(), 'cli');
    await cp(join(process.cwd(), 'out', 'cli'), copy, { recursive: true });
    const data = JSON.parse(await readFile(join(copy, STRENGTH_DATA_FILE), 'utf8')) as {
      dictionary: Record<string, unknown>;
    };
    const known = await worker.check('sunshine');
    delete data.dictionary['passwords-common'];
    delete data.dictionary['commonWords-en'];
    delete data.dictionary['wikipedia-en'];
    await writeFile(join(copy, STRENGTH_DATA_FILE), JSON.stringify(data));
    const stripped = StrengthWorker.at(join(copy, 'strengthWorker.mjs'));
    const unknown = await stripped.check('sunshine');
    await stripped.terminate();
    expect(known.score).toBe(0);
    expect(unknown.score).toBeGreaterThan(known.score);
  });
});
