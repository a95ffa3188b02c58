import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { privatePkcs1Pem } from '../../src/core/keys/rsa';
import { runJaasKeys } from '../support/cli';
import { clearService, tempDir, uniqueService } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';

// Transcript tests, as age's testscript files: each file in transcripts/ is a
// journey written as a person sees it. `$ jaas-keys …` runs the built command
// (against the real keychain, in a folder of its own); the lines after it are
// what it prints: plain lines on stdout, lines starting with "! " on stderr,
// and `[exit N]` when it does not exit 0. `$KEY1`…`$KEY3` name PKCS#1 files of
// real keys and `$DIR` the journey's own folder. Ids, fingerprints, times and
// tokens are compared as placeholders (<id>, <fingerprint>, <time>, <date>, <token>);
// blank lines separate steps, so they are not compared.

const DIR = join(import.meta.dirname, 'transcripts');

interface Step {
  args: string[];
  stdout: string[];
  stderr: string[];
  exit: number;
  line: number;
}

/** Splits a command line the way a shell would for plain words and "double quotes". */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

function parse(text: string): Step[] {
  const steps: Step[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.startsWith('#') || line.trim() === '') return;
    if (line.startsWith('$ jaas-keys'))
      return void steps.push({
        args: words(line.slice('$ jaas-keys'.length)),
        stdout: [],
        stderr: [],
        exit: 0,
        line: index + 1,
      });
    const step = steps.at(-1);
    if (!step) throw new Error(`line ${index + 1}: output before any command`);
    const exit = /^\[exit (\d+)\]$/.exec(line);
    if (exit) step.exit = Number(exit[1]);
    else if (line.startsWith('! ')) step.stderr.push(line.slice(2));
    else step.stdout.push(line);
  });
  return steps;
}

/** The output with what changes from run to run replaced by placeholders. */
function normalise(text: string, dir: string): string[] {
  return text
    .split(dir)
    .join('$DIR')
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<token>')
    .replace(/SHA256:[A-Za-z0-9+/]{43}/g, '<fingerprint>')
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '<time>')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '<date>')
    .replace(/\b[0-9a-f]{16}\b/g, '<id>')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

const files = readdirSync(DIR).filter((name) => name.endsWith('.txt'));
const services: string[] = [];
afterAll(async () => {
  for (const service of services) await clearService(service);
});

describe('jaas-keys transcripts', () => {
  it('has transcripts to run', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    it(file, async () => {
      const dir = await tempDir('jaas-transcript-');
      const service = uniqueService();
      services.push(service);
      const env: NodeJS.ProcessEnv = { ...process.env, JAAS_KEYS_DATA_DIR: dir, JAAS_KEYS_SERVICE: service };
      const vars: Record<string, string> = { $DIR: dir };
      for (const name of ['$KEY1', '$KEY2', '$KEY3']) {
        const path = join(dir, `${name.slice(1).toLowerCase()}.pem`);
        await writeFile(path, privatePkcs1Pem(await pooledKey()), { mode: 0o600 });
        vars[name] = path;
      }
      for (const step of parse(readFileSync(join(DIR, file), 'utf8'))) {
        const args = step.args.map((word) =>
          Object.entries(vars).reduce((text, [name, value]) => text.split(name).join(value), word),
        );
        const result = await runJaasKeys(args, env);
        const where = `${file}:${step.line}: jaas-keys ${step.args.join(' ')}`;
        expect(
          { stdout: normalise(result.stdout, dir), stderr: normalise(result.stderr, dir), exit: result.status },
          where,
        ).toEqual({
          stdout: step.stdout,
          stderr: step.stderr,
          exit: step.exit,
        });
      }
    });
  }
});
