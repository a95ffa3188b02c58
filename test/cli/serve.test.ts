import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/harness';
import { APP_ID, clearService, tempDir, uniqueService } from '../support/fixtures';
import { CLI, runJaasKeys } from '../support/cli';
import { pooledKey } from '../support/keyPool';
import { privatePkcs1Pem } from '../../src/core/keys/rsa';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with exactly the headers given (Host included), over real loopback. */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('jaas-keys serve: a guarded token endpoint on 127.0.0.1', () => {
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess;
  let url: string;
  let port: number;
  let secret: string;
  let log = '';
  const PAGE_ORIGIN_HOLDER: { origin?: string; page?: Server } = {};
  const auth = () => ({ authorization: `Bearer ${secret}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    env = { ...process.env, JAAS_KEYS_DATA_DIR: await tempDir(), JAAS_KEYS_SERVICE: uniqueService() };
    await runJaasKeys(['new', '--label', 'dev'], env);
    await runJaasKeys(['kid', 'dev', `${APP_ID}/aa0001`], env);
    // The page that will ask for tokens, at an origin of its own.
    const page = createServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>front end</title>'),
    );
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    PAGE_ORIGIN_HOLDER.page = page;
    PAGE_ORIGIN_HOLDER.origin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    server = spawn(
      process.execPath,
      [CLI, 'serve', APP_ID, '--json', '--origin', PAGE_ORIGIN_HOLDER.origin, '--max-lifetime', '2h'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stderr!.on('data', (chunk) => (log += chunk));
    const first = await new Promise<string>((resolve) =>
      server.stdout!.once('data', (chunk) => resolve(String(chunk))),
    );
    ({ url, secret } = JSON.parse(first.trim().split('\n')[0]!));
    port = Number(new URL(url).port);
  });
  afterAll(async () => {
    server?.kill('SIGKILL');
    PAGE_ORIGIN_HOLDER.page?.close();
    await clearService(env.JAAS_KEYS_SERVICE!);
  });

  it('listens on 127.0.0.1 only and prints {url, secret} as one JSON line', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signs a token from a JSON body that jaas-keys check accepts; the key’s public half needs no secret', async () => {
    const answer = await send(
      port,
      'POST',
      '/token',
      auth(),
      JSON.stringify({
        room: 'standup',
        user: { name: 'Ann', moderator: true },
        features: { recording: true },
        lifetime: '30m',
      }),
    );
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body);
    expect(body).toMatchObject({
      token: expect.any(String),
      expiresAt: expect.any(String),
      link: expect.stringContaining(`https://8x8.vc/${APP_ID}/standup#jwt=`),
      warnings: [],
    });
    expect((await runJaasKeys(['check', body.token], env)).status).toBe(0);
    const claims = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(1800);
    expect(claims.context.features.recording).toBe('true');
    expect(claims).not.toHaveProperty('admin');
    const well = await send(port, 'GET', '/.well-known/jaas-key', {});
    expect(JSON.parse(well.body)).toEqual({
      kid: `${APP_ID}/aa0001`,
      appId: APP_ID,
      publicKeyPem: (await runJaasKeys(['public', 'dev'], env)).stdout,
    });
  });

  it.each([
    ['no Authorization', {}, 401],
    ['a wrong secret', { authorization: 'Bearer not-the-secret' }, 401],
    ['a Basic scheme', { authorization: 'Basic abc' }, 401],
  ])('refuses %s with 401', async (_name, headers, status) => {
    const answer = await send(port, 'POST', '/token', { 'content-type': 'application/json', ...headers }, '{}');
    expect(answer.status).toBe(status);
    expect(answer.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(answer.body).error.code).toBe('unauthorized');
  });

  it('refuses a Host that is not 127.0.0.1 or localhost at its port (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `localhost:${port + 1}`]) {
      const answer = await send(port, 'POST', '/token', { ...auth(), host }, '{}');
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).error.code).toBe('bad_host');
    }
    expect((await send(port, 'GET', '/.well-known/jaas-key', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('answers CORS only for the origins given: preflight for them, 403 without CORS headers for others', async () => {
    const allowed = PAGE_ORIGIN_HOLDER.origin!;
    const preflight = await send(port, 'OPTIONS', '/token', {
      origin: allowed,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': allowed,
      'access-control-allow-headers': 'Authorization, Content-Type',
    });
    const other = await send(port, 'POST', '/token', { ...auth(), origin: 'http://localhost:9999' }, '{}');
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.parse(other.body).error.code).toBe('bad_origin');
    const otherPreflight = await send(port, 'OPTIONS', '/token', { origin: 'https://evil.example' });
    expect(otherPreflight.status).toBe(403);
    expect(otherPreflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    ['a body over 16 KB', Buffer.alloc(16 * 1024 + 1, 'a'), 413, 'too_large'],
    ['a body that is not JSON', '{"room":', 400, 'invalid_json'],
    ['an unknown field', '{"room":"x","admin":true}', 400, 'invalid_request'],
    ['admin inside user', '{"user":{"admin":true}}', 400, 'invalid_request'],
    ['an unknown feature', '{"features":{"teleport":true}}', 400, 'invalid_request'],
    ['a lifetime over the maximum', '{"lifetime":"3h"}', 400, 'lifetime_too_long'],
    ['a lifetime that is no duration', '{"lifetime":"soon"}', 400, 'invalid_request'],
    ['an empty room', '{"room":""}', 400, 'invalid_request'],
  ])('refuses %s with a JSON error', async (_name, body, status, code) => {
    const answer = await send(port, 'POST', '/token', auth(), body);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('says 404 and 405 as JSON too', async () => {
    expect(JSON.parse((await send(port, 'GET', '/nope', {})).body).error.code).toBe('not_found');
    expect((await send(port, 'GET', '/token', auth())).status).toBe(405);
  });

  it('serves a page in Chromium at the allowed origin, whose fetch gets a token the checker accepts', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${PAGE_ORIGIN_HOLDER.origin}/`);
      const token = await page.evaluate(
        async ({ url: endpoint, secret: bearer }) => {
          const response = await fetch(`${endpoint}/token`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ room: 'from-the-page', user: { moderator: true } }),
          });
          return (await response.json()).token as string;
        },
        { url, secret },
      );
      expect((await runJaasKeys(['check', token], env)).status).toBe(0);
      // The same front end opened at another origin (localhost instead of 127.0.0.1) is refused by the preflight.
      const elsewhere = await browser.newPage();
      await elsewhere.goto(PAGE_ORIGIN_HOLDER.origin!.replace('127.0.0.1', 'localhost'));
      const blocked = await elsewhere.evaluate(
        async ({ url: endpoint, secret: bearer }) => {
          try {
            await fetch(`${endpoint}/token`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
              body: '{}',
            });
            return 'read';
          } catch {
            return 'blocked';
          }
        },
        { url, secret },
      );
      expect(blocked).toBe('blocked');
    } finally {
      await browser.close();
    }
  });

  it('logs one line per request without tokens, counts tokens, and stops cleanly on SIGTERM', async () => {
    // A server of its own, so this test passes in any order and leaves the others theirs.
    // And a key of its own: the shared server's counts of other tests' tokens land whenever it flushes.
    const pem = join(await tempDir(), 'counted.pem');
    await writeFile(pem, privatePkcs1Pem(await pooledKey()), { mode: 0o600 });
    await runJaasKeys(['import', pem, '--label', 'counted'], env);
    await runJaasKeys(['kid', 'counted', `${APP_ID}/cc0001`], env);
    const own = spawn(process.execPath, [CLI, 'serve', 'counted', '--json'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let ownLog = '';
    own.stderr!.on('data', (chunk) => (ownLog += chunk));
    const first = await new Promise<string>((resolve) => own.stdout!.once('data', (chunk) => resolve(String(chunk))));
    const started = JSON.parse(first.trim().split('\n')[0]!) as { url: string; secret: string };
    const ownPort = Number(new URL(started.url).port);
    const headers = { authorization: `Bearer ${started.secret}`, 'content-type': 'application/json' };
    expect((await send(ownPort, 'POST', '/token', headers, JSON.stringify({ room: 'standup' }))).status).toBe(200);
    expect((await send(ownPort, 'POST', '/token', headers, JSON.stringify({ room: 'retro' }))).status).toBe(200);
    expect((await send(ownPort, 'POST', '/token', { 'content-type': 'application/json' }, '{}')).status).toBe(401);
    // Each line reaches stderr just after its answer: wait for it.
    await expect.poll(() => ownLog).toMatch(/ POST \/token 200 room=standup\n/);
    await expect.poll(() => ownLog).toMatch(/ POST \/token 401\n/);
    expect(ownLog).not.toMatch(/eyJ/);
    expect(ownLog).not.toContain(started.secret);
    own.kill('SIGTERM');
    const status = await new Promise<number | null>((resolve) => own.on('exit', resolve));
    expect(status).toBe(0);
    expect(ownLog).toContain('Stopped; the port is closed.');
    await expect(send(ownPort, 'GET', '/.well-known/jaas-key', {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const key = JSON.parse((await runJaasKeys(['show', 'counted', '--json'], env)).stdout);
    expect(key.tokensSigned).toBe(2);
  });
});
