import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSPKI, jwtVerify, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRs256 } from '../../src/core/tokens/jwt';
import { KeyManager } from '../../src/core/keyManager';
import { KeytarStore } from '../../src/core/keychain/keytarStore';
import { roomWarnings } from '../../src/core/tokens/token';
import {
  CLIENT_ERRORS,
  DEFAULT_TOKEN_OPTIONS,
  JAAS_FEATURES,
  JAAS_OPT_IN_FEATURES,
  type ClientError,
} from '../../src/shared/tokens';
import { APP_ID, KID, sandbox, tempDir, type Sandbox } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';

const NOW = new Date('2026-11-28T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;

describe('JaaS meeting tokens', () => {
  let box: Sandbox;
  let keys: KeyManager;
  let dir: string;
  let keyId: string;

  beforeAll(async () => {
    box = await sandbox();
    keys = new KeyManager({
      dataDir: box.dataDir,
      store: new KeytarStore(box.service),
      now: () => NOW,
      generateKey: pooledKey,
    });
    dir = await tempDir();
    keyId = (await keys.generate({ label: 'signer' })).id;
    await keys.recordKid(keyId, KID);
  });
  afterAll(() => box.cleanup());

  const validClaims = () => ({
    aud: 'jitsi',
    iss: 'chat',
    sub: APP_ID,
    room: '*',
    nbf: NOW_S - 10,
    exp: NOW_S + 7200,
    context: { user: { moderator: 'true', name: 'Ann' }, features: { recording: 'true', livestreaming: false } },
  });
  const header = (extra: object = {}) => ({ alg: 'RS256', kid: KID, typ: 'JWT', ...extra });
  const signed = async (claims: object, head: object = header()) =>
    signRs256(head, claims, (await keys.privateKey(keyId)).key);

  it('knows the 20 features Jitsi Meet’s client validates; the nine on by default are written only when asked for', async () => {
    expect(JAAS_FEATURES).toHaveLength(20);
    const made = await keys.makeToken(keyId, {
      ...DEFAULT_TOKEN_OPTIONS,
      moderator: true,
      features: ['screen-sharing', 'recording'],
    });
    const features = (made.claims.context as { features: Record<string, string> }).features;
    expect(features['screen-sharing']).toBe('true');
    expect(features.recording).toBe('true');
    // A "false" for a feature that is on by default would take it away from the participant.
    for (const name of [
      'branding',
      'calendar',
      'flip',
      'live-translation',
      'lobby',
      'moderation',
      'room',
      'send-private-message',
    ])
      expect(features).not.toHaveProperty(name);
    const report = await keys.checkToken(made.token);
    expect(report.ok).toBe(true);
    // Booleans are read as the client reads them, and every one of the 20 names is known.
    const claims = validClaims();
    claims.context.features = Object.fromEntries(JAAS_FEATURES.map((name, n) => [name, n % 2 === 0])) as never;
    expect((await keys.checkToken(await signed(claims))).rules.filter((rule) => rule.status === 'fail')).toEqual([]);
    claims.context.features = { 'screen-share': true } as never;
    expect(
      (await keys.checkToken(await signed(claims))).rules.find((rule) => rule.id === 'feature-names'),
    ).toMatchObject({ status: 'fail' });
  });

  it('makes a token an independent JWT library verifies, with the claims JaaS expects', async () => {
    const made = await keys.makeToken(keyId, {
      ...DEFAULT_TOKEN_OPTIONS,
      room: 'standup',
      moderator: true,
      features: ['recording'],
      name: 'Ann',
      email: 'ann@example.com',
    });
    const publicKey = await importSPKI(await keys.publicPem(keyId), 'RS256');
    const { payload, protectedHeader } = await jwtVerify(made.token, publicKey, {
      audience: 'jitsi',
      issuer: 'chat',
      currentDate: NOW,
    });
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: KID, typ: 'JWT' });
    expect(decodeProtectedHeader(made.token).kid).toBe(KID);
    expect(payload).toMatchObject({ sub: APP_ID, room: 'standup', nbf: NOW_S - 10, exp: NOW_S + 7200, iat: NOW_S });
    expect(payload.context).toEqual({
      user: { moderator: 'true', name: 'Ann', email: 'ann@example.com' },
      features: Object.fromEntries(JAAS_OPT_IN_FEATURES.map((f) => [f, f === 'recording' ? 'true' : 'false'])),
    });
    expect(made.expiresAt).toBe('2026-11-28T14:00:00.000Z');
    expect(made.link).toBe(`https://8x8.vc/${APP_ID}/standup#jwt=${made.token}`);
  });

  it('makes a signature openssl verifies with the exported public key', async () => {
    const { token } = await keys.makeToken(keyId, DEFAULT_TOKEN_OPTIONS);
    const [h, p, s] = token.split('.');
    writeFileSync(join(dir, 'pub.pem'), await keys.publicPem(keyId));
    writeFileSync(join(dir, 'data'), `${h}.${p}`);
    writeFileSync(join(dir, 'sig'), Buffer.from(s!, 'base64url'));
    const out = execFileSync('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      join(dir, 'pub.pem'),
      '-signature',
      join(dir, 'sig'),
      join(dir, 'data'),
    ]).toString();
    expect(out.trim()).toBe('Verified OK');
    writeFileSync(join(dir, 'data'), `${h}.${p}x`);
    expect(() =>
      execFileSync(
        'openssl',
        ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig'), join(dir, 'data')],
        { stdio: 'pipe' },
      ),
    ).toThrow();
  });

  it('passes its own tokens through every check', async () => {
    const { token } = await keys.makeToken(keyId, {
      ...DEFAULT_TOKEN_OPTIONS,
      moderator: true,
      features: ['recording', 'transcription'],
    });
    const report = await keys.checkToken(token);
    expect(report.rules.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(report).toMatchObject({ ok: true, signedBy: { id: keyId, label: 'signer' } });
  });

  it('refuses a key without a kid', async () => {
    const bare = await keys.generate({ label: 'no kid yet' });
    await expect(keys.makeToken(bare.id, DEFAULT_TOKEN_OPTIONS)).rejects.toMatchObject({
      code: 'no_kid',
      message: expect.stringContaining('"no kid yet" has no Key ID'),
    });
  });

  it('fails a token altered by one character, on its signature alone', async () => {
    const { token } = await keys.makeToken(keyId, DEFAULT_TOKEN_OPTIONS);
    // One base64url character in the middle of the signature changed to another: still a well-formed
    // token whose header and claims decode as before, so only the signature rule can tell.
    const at = token.lastIndexOf('.') + 100;
    const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    const report = await keys.checkToken(altered);
    expect(report.ok).toBe(false);
    expect(report.rules.find((r) => r.id === 'format')?.status).toBe('pass');
    expect(report.rules.find((r) => r.id === 'signature')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/does not verify/),
    });
    expect(report.rules.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(['signature']);
  });

  it('fails a token whose exp is this very second, and links encode the room', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const fixed = new KeyManager({ dataDir: keys.catalog.dataDir, store: box.store, now: () => now });
    const { token, link } = await fixed.makeToken(keyId, {
      ...DEFAULT_TOKEN_OPTIONS,
      room: 'daily standup',
      lifetimeSeconds: 1,
    });
    expect(link).toContain('/daily%20standup#jwt=');
    const later = new KeyManager({
      dataDir: keys.catalog.dataDir,
      store: box.store,
      now: () => new Date(now.getTime() + 1000),
    });
    expect((await later.checkToken(token)).rules.find((r) => r.id === 'exp')?.status).toBe('fail');
    await expect(fixed.makeToken(keyId, { ...DEFAULT_TOKEN_OPTIONS, nbfSkewSeconds: 3601 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  const broken: Array<[string, string, (c: ReturnType<typeof validClaims>) => object, object?]> = [
    ['no kid', 'kid', (c) => c, { alg: 'RS256', typ: 'JWT' }],
    ['malformed kid', 'kid', (c) => c, header({ kid: `${APP_ID}/XYZ` })],
    ['unknown kid', 'signature', (c) => c, header({ kid: `${APP_ID}/000000` })],
    ['kid and sub disagree', 'sub', (c) => ({ ...c, sub: 'vpaas-magic-cookie-00000000000000000000000000000000' })],
    ['wrong aud', 'aud', (c) => ({ ...c, aud: 'jitsi-meet' })],
    ['wrong iss', 'iss', (c) => ({ ...c, iss: 'me' })],
    ['no room', 'room', ({ room: _room, ...c }) => c],
    ['no exp', 'exp', ({ exp: _exp, ...c }) => c],
    ['exp as a string', 'exp', (c) => ({ ...c, exp: String(c.exp) })],
    ['exp in milliseconds', 'exp', (c) => ({ ...c, exp: c.exp * 1000 })],
    ['expired', 'exp', (c) => ({ ...c, exp: NOW_S - 1 })],
    ['not yet valid', 'nbf', (c) => ({ ...c, nbf: NOW_S + 600 })],
    ['nbf in milliseconds', 'nbf', (c) => ({ ...c, nbf: c.nbf * 1000 })],
    ['nbfTime instead of nbf', 'nbf-name', (c) => ({ ...c, nbfTime: c.nbf })],
    ['no features', 'features', (c) => ({ ...c, context: { user: c.context.user } })],
    [
      'feature value not boolean',
      'feature-values',
      (c) => ({ ...c, context: { ...c.context, features: { recording: 'yes' } } }),
    ],
    [
      'unknown feature',
      'feature-names',
      (c) => ({ ...c, context: { ...c.context, features: { recordings: 'true' } } }),
    ],
    ['moderator not boolean', 'moderator', (c) => ({ ...c, context: { ...c.context, user: { moderator: 'admin' } } })],
    ['HS256', 'alg', (c) => c, header({ alg: 'HS256' })],
  ];
  it.each(broken)('fails a token with %s (rule %s)', async (_name, ruleId, change, head) => {
    const report = await keys.checkToken(await signed(change(validClaims()), head ?? header()));
    expect(report.ok).toBe(false);
    const failed = report.rules.filter((r) => r.status === 'fail');
    expect(failed.map((r) => r.id)).toContain(ruleId);
    expect(failed.find((r) => r.id === ruleId)!.message.length).toBeGreaterThan(15);
  });

  const clientErrors: Array<[ClientError, (c: ReturnType<typeof validClaims>) => object, object?]> = [
    ['kidNotFound', (c) => c, { alg: 'RS256', typ: 'JWT' }],
    ['kidMismatch', (c) => ({ ...c, sub: 'vpaas-magic-cookie-00000000000000000000000000000000' })],
    ['audInvalid', (c) => ({ ...c, aud: 'jitsi-meet' })],
    ['issInvalid', (c) => ({ ...c, iss: 'me' })],
    ['featuresNotFound', (c) => ({ ...c, context: { user: c.context.user } })],
    ['contextNotFound', ({ context: _context, ...c }) => c],
    ['nbfInvalid', (c) => ({ ...c, nbf: String(c.nbf) })],
    ['nbfFuture', (c) => ({ ...c, nbf: NOW_S + 600 })],
    ['expInvalid', ({ exp: _exp, ...c }) => c],
    ['tokenExpired', (c) => ({ ...c, exp: NOW_S - 1 })],
    ['featureInvalid', (c) => ({ ...c, context: { ...c.context, features: { recordings: 'true' } } })],
    ['featureValueInvalid', (c) => ({ ...c, context: { ...c.context, features: { recording: 'yes' } } })],
  ];
  it.each(clientErrors)(
    'names the fault Jitsi Meet’s client reports as %s, in its own words',
    async (client, change, head) => {
      const report = await keys.checkToken(await signed(change(validClaims()), head ?? header()));
      const named = report.rules.filter((r) => r.client === client);
      expect(named).toHaveLength(1);
      expect(named[0]!.status).toBe('fail');
      expect(named[0]!.message).not.toContain(client);
    },
  );

  it('names the two parts the client cannot read, and covers every error the client reports', async () => {
    const token = await signed(validClaims());
    const [, payload, signature] = token.split('.');
    expect((await keys.checkToken(`e30x.${payload}.${signature}`)).rules[0]!.client).toBe('headerNotFound');
    const [headerPart] = token.split('.');
    expect((await keys.checkToken(`${headerPart}.bm90IGpzb24.${signature}`)).rules[0]!.client).toBe('payloadNotFound');
    const covered = new Set([...clientErrors.map(([client]) => client), 'headerNotFound', 'payloadNotFound']);
    expect([...covered].sort()).toEqual([...CLIENT_ERRORS].sort());
  });

  it('takes true and false as booleans as well as strings, as the client does', async () => {
    const claims = validClaims();
    const report = await keys.checkToken(
      await signed({
        ...claims,
        context: {
          ...claims.context,
          user: { ...claims.context.user, moderator: true },
          features: { recording: true, lobby: false, 'screen-sharing': 'true' },
        },
      }),
    );
    expect(report.ok).toBe(true);
  });

  it('says "milliseconds" when exp or nbf is in milliseconds, and "string" for a quoted time', async () => {
    const claims = validClaims();
    const report = await keys.checkToken(await signed({ ...claims, exp: claims.exp * 1000, nbf: claims.nbf * 1000 }));
    expect(report.rules.find((r) => r.id === 'exp')?.message).toMatch(/milliseconds/);
    expect(report.rules.find((r) => r.id === 'nbf')?.message).toMatch(/milliseconds/);
    const quoted = await keys.checkToken(await signed({ ...claims, exp: String(claims.exp) }));
    expect(quoted.rules.find((r) => r.id === 'exp')?.message).toMatch(/string .* without quotes/);
  });

  it('fails text that is not a token, and a token with line breaks', async () => {
    expect((await keys.checkToken('abc.def')).rules[0]).toMatchObject({ id: 'format', status: 'fail' });
    const token = await signed(validClaims());
    expect((await keys.checkToken(`${token.slice(0, 40)}\n${token.slice(40)}`)).rules[0]).toMatchObject({
      id: 'format',
      status: 'fail',
      message: expect.stringMatching(/line breaks/),
    });
  });

  it('warns, without failing, about features for a non-moderator', async () => {
    const claims = validClaims();
    claims.context.user.moderator = 'false';
    const report = await keys.checkToken(await signed(claims));
    expect(report.ok).toBe(true);
    expect(report.rules.find((r) => r.id === 'features-moderator')).toMatchObject({ status: 'warn' });
  });

  it('warns, without failing, about a room name that breaks links', async () => {
    const report = await keys.checkToken(await signed({ ...validClaims(), room: 'Team Standup' }));
    expect(report.ok).toBe(true);
    expect(report.rules.filter((r) => r.id === 'room-name').map((r) => r.status)).toEqual(['warn', 'warn']);
  });

  it('warns about room names that break links', () => {
    expect(roomWarnings('team/standup')[0]).toMatch(/does not survive in a meeting link/);
    expect(roomWarnings('what?')).toHaveLength(1);
    expect(roomWarnings('a%20b')[0]).toMatch(/percent-encoding/);
    expect(roomWarnings('Daily Standup').length).toBe(2);
    expect(roomWarnings('daily-standup')).toEqual([]);
    expect(roomWarnings('*')).toEqual([]);
  });

  it('refuses impossible options', async () => {
    await expect(keys.makeToken(keyId, { ...DEFAULT_TOKEN_OPTIONS, lifetimeSeconds: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(keys.makeToken(keyId, { ...DEFAULT_TOKEN_OPTIONS, room: '' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      keys.makeToken(keyId, { ...DEFAULT_TOKEN_OPTIONS, features: ['teleport' as never] }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
