import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredKey } from '../../src/core/catalog/catalog';
import { defaultDataDir } from '../../src/core/files/dataDir';
import { durationSeconds } from '../../src/core/tokens/duration';
import { CoreError, redactForLog, toErrorValue } from '../../src/core/errors';
import { historyEntry, historyOf } from '../../src/core/catalog/history';
import { decodeJwt, signRs256 } from '../../src/core/tokens/jwt';
import { checkAppId } from '../../src/core/keys/kid';
import { checkLabel } from '../../src/core/keys/label';
import { passphraseStrength } from '../../src/core/backup/passphrase';
import { modulusBits, privateKeyFromStoredPem, publicSpkiPem } from '../../src/core/keys/rsa';
import { resolveKey } from '../../src/core/catalog/resolveKey';
import { makeToken, roomWarnings } from '../../src/core/tokens/token';
import { checkToken } from '../../src/core/tokens/tokenCheck';
import { DEFAULT_TOKEN_OPTIONS } from '../../src/shared/tokens';
import { APP_ID, KID, storedKeyFields } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';

// The words people read when a rule says no, and the choices behind them, checked
// exactly: a Stryker run found these messages and branches changeable without a
// test noticing. Pure functions only; no keychain.

const NOW = new Date('2026-11-28T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const APP_B = 'vpaas-magic-cookie-00000000000000000000000000000000';

function key(n: number, fields: Partial<StoredKey> = {}): StoredKey {
  return {
    id: n.toString(16).padStart(16, '0'),
    label: `key ${n}`,
    appId: null,
    kid: null,
    createdAt: NOW.toISOString(),
    kidRecordedAt: null,
    bits: 4096,
    fingerprint: `SHA256:${n}`,
    source: 'generated',
    publicPem: '-----BEGIN PUBLIC KEY-----\n',
    ...storedKeyFields(),
    ...fields,
  };
}
const reason = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof CoreError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
};

describe('which key a name means', () => {
  const active = (n: number, appId: string, current = false) =>
    key(n, { appId, kid: `${appId}/${n.toString(16).padStart(6, '0')}`, status: 'active', current });

  it('says how many keys an AppID without a current key has', () => {
    expect(reason(() => resolveKey([active(1, APP_ID), active(2, APP_ID)], APP_ID))).toBe(
      `no_current_key: AppID ${APP_ID} has no current key (it has 2 other keys: make an active one current).`,
    );
    expect(reason(() => resolveKey([active(1, APP_ID), active(2, APP_B)], APP_ID))).toBe(
      `no_current_key: AppID ${APP_ID} has no current key (it has 1 other key: make an active one current).`,
    );
    expect(reason(() => resolveKey([active(2, APP_B, true)], APP_ID))).toBe(
      `no_current_key: AppID ${APP_ID} has no current key: record the Key ID of one of its keys first.`,
    );
    expect(resolveKey([active(1, APP_ID), active(2, APP_ID, true)], APP_ID).id).toBe(active(2, APP_ID).id);
  });

  it('refuses an empty name, and never reads an AppID in the trash as "its current key"', () => {
    expect(reason(() => resolveKey([key(1)], ''))).toBe('key_not_found: No key was named.');
    const trashed = key(1, {
      appId: APP_ID,
      status: 'trashed',
      trashedAt: NOW.toISOString(),
      purgeAfter: NOW.toISOString(),
      statusBeforeTrash: 'needs-kid',
    });
    expect(reason(() => resolveKey([trashed], APP_ID, 'trash'))).toBe(
      `key_not_found: No key in the trash matches "${APP_ID}".`,
    );
  });

  it('lets an exact id win over a label spelled like it', () => {
    const a = key(0xa);
    const b = key(0xb, { label: a.id });
    expect(resolveKey([b, a], a.id).id).toBe(a.id);
  });

  it('says a key is in the trash even when two trashed keys match the name', () => {
    const trash = (n: number) =>
      key(n, {
        label: 'old',
        status: 'trashed',
        trashedAt: NOW.toISOString(),
        purgeAfter: NOW.toISOString(),
        statusBeforeTrash: 'needs-kid',
      });
    expect(reason(() => resolveKey([trash(1), trash(2)], 'old'))).toBe(
      'key_trashed: "old" is in the trash. Undelete it first.',
    );
  });
});

describe('the history of a name', () => {
  it('names the ids a name stood for, or says nothing matches', () => {
    const [a, b] = [key(1, { label: 'gone' }), key(2, { label: 'gone' })];
    const history = [historyEntry(a, 'created', NOW), historyEntry(b, 'created', NOW)];
    expect(reason(() => historyOf([], history, 'gone'))).toBe(
      `ambiguous_key: "gone" named 2 keys over time: ${a.id}, ${b.id}. Use the id.`,
    );
    expect(reason(() => historyOf([], history, 'never'))).toBe(
      'key_not_found: No key, and nothing in the history, matches "never".',
    );
  });
});

describe('token rules, word for word', () => {
  const options = { ...DEFAULT_TOKEN_OPTIONS, room: 'standup' };
  const withKid = { ...key(1), kid: KID, appId: APP_ID, status: 'active' as const };

  it('explains each refused option', async () => {
    const privateKey = await pooledKey();
    const made = (changes: object) => reason(() => makeToken(withKid, privateKey, { ...options, ...changes }, NOW));
    expect(made({ room: '' })).toBe('invalid_input: The room is empty. Use "*" for every room of the app.');
    expect(made({ lifetimeSeconds: 0 })).toBe(
      'invalid_input: The lifetime must be a whole number of seconds between 1 and one year.',
    );
    expect(made({ nbfSkewSeconds: -1 })).toBe(
      'invalid_input: The clock-skew margin must be a whole number of seconds between 0 and 3600.',
    );
    expect(made({ features: ['recording', 'teleport', 'x'] })).toMatch(
      /^invalid_input: Unknown feature teleport, x\. Known: livestreaming, /,
    );
  });

  it('warns about room names that do not survive a link', () => {
    expect(roomWarnings('a?b#c?')).toEqual([
      'The room name contains ? #, which does not survive in a meeting link (the browser reads it as part of the address). Use letters, digits and dashes.',
    ]);
    expect(roomWarnings('daily standup')).toEqual([
      'The room name contains spaces; they become %20 in the link. Use letters, digits and dashes.',
    ]);
    expect(roomWarnings('Standup')).toEqual([
      'Jitsi lower-cases room names; write the room in lower case so the token and the meeting match.',
    ]);
  });

  describe('checking a token', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stored = { ...withKid, publicPem: publicSpkiPem(privateKey) };
    const claims = {
      aud: 'jitsi',
      iss: 'chat',
      sub: APP_ID,
      room: '*',
      nbf: NOW_S - 10,
      exp: NOW_S + 600,
      context: { user: { moderator: true }, features: { recording: 'true' } },
    };
    const check = (head: object, body: object = claims) =>
      checkToken(signRs256({ typ: 'JWT', ...head }, body, privateKey), [stored], NOW);
    const message = (report: ReturnType<typeof checkToken>, id: string) =>
      report.rules.filter((rule) => rule.id === id).map((rule) => `${rule.status}: ${rule.message}`);

    it('names a shared-secret or unknown alg, and does not verify a signature under it', () => {
      const hs = check({ alg: 'HS256', kid: KID });
      expect(message(hs, 'alg')).toEqual([
        'fail: alg is HS256, a shared-secret algorithm. JaaS has no shared secret: tokens are signed with your RSA private key (RS256).',
      ]);
      expect(message(hs, 'signature')).toEqual([
        'fail: The signature cannot be RS256-verified because alg is not RS256.',
      ]);
      expect(message(check({ alg: 'PS256', kid: KID }), 'alg')).toEqual(['fail: alg is "PS256"; JaaS requires RS256.']);
      expect(message(check({ alg: 5, kid: KID }), 'alg')).toEqual(['fail: alg is 5; JaaS requires RS256.']);
    });

    it('says why a signature could not be checked', () => {
      const other = `${APP_B}/abc123`;
      expect(message(check({ alg: 'RS256', kid: other }), 'signature')).toEqual([
        `fail: No stored key has kid ${other}, so the signature cannot be checked here.`,
      ]);
      expect(message(check({ alg: 'RS256' }), 'signature')).toEqual([
        'fail: Without a kid the signing key cannot be found.',
      ]);
      expect(message(check({ alg: 'RS256', kid: KID }), 'signature')).toEqual([
        `pass: The signature verifies with "${stored.label}".`,
      ]);
    });

    it('fails a token without exp, and words the room and feature rules', () => {
      const { exp: _exp, ...noExp } = claims;
      expect(message(check({ alg: 'RS256', kid: KID }, noExp), 'exp')).toEqual([
        'fail: There is no exp (expiry) claim; Jitsi refuses a token without one.',
      ]);
      expect(message(check({ alg: 'RS256', kid: KID }), 'room')).toEqual(['pass: room is "*": every room of the app.']);
      expect(message(check({ alg: 'RS256', kid: KID }, { ...claims, room: 'standup' }), 'room')).toEqual([
        'pass: room is "standup".',
      ]);
      const odd = check(
        { alg: 'RS256', kid: KID },
        {
          ...claims,
          context: {
            user: { moderator: false },
            features: { recording: 'yes', teleport: true, 'outbound-call': true },
          },
        },
      );
      expect(message(odd, 'feature-values')).toEqual([
        'fail: Feature values must be true, false, "true" or "false": recording is "yes".',
      ]);
      expect(message(odd, 'feature-names')).toEqual([
        expect.stringMatching(/^fail: Unknown feature "teleport"; JaaS knows livestreaming, /),
      ]);
      expect(message(odd, 'features-moderator')).toEqual([
        "warn: Features (teleport, outbound-call) work only for moderators, and this token is not a moderator's.",
      ]);
    });

    it('stops at a malformed token with ok false, saying what is wrong', () => {
      const report = checkToken('abc.def', [stored], NOW);
      expect(report.ok).toBe(false);
      expect(message(report, 'format')).toEqual(['fail: A token has three parts separated by dots; this has 2.']);
      const notJson = Buffer.from('not json').toString('base64url');
      expect(decodeJwt(`${notJson}.${Buffer.from('{}').toString('base64url')}.sig`)).toEqual({
        problem: 'The first part (header) is not base64url-encoded JSON.',
      });
      expect(decodeJwt(`${Buffer.from('{}').toString('base64url')}.${notJson}.sig`)).toEqual({
        problem: 'The second part (claims) is not base64url-encoded JSON.',
      });
    });
  });
});

describe('small rules', () => {
  it('reads durations with and without a unit, and refuses the rest', () => {
    expect([
      durationSeconds('45'),
      durationSeconds('45s'),
      durationSeconds(' 90m '),
      durationSeconds('2h'),
      durationSeconds('1d'),
      durationSeconds('2 h'),
    ]).toEqual([45, 45, 5400, 7200, 86400, 7200]);
    for (const bad of ['', 'h', '1.5h', '-1', '2w', '1h30m', '1234567890'])
      expect(durationSeconds(bad), bad).toBeNull();
  });

  it('names what is wrong with an AppID or a label', () => {
    expect(checkAppId(' vpaas')).toEqual({
      ok: false,
      problem: expect.stringMatching(/^The AppID .*(space|whitespace)/i),
    });
    expect(checkAppId('"vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe"')).toEqual({
      ok: false,
      problem: expect.stringMatching(/AppID/),
    });
    expect(checkAppId('vpaas-magic-cake-1fc542a3e4414a44b2611668195e2bfe')).toEqual({
      ok: false,
      problem: 'An AppID starts with "vpaas-magic-cookie-"; this one starts with "vpaas-magic-cake-1f".',
    });
    expect(checkLabel('x'.repeat(101))).toEqual({
      ok: false,
      problem: 'A label has at most 100 characters; this one has 101.',
    });
    expect(checkLabel(` ${'x'.repeat(100)} `)).toEqual({ ok: true, value: 'x'.repeat(100) });
  });

  it('keeps an unexpected error out of the window, and its stack (minus keys) in the log', () => {
    expect(toErrorValue(new Error('/home/ann/secret path'))).toEqual({
      code: 'internal',
      message: 'Something unexpected went wrong. Nothing was changed by the failed step.',
    });
    const bare = new Error('boom');
    bare.stack = undefined;
    expect(redactForLog(bare)).toBe('Error: boom');
  });

  it('puts the data folder under APPDATA on Windows, or its usual place without it', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toMatch(
      /^C:\\Users\\ann\\AppData\\Roaming[\\/]JaaS Key Manager$/,
    );
    expect(defaultDataDir({}, 'win32', '/home/ann')).toBe('/home/ann/AppData/Roaming/JaaS Key Manager');
  });

  it('refuses what is not an RSA private key as a corrupt secret', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(reason(() => modulusBits(privateKey))).toBe('not_rsa: This is not an RSA key.');
    expect(
      reason(() => privateKeyFromStoredPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())),
    ).toMatch(/^secret_corrupt: The keychain holds something for this key that is not a readable RSA private key/);
    expect(createPrivateKey).toBeTypeOf('function');
  });
});

describe('passphrase strength', () => {
  it('says an empty passphrase is empty', async () => {
    expect(await passphraseStrength('')).toEqual({
      score: 0,
      ok: false,
      warning: 'The passphrase is empty.',
      suggestions: [],
    });
  });

  it('accepts score 3 and up, refuses below, and always gives a weak one a suggestion', async () => {
    // Scores from zxcvbn-ts itself: each phrase's score is asserted, then the verdict on it.
    const three = await passphraseStrength('correct horse');
    const weak = await passphraseStrength('summer2026!');
    expect(three.score).toBe(3);
    expect(three.ok).toBe(true);
    expect(weak.score).toBeLessThan(3);
    expect(weak.ok).toBe(false);
    expect(weak.suggestions.length).toBeGreaterThan(0);
    expect(weak.warning).toEqual(expect.any(String));
  });

  it('checks only the first part of a very long passphrase, quickly', async () => {
    const long = await passphraseStrength(`${'correct horse battery staple '.repeat(2_000)}`);
    expect(long.ok).toBe(true);
  });
});
