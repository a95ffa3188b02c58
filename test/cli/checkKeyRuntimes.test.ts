import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseKey } from '../../src/core/keys/keyCheck';
import type { KeyRuntime } from '../../src/shared/keyCheck';
import { CONSUMER_LIST, CONSUMERS, installed, type Consumer } from '../support/consumers';
import { APP_ID, tempDir } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { bytesOf, MANGLINGS, pemsOf } from '../support/manglings';

// check-key says, for each runtime, whether a key's text loads as it is. Here the
// runtimes themselves answer: each mangled key (made from a real key) is handed as a
// file to each consumer program, which loads it as 8x8's sample in its language does
// and signs a token. The verdict must be the runtime's own, in both directions.
// .NET has no runtime on Debian, so its reader is checked by nothing here.

interface Runner {
  consumer: Consumer;
  runtime: KeyRuntime;
  command: string[];
}

const runners: Runner[] = [];
let dir: string;
const keyFiles = new Map<string, string>();
const verdicts = new Map<string, Record<string, boolean>>();

function signs(runner: Runner, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(runner.command[0]!, runner.command.slice(1), {
      stdio: 'ignore',
      env: {
        ...process.env,
        ...runner.consumer.env,
        KEY_FORM: 'file',
        KEY_PATH: path,
        JAAS_APP_ID: APP_ID,
        JAAS_KID: `${APP_ID}/ee0001`,
      },
    });
    child.on('close', (status) => resolve(status === 0));
  });
}

beforeAll(async () => {
  dir = await tempDir();
  const pems = pemsOf(await pooledKey());
  for (const [index, mangling] of MANGLINGS.entries()) {
    const path = join(dir, `mangled-${index}.pem`);
    const bytes = bytesOf(mangling.make(pems));
    await writeFile(path, bytes, { mode: 0o600 });
    keyFiles.set(mangling.name, path);
    const { report } = diagnoseKey(bytes, null, []);
    verdicts.set(mangling.name, Object.fromEntries(report.readers.map((reader) => [reader.runtime, reader.loads])));
  }
  for (const consumer of CONSUMER_LIST) {
    if (!consumer.runtime || !installed(consumer.probe)) continue;
    let command = consumer.command;
    // Compiled once, so each of the many runs below is quick: the same source the sample runs.
    if (consumer.runtime === 'java') {
      spawnSync('javac', ['-d', join(dir, 'java'), join(CONSUMERS, 'Sign.java')]);
      command = ['java', '-cp', join(dir, 'java'), 'Sign'];
    }
    if (consumer.runtime === 'go') {
      const built = spawnSync('go', ['build', '-o', join(dir, 'sign-go'), join(CONSUMERS, 'sign.go')], {
        env: { ...process.env, ...consumer.env },
      });
      expect(built.status, built.stderr?.toString()).toBe(0);
      command = [join(dir, 'sign-go')];
    }
    runners.push({ consumer, runtime: consumer.runtime, command });
  }
}, 120_000);

const missing = CONSUMER_LIST.filter((consumer) => consumer.runtime && !installed(consumer.probe));
it.skipIf(missing.length === 0)(
  `skips runtimes that are not installed: ${missing.map((c) => c.name).join(', ')}`,
  () => {
    expect(missing.length).toBeGreaterThan(0);
  },
);

describe('check-key’s verdict per runtime is the runtime’s own', () => {
  for (const mangling of MANGLINGS) {
    it(
      mangling.name,
      async () => {
        const path = keyFiles.get(mangling.name)!;
        const actual = await Promise.all(runners.map(async (runner) => [runner.runtime, await signs(runner, path)]));
        const expected = runners.map((runner) => [runner.runtime, verdicts.get(mangling.name)![runner.runtime]]);
        expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
      },
      60_000,
    );
  }

  it('covers both outcomes for every runtime it ran (a verdict that never varies proves nothing)', async () => {
    for (const runner of runners) {
      const outcomes = new Set(MANGLINGS.map((mangling) => verdicts.get(mangling.name)![runner.runtime]));
      expect(outcomes, runner.consumer.name).toEqual(new Set([true, false]));
    }
  });
});
