import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackup, sealBackup } from '../../src/core/backup/backupFile';
import { CoreError } from '../../src/core/errors';
import { parseKeyFile } from '../../src/core/keys/importKey';
import { checkKid } from '../../src/core/keys/kid';
import { KeyManager } from '../../src/core/keyManager';
import { startTokenServer, type TokenServer } from '../../src/core/work/serve';
import { sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { mutated, seedFromEnv } from './random';

// The parsers people feed directly (issue 12): key files, tokens, kids, backup
// files and HTTP requests, under generated and mutated input. Each input either
// succeeds or is refused with a CoreError (a clear message), never another throw,
// and a 1 MB input is handled at once. Counts are printed for the closing note.
// JAAS_PARSER_RUNS scales every campaign; JAAS_PARSER_SEED reproduces.

const SEED = seedFromEnv('JAAS_PARSER_SEED');
const RUNS = Number(process.env.JAAS_PARSER_RUNS ?? 1500);
const APP_ID = 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe';
const MB = 'A'.repeat(1 << 20);

/** An OpenSSH key whose length fields lie: a uint32 inside the blob set to a chosen value. */
function lyingOpenSsh(pem: string): fc.Arbitrary<string> {
  const blob = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return fc
    .tuple(
      fc.nat({ max: Math.min(blob.length - 4, 400) }),
      fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff, blob.length, 4096, 3),
    )
    .map(([at, value]) => {
      const copy = Buffer.from(blob);
      copy.writeUInt32BE(value >>> 0, at);
      return `-----BEGIN OPENSSH PRIVATE KEY-----\n${copy.toString('base64').replace(/.{70}/g, '$&\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
    });
}

async function refusesClearly(work: () => unknown): Promise<'accepted' | 'refused'> {
  try {
    await work();
    return 'accepted';
  } catch (error) {
    if (!(error instanceof CoreError)) throw new Error(`not a clear refusal: ${(error as Error)?.stack ?? error}`);
    expect(error.message.length).toBeGreaterThan(10);
    return 'refused';
  }
}

const summary: string[] = [];
const tally = () => ({ tried: 0, accepted: 0, refused: 0 });
const report = (name: string, counts: ReturnType<typeof tally>) =>
  summary.push(`${name}: ${counts.tried} tried, ${counts.accepted} accepted, ${counts.refused} refused`);

describe('parsers under hostile input', () => {
  let work: string;
  let pkcs8: string;
  let pkcs1: string;
  let openssh: string;
  let opensshEncrypted: string;

  beforeAll(async () => {
    console.log(`parser fuzz: seed ${SEED} (JAAS_PARSER_SEED reproduces it), ${RUNS} inputs per campaign`);
    work = await tempDir();
    pkcs8 = Object.values(
      JSON.parse(
        await readFile(join(process.cwd(), 'test', 'fixtures', 'catalog-v1', 'secrets.json'), 'utf8'),
      ) as Record<string, string>,
    )[0]!;
    pkcs1 = execFileSync('openssl', ['pkey', '-traditional'], { input: pkcs8 }).toString();
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '4096', '-N', '', '-f', join(work, 'plain')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '4096', '-N', 'pass phrase', '-f', join(work, 'enc')]);
    openssh = await readFile(join(work, 'plain'), 'utf8');
    opensshEncrypted = await readFile(join(work, 'enc'), 'utf8');
  });
  afterAll(() => console.log(`parser fuzz: seed ${SEED}: ${summary.join('; ')}`));

  it('key files: mutated PEM and OpenSSH, lying lengths, DER and noise are read or refused clearly', async () => {
    const counts = tally();
    const input = fc.oneof(
      mutated(pkcs8),
      mutated(pkcs1),
      mutated(openssh),
      lyingOpenSsh(openssh),
      lyingOpenSsh(opensshEncrypted),
      fc.string({ maxLength: 300 }),
      fc
        .uint8Array({ maxLength: 600 })
        .map(
          (bytes) =>
            `-----BEGIN PRIVATE KEY-----\n${Buffer.from(bytes).toString('base64')}\n-----END PRIVATE KEY-----\n`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(input, fc.boolean(), async (text, withPassphrase) => {
        counts.tried++;
        // With a passphrase an encrypted OpenSSH key runs bcrypt (its rounds capped at 1,000); without, it is refused first.
        counts[
          await refusesClearly(() =>
            parseKeyFile(text, withPassphrase && !text.includes('OPENSSH') ? 'pass phrase' : undefined),
          )
        ]++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    for (const big of [
      MB,
      `-----BEGIN PRIVATE KEY-----\n${MB}\n-----END PRIVATE KEY-----\n`,
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${MB}\n-----END OPENSSH PRIVATE KEY-----\n`,
    ]) {
      const started = performance.now();
      counts.tried++;
      counts[await refusesClearly(() => parseKeyFile(big))]++;
      summary.push(`1 MB key file refused in ${Math.round(performance.now() - started)} ms`);
    }
    report('key files', counts);
  });

  it('refuses an OpenSSH key that asks for millions of bcrypt rounds instead of hanging', async () => {
    const blob = Buffer.from(opensshEncrypted.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    // kdfoptions: string salt (4 + 16 bytes) then uint32 rounds, after magic, cipher name and kdf name.
    const at = blob.indexOf(Buffer.from('bcrypt')) + 6 + 4 + 4 + 16;
    expect(blob.readUInt32BE(at)).toBe(16);
    blob.writeUInt32BE(50_000_000, at);
    const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${blob.toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
    await expect(parseKeyFile(text, 'pass phrase')).rejects.toThrow(/asks for 50000000 bcrypt rounds/);
  });

  it('kids: any string is judged, never thrown on', () => {
    const counts = tally();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), mutated(`${APP_ID}/4f4910`), fc.constant(MB)), (text) => {
        counts.tried++;
        counts[checkKid(text).ok ? 'accepted' : 'refused']++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    report('kids', counts);
  });

  describe('with keys', () => {
    let box: Sandbox;
    let token: string;
    let backup: string;
    let server: TokenServer;
    beforeAll(async () => {
      box = await sandbox();
      const key = (await box.keys.importKey(pkcs8, { label: 'fuzz' })).key;
      await box.keys.recordKid(key.id, `${APP_ID}/4f4910`);
      token = (
        await box.keys.makeToken(key.id, {
          room: 'r',
          moderator: true,
          features: ['recording'],
          lifetimeSeconds: 600,
          nbfSkewSeconds: 10,
        })
      ).token;
      backup = await sealBackup(
        { format: 'jaas-key-manager-backup', version: 1, createdAt: new Date().toISOString(), keys: [] },
        { passphrase: 'violet kettle harbour seventeen ribbon' },
      );
      const signer = await box.keys.signer(key.id);
      server = await startTokenServer({
        signer,
        publicKeyPem: await box.keys.publicPem(key.id),
        port: 0,
        origins: [],
        lifetimeSeconds: 600,
        maxLifetimeSeconds: 3600,
        log: () => undefined,
      });
    });
    afterAll(async () => {
      await server?.close();
      await box?.cleanup();
    });

    it('tokens: mutated and random tokens get a report, never a throw', async () => {
      const counts = tally();
      const keys = new KeyManager({ dataDir: box.dataDir, store: box.store });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(mutated(token), fc.string({ maxLength: 300 }), fc.constant(MB), fc.constant(`${MB}.${MB}.${MB}`)),
          async (text) => {
            counts.tried++;
            const report_ = await keys.checkToken(text);
            counts[report_.ok ? 'accepted' : 'refused']++;
            expect(Array.isArray(report_.rules)).toBe(true);
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
      report('tokens', counts);
    });

    it('backup files: mutated armor and ciphertext are refused clearly, the original still opens', async () => {
      const counts = tally();
      const runs = Math.max(50, Math.floor(RUNS / 10)); // each try that reaches scrypt costs a second
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutated(backup), fc.string({ maxLength: 200 }), fc.constant(MB)), async (text) => {
          counts.tried++;
          try {
            await openBackup(text, { passphrase: 'violet kettle harbour seventeen ribbon' });
            counts.accepted++;
          } catch (error) {
            if (!(error instanceof CoreError)) throw new Error(`not a clear refusal: ${(error as Error)?.stack}`);
            counts.refused++;
          }
        }),
        { seed: SEED, numRuns: runs },
      );
      expect((await openBackup(backup, { passphrase: 'violet kettle harbour seventeen ribbon' })).keys).toEqual([]);
      report('backup files', counts);
    });

    it('HTTP: raw garbage on the socket does not break serve; a good request still gets a token', async () => {
      const counts = tally();
      const port = Number(new URL(server.url).port);
      const raw = fc.oneof(
        fc.string({ maxLength: 400 }),
        fc.constantFrom(
          'GET / HTTP/1.1\r\n\r\n',
          'POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999\r\n\r\n{',
          'POST /token HTTP/1.1\r\nTransfer-Encoding: chunked\r\nHost: x\r\n\r\nzz\r\n',
          `GET /${'a'.repeat(20000)} HTTP/1.1\r\n\r\n`,
        ),
        fc
          .tuple(
            fc.constantFrom('POST', 'GET', 'OPTIONS', 'BREW'),
            fc.string({ maxLength: 40 }),
            fc.string({ maxLength: 200 }),
          )
          .map(
            ([method, path, body]) =>
              `${method} /${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${server.secret}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
          ),
      );
      await fc.assert(
        fc.asyncProperty(raw, async (text) => {
          counts.tried++;
          const answer = await new Promise<string>((resolve) => {
            const socket = connect(port, '127.0.0.1');
            let data = '';
            socket.setTimeout(2000, () => socket.destroy());
            socket.on('data', (chunk) => (data += chunk));
            socket.on('close', () => resolve(data));
            socket.on('error', () => resolve(data));
            socket.end(text);
          });
          const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
          counts[status === 200 ? 'accepted' : 'refused']++;
          expect(status).not.toBe(500);
        }),
        { seed: SEED, numRuns: Math.max(100, Math.floor(RUNS / 5)) },
      );
      const good = await fetch(`${server.url}/token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.secret}` },
        body: '{}',
      });
      expect(good.status).toBe(200);
      report('HTTP requests', counts);
    });
  });
});
