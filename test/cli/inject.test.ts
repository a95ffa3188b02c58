import { spawn, spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runJaasKeys } from '../support/cli';
import { CONSUMERS, installed } from '../support/consumers';
import { APP_ID, clearService, tempDir, uniqueService } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { pemsOf } from '../support/manglings';

// `jaas-keys inject`: config files rendered from templates, as a deployment takes them.
// The rendered files are read by real readers (Ruby's YAML, Node's dotenv, Java's
// sample); a bad reference is refused by name with nothing written; an AppID follows
// rotation; each private key that goes into a file is in the history.

const KID = `${APP_ID}/ee0001`;
let env: NodeJS.ProcessEnv;
let dir: string;
let pems: { pkcs8: string; pkcs1: string };

beforeAll(async () => {
  dir = await tempDir();
  env = { ...process.env, JAAS_KEYS_DATA_DIR: join(dir, 'data'), JAAS_KEYS_SERVICE: uniqueService() };
  pems = pemsOf(await pooledKey());
  await writeFile(join(dir, 'source.pem'), pems.pkcs1, { mode: 0o600 });
  expect((await runJaasKeys(['import', join(dir, 'source.pem'), '--label', 'Prod web'], env)).status).toBe(0);
  expect((await runJaasKeys(['kid', 'Prod web', KID], env)).status).toBe(0);
});
afterAll(() => clearService(env.JAAS_KEYS_SERVICE!));

async function template(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('rendering', () => {
  it('fills every field, leaves other {{ }} alone, writes 0600 and records the private export', async () => {
    const path = await template(
      'all.tmpl',
      [
        'app={{ jaas://Prod web/appId }}',
        `kid={{jaas://${APP_ID}/kid}}`,
        'escaped="{{ jaas://Prod web/privateKeyEscaped }}"',
        'b64={{ jaas://Prod web/privateKeyBase64 }}',
        'helm={{ .Values.image }}',
        '{{ jaas://Prod web/privateKeyPkcs1 }}',
        '{{ jaas://Prod web/publicKey }}',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'all.out');
    const run = await runJaasKeys(['inject', '-i', path, '-o', out], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('it holds the private key of "Prod web"');
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const lines = (await readFile(out, 'utf8')).split('\n');
    expect(lines[0]).toBe(`app=${APP_ID}`);
    expect(lines[1]).toBe(`kid=${KID}`);
    expect(lines[2]).toBe(`escaped="${pems.pkcs8.replace(/\n/g, '\\n')}"`);
    expect(Buffer.from(lines[3]!.slice('b64='.length), 'base64').toString()).toBe(pems.pkcs8);
    expect(lines[4]).toBe('helm={{ .Values.image }}');
    expect(lines.slice(5).join('\n')).toMatch(
      /^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]*-----END RSA PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----/,
    );
    const history = await runJaasKeys(['history', 'Prod web'], env);
    expect(history.stdout).toContain(`private-exported Prod web`);
    expect(history.stdout).toContain(`a config rendered to ${out}`);
    const again = await runJaasKeys(['inject', '-i', path, '-o', out], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect((await runJaasKeys(['inject', '-i', path, '-o', out, '--force'], env)).status).toBe(0);
  });

  it('keeps a key in a YAML block whole: Ruby’s YAML reads back the same PEM', async () => {
    const path = await template(
      'secret.yaml.tmpl',
      'apiVersion: v1\nkind: Secret\nstringData:\n  JAAS_KID: "{{ jaas://Prod web/kid }}"\n  JAAS_PRIVATE_KEY: |\n    {{ jaas://Prod web/privateKeyPkcs8 }}\n  AFTER: "x"\n',
    );
    const run = await runJaasKeys(['inject', '-i', path], env);
    expect(run.status, run.stderr).toBe(0);
    const parsed = spawnSync('ruby', ['-ryaml', '-rjson', '-e', 'puts YAML.load(STDIN.read).to_json'], {
      input: run.stdout,
      encoding: 'utf8',
    });
    expect(parsed.status, parsed.stderr).toBe(0);
    expect(JSON.parse(parsed.stdout)).toMatchObject({
      stringData: { JAAS_KID: KID, JAAS_PRIVATE_KEY: pems.pkcs8, AFTER: 'x' },
    });
  });

  it('renders a dotenv file that Node’s --env-file reads back to the key', async () => {
    const path = await template(
      'app.env.tmpl',
      'JAAS_APP_ID={{ jaas://Prod web/appId }}\nJAAS_PRIVATE_KEY="{{ jaas://Prod web/privateKeyEscaped }}"\n',
    );
    const out = join(dir, 'app.env');
    expect((await runJaasKeys(['inject', '-i', path, '-o', out], env)).status).toBe(0);
    const read = spawnSync(process.execPath, [`--env-file=${out}`, '-p', 'process.env.JAAS_PRIVATE_KEY'], {
      encoding: 'utf8',
    });
    expect(read.stdout).toBe(`${pems.pkcs8}\n`);
  });

  it.skipIf(!installed(['javac', '-version']))(
    'renders the key file 8x8’s Java sample reads; the token it signs passes jaas-keys check',
    async () => {
      const path = await template('java.pem.tmpl', '{{ jaas://Prod web/privateKeyPkcs8 }}\n');
      const out = join(dir, 'java.pem');
      expect((await runJaasKeys(['inject', '-i', path, '-o', out], env)).status).toBe(0);
      const signed = spawnSync('java', [join(CONSUMERS, 'Sign.java')], {
        encoding: 'utf8',
        env: { ...process.env, KEY_FORM: 'file', KEY_PATH: out, JAAS_APP_ID: APP_ID, JAAS_KID: KID },
      });
      expect(signed.status, signed.stderr).toBe(0);
      expect((await runJaasKeys(['check', signed.stdout.trim()], env)).stdout).toContain('Token OK');
    },
    60_000,
  );
});

describe('at a terminal', () => {
  // expect(1) gives jaas-keys a real terminal and answers its question.
  const atTerminal = (args: string, answer: string) =>
    new Promise<{ status: number | null; output: string }>((resolve) => {
      const script = `set timeout 30
spawn ${process.execPath} ${CLI} ${args}
expect "\\[y/N\\] "
send "${answer}\\r"
expect eof
catch wait result
exit [lindex $result 3]`;
      const child = spawn('expect', ['-c', script], { env });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.on('close', (status) => resolve({ status, output }));
    });

  it.skipIf(!installed(['expect', '-v']))(
    'export-private and inject ask before a private key goes to a file',
    async () => {
      const pem = join(dir, 'asked.pem');
      const refused = await atTerminal(`export-private "Prod web" --format pkcs8 --out ${pem}`, 'n');
      expect(refused.output).toContain('Write the private key of "Prod web" to');
      expect(refused.status).toBe(1);
      await expect(stat(pem)).rejects.toMatchObject({ code: 'ENOENT' });
      const agreed = await atTerminal(`export-private "Prod web" --format pkcs8 --out ${pem}`, 'y');
      expect(agreed.status).toBe(0);
      expect((await stat(pem)).mode & 0o777).toBe(0o600);
      const path = await template('asked.tmpl', '{{ jaas://Prod web/privateKeyPkcs8 }}');
      const out = join(dir, 'asked.out');
      expect((await atTerminal(`inject -i ${path} -o ${out}`, 'n')).status).toBe(1);
      await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await atTerminal(`inject -i ${path} -o ${out}`, 'y')).status).toBe(0);
      expect(await readFile(out, 'utf8')).toBe(pems.pkcs8.trimEnd());
    },
  );
});

describe('refusals', () => {
  it('names every unknown key, unknown field and malformed reference by line, and writes nothing', async () => {
    const path = await template(
      'bad.tmpl',
      'a={{ jaas://nope/kid }}\nb={{ jaas://Prod web/secret }}\nc={{ jaas:Prod web }}\nd={{ jaas://Prod web/kid }}\n',
    );
    const out = join(dir, 'bad.out');
    const run = await runJaasKeys(['inject', '-i', path, '-o', out], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('line 1: No key matches "nope"');
    expect(run.stderr).toContain('line 2: "secret" is not a field');
    expect(run.stderr).toContain('line 3: a reference is {{ jaas://KEY/FIELD }}');
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    const piped = await runJaasKeys(['inject', '-i', path], env);
    expect(piped.stdout).toBe('');
  });

  it('follows rotation through an AppID, and refuses a retired key’s private key', async () => {
    const path = await template('follow.tmpl', `{{ jaas://${APP_ID}/kid }}`);
    expect((await runJaasKeys(['inject', '-i', path], env)).stdout).toBe(KID);
    const rotated = await runJaasKeys(['rotate', 'Prod web', '--label', 'Prod web 2'], env);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect((await runJaasKeys(['kid', 'Prod web 2', `${APP_ID}/ee0002`], env)).status).toBe(0);
    expect((await runJaasKeys(['activate', 'Prod web 2'], env)).status).toBe(0);
    expect((await runJaasKeys(['inject', '-i', path], env)).stdout).toBe(`${APP_ID}/ee0002`);
    expect((await runJaasKeys(['retire', 'Prod web', '--yes'], env)).status).toBe(0);
    const retired = await template('retired.tmpl', '{{ jaas://Prod web/privateKeyPkcs8 }}');
    const run = await runJaasKeys(['inject', '-i', retired], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('"Prod web" is retired and does not sign');
    expect(run.stdout).toBe('');
  });
});
