import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privatePkcs1Pem } from '../../src/core/keys/rsa';
import { runJaasKeys } from '../support/cli';
import { APP_ID, clearService, tempDir, uniqueService } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';
import { CONSUMER_LIST, CONSUMERS, installed, type Form } from '../support/consumers';

// Each form `export-private --format` writes, loaded by the programs that use it in
// production: one per language of 8x8's token samples (test/fixtures/consumers), each
// loading the key as its sample does and signing a JaaS token, which `jaas-keys check`
// must accept. A runtime that is not installed skips its tests with one line.

const KID = `${APP_ID}/ee0001`;

describe('every exported form, loaded by the programs that sign with it', () => {
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const files = new Map<Form, { path?: string; env?: NodeJS.ProcessEnv }>();

  beforeAll(async () => {
    dir = await tempDir();
    env = { ...process.env, JAAS_KEYS_DATA_DIR: join(dir, 'data'), JAAS_KEYS_SERVICE: uniqueService() };
    await writeFile(join(dir, 'source.pem'), privatePkcs1Pem(await pooledKey()), { mode: 0o600 });
    await runJaasKeys(['import', join(dir, 'source.pem'), '--label', 'Prod web'], env);
    await runJaasKeys(['kid', 'Prod web', KID], env);
    const exported = async (format: string) => {
      const path = join(dir, `key.${format}`);
      const result = await runJaasKeys(['export-private', 'Prod web', '--format', format, '--out', path], env);
      expect(result.status, result.stderr).toBe(0);
      return path;
    };
    files.set('file-pkcs1', { path: await exported('pkcs1') });
    files.set('file-pkcs8', { path: await exported('pkcs8') });
    files.set('json', { path: await exported('json') });
    files.set('jwk', { path: await exported('jwk') });
    // The dotenv forms go through a real dotenv reader: Node's own --env-file.
    const loaded = (path: string) =>
      JSON.parse(
        spawnSync(process.execPath, [`--env-file=${path}`, '-e', 'process.stdout.write(JSON.stringify(process.env))'], {
          encoding: 'utf8',
        }).stdout,
      ) as NodeJS.ProcessEnv;
    files.set('env', { env: loaded(await exported('env')) });
    files.set('env-base64', { env: loaded(await exported('env-base64')) });
  });
  afterAll(() => clearService(env.JAAS_KEYS_SERVICE!));

  it('writes a dotenv file Node reads back to the same PEM, and a base64 one on one line', async () => {
    const pem = await readFile(files.get('file-pkcs8')!.path!, 'utf8');
    expect(files.get('env')!.env!.JAAS_PRIVATE_KEY).toBe(pem);
    expect(files.get('env')!.env).toMatchObject({ JAAS_APP_ID: APP_ID, JAAS_KID: KID });
    expect(Buffer.from(files.get('env-base64')!.env!.JAAS_PRIVATE_KEY_B64!, 'base64').toString()).toBe(pem);
    for (const format of ['env', 'env-base64', 'json', 'jwk', 'pkcs1', 'pkcs8']) {
      const { mode } = await import('node:fs/promises').then((fs) => fs.stat(join(dir, `key.${format}`)));
      expect(mode & 0o777, format).toBe(0o600);
    }
  });

  for (const consumer of CONSUMER_LIST) {
    describe.skipIf(!installed(consumer.probe))(consumer.name, () => {
      for (const form of consumer.forms) {
        it(`signs with the ${form} form, and jaas-keys check accepts the token`, async () => {
          const source = files.get(form)!;
          const keyForm = form.startsWith('file-') ? 'file' : form;
          const run = spawnSync(consumer.command[0]!, consumer.command.slice(1), {
            encoding: 'utf8',
            cwd: dir,
            env: {
              ...process.env,
              ...consumer.env,
              ...source.env,
              KEY_FORM: keyForm,
              KEY_PATH: source.path ?? '',
              JAAS_APP_ID: APP_ID,
              JAAS_KID: KID,
            },
          });
          expect(run.status, run.stderr).toBe(0);
          const check = await runJaasKeys(['check', run.stdout.trim()], env);
          expect(check.status, check.stdout + check.stderr).toBe(0);
          expect(check.stdout).toContain('Token OK: signed by "Prod web"');
        });
      }
    });
  }

  it('PKCS#1 is refused by the PKCS#8-only loaders, as people meet it (why the pkcs8 form exists)', async () => {
    const run = spawnSync(process.execPath, [join(CONSUMERS, 'sign.mjs')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        LIBRARY: 'jose',
        KEY_FORM: 'file',
        KEY_PATH: files.get('file-pkcs1')!.path!,
        JAAS_APP_ID: APP_ID,
        JAAS_KID: KID,
      },
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/PKCS#8|pkcs8/i);
  });

  it.skipIf(!installed(['kubectl', 'version', '--client']))(
    'writes a Kubernetes Secret that kubectl accepts, with the key under stringData',
    async () => {
      const path = join(dir, 'secret.yaml');
      expect((await runJaasKeys(['export-private', 'Prod web', '--format', 'k8s', '--out', path], env)).status).toBe(0);
      // kubectl asks an API server which resource a kind is before it parses a manifest, even with
      // --dry-run=client. No cluster runs here: a loopback server answers that discovery (core v1 and
      // its Secret resource) and nothing else; kubectl itself reads, checks and prints the object.
      const discovery = createServer((request, response) => {
        const url = request.url ?? '';
        const body = url.startsWith('/api/v1')
          ? {
              kind: 'APIResourceList',
              groupVersion: 'v1',
              resources: [
                { name: 'secrets', singularName: 'secret', namespaced: true, kind: 'Secret', verbs: ['create', 'get'] },
              ],
            }
          : url.startsWith('/apis')
            ? { kind: 'APIGroupList', apiVersion: 'v1', groups: [] }
            : url.startsWith('/api')
              ? { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] }
              : null;
        response.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' }).end(JSON.stringify(body ?? {}));
      });
      await new Promise<void>((resolve) => discovery.listen(0, '127.0.0.1', resolve));
      const kubeconfig = join(dir, 'kubeconfig');
      const server = `http://127.0.0.1:${(discovery.address() as AddressInfo).port}`;
      await writeFile(
        kubeconfig,
        `apiVersion: v1\nkind: Config\nclusters: [{name: local, cluster: {server: "${server}"}}]\ncontexts: [{name: local, context: {cluster: local}}]\ncurrent-context: local\n`,
      );
      const created = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn('kubectl', [
          '--kubeconfig',
          kubeconfig,
          'create',
          '--dry-run=client',
          '--validate=false',
          '-o',
          'json',
          '-f',
          path,
        ]);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
      discovery.close();
      expect(created.status, created.stderr).toBe(0);
      const secret = JSON.parse(created.stdout) as {
        kind: string;
        metadata: { name: string };
        stringData: Record<string, string>;
      };
      expect(secret).toMatchObject({ kind: 'Secret', metadata: { name: 'jaas-prod-web' } });
      expect(secret.stringData).toEqual({
        JAAS_APP_ID: APP_ID,
        JAAS_KID: KID,
        JAAS_PRIVATE_KEY: await readFile(files.get('file-pkcs8')!.path!, 'utf8'),
      });
    },
  );
});
