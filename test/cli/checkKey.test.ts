import { spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseKey } from '../../src/core/keys/keyCheck';
import { runJaasKeys } from '../support/cli';
import { CONSUMERS, installed } from '../support/consumers';
import { APP_ID, clearService, tempDir, uniqueService } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { bytesOf, keyMaterialPieces, MANGLINGS, pemsOf } from '../support/manglings';

// `jaas-keys check-key` as people run it: on each mangled form of a real key stored
// here it exits 0 only when the key loads as it is, names the key, and prints no key
// material (stdout, stderr and --json alike); --fix-out writes a copy that Java's
// sample, the strictest reader, signs with and `jaas-keys check` accepts.

const KID = `${APP_ID}/ee0001`;
let env: NodeJS.ProcessEnv;
let dir: string;
let pems: { pkcs8: string; pkcs1: string };
let pieces: string[];

beforeAll(async () => {
  dir = await tempDir();
  env = { ...process.env, JAAS_KEYS_DATA_DIR: join(dir, 'data'), JAAS_KEYS_SERVICE: uniqueService() };
  pems = pemsOf(await pooledKey());
  pieces = [...keyMaterialPieces(pems.pkcs8), ...keyMaterialPieces(pems.pkcs1)];
  await writeFile(join(dir, 'source.pem'), pems.pkcs1, { mode: 0o600 });
  expect((await runJaasKeys(['import', join(dir, 'source.pem'), '--label', 'Prod web'], env)).status).toBe(0);
  expect((await runJaasKeys(['kid', 'Prod web', KID], env)).status).toBe(0);
});
afterAll(() => clearService(env.JAAS_KEYS_SERVICE!));

function expectNoKeyMaterial(text: string): void {
  for (const piece of pieces) expect(text.includes(piece), 'key material was printed').toBe(false);
}

describe('each mangled form, through the command', () => {
  for (const [index, mangling] of MANGLINGS.entries()) {
    it(mangling.name, async () => {
      const path = join(dir, `m${index}.pem`);
      const bytes = bytesOf(mangling.make(pems));
      await writeFile(path, bytes, { mode: 0o600 });
      const expected = diagnoseKey(bytes, 'java', []).report;
      const plain = await runJaasKeys(['check-key', path, '--for', 'java'], env);
      const json = await runJaasKeys(['check-key', path, '--for', 'java', '--json'], env);
      for (const run of [plain, json]) expectNoKeyMaterial(run.stdout + run.stderr);
      expect(plain.status, plain.stdout + plain.stderr).toBe(expected.ok ? 0 : 1);
      expect(json.status).toBe(plain.status);
      const report = JSON.parse(json.stdout) as typeof expected;
      expect(report.problems.map((problem) => problem.id)).toEqual(expected.problems.map((problem) => problem.id));
      for (const problem of expected.problems) expect(plain.stdout).toContain(`${problem.id}: ${problem.message}`);
      if (!mangling.names.includes('damaged')) expect(plain.stdout).toContain('Stored here: This is "Prod web"');
      if (expected.ok) expect(plain.stdout).toContain('Key OK: it loads as it is in Java (KeyFactory)');
      else expect(plain.stderr).toContain('does not load as it is in Java (KeyFactory)');
    });
  }
});

describe('the command’s edges', () => {
  it('reads stdin for -, as a pipe from printenv gives it', async () => {
    const value = `"${pems.pkcs8.trimEnd().replace(/\n/g, '\\n')}"\n`;
    const run = await runJaasKeys(['check-key', '-', '--for', 'node'], env, value);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✗ quotes:');
    expect(run.stdout).toContain('✗ literal-newlines:');
    expect(run.stderr).toContain('add --fix-out FILE');
    expectNoKeyMaterial(run.stdout + run.stderr);
  });

  it('refuses an unknown runtime and a missing file in one line each', async () => {
    const unknown = await runJaasKeys(['check-key', join(dir, 'source.pem'), '--for', 'cobol'], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--for takes one of node, python, java, go, php, ruby, dotnet');
    const missing = await runJaasKeys(['check-key', join(dir, 'nope.pem')], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read the key .*nope\.pem \(ENOENT\)/);
  });

  it.skipIf(!installed(['javac', '-version']))(
    'writes a repaired copy (0600, never over a file) that Java’s sample signs with',
    async () => {
      const mangled = join(dir, 'mangled.env');
      await writeFile(mangled, `JAAS_PRIVATE_KEY="${pems.pkcs1.trimEnd().replace(/\n/g, '\\n')}"\n`, { mode: 0o600 });
      const fixed = join(dir, 'fixed.pem');
      const run = await runJaasKeys(['check-key', mangled, '--for', 'java', '--fix-out', fixed], env);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`Wrote a repaired copy to ${fixed}`);
      expectNoKeyMaterial(run.stdout + run.stderr);
      expect((await stat(fixed)).mode & 0o777).toBe(0o600);
      expect(await readFile(fixed, 'utf8')).toBe(pems.pkcs8);
      expect((await runJaasKeys(['check-key', fixed, '--for', 'java'], env)).status).toBe(0);
      const again = await runJaasKeys(['check-key', mangled, '--fix-out', fixed], env);
      expect(again.stderr).toContain('already exists');
      const signed = spawnSync('java', [join(CONSUMERS, 'Sign.java')], {
        encoding: 'utf8',
        env: { ...process.env, KEY_FORM: 'file', KEY_PATH: fixed, JAAS_APP_ID: APP_ID, JAAS_KID: KID },
      });
      expect(signed.status, signed.stderr).toBe(0);
      const check = await runJaasKeys(['check', signed.stdout.trim()], env);
      expect(check.stdout).toContain('Token OK: signed by "Prod web"');
    },
    60_000,
  );

  it('writes no repaired copy of a public key, and says why', async () => {
    const pub = await runJaasKeys(['public', 'Prod web'], env);
    await writeFile(join(dir, 'public.pem'), pub.stdout);
    const run = await runJaasKeys(['check-key', join(dir, 'public.pem'), '--fix-out', join(dir, 'none.pem')], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no repaired copy was written');
    await expect(stat(join(dir, 'none.pem'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
