import { createPublicKey, createVerify } from 'node:crypto';
import { JAAS_FEATURES, type ClientError, type RuleResult, type TokenReport } from '../../shared/tokens';
import type { StoredKey } from '../catalog/types';
import { decodeJwt } from './jwt';
import { checkKid } from '../keys/kid';
import { roomWarnings } from './token';

// Checks a pasted token the way Jitsi Meet and the JaaS servers do, one rule at a
// time, each with a verdict in plain words. Reads only public keys from the catalog.

const BOOLEAN_VALUES = [true, false, 'true', 'false'];
/** A time after the year 5138 in seconds is certainly a time in milliseconds. */
const MILLISECONDS_THRESHOLD = 1e11;

type Rules = RuleResult[];
const rule =
  (status: RuleResult['status']) =>
  (rules: Rules, id: string, message: string, client?: ClientError): void => {
    rules.push({ id, status, message, ...(client ? { client } : {}) });
  };
const pass = rule('pass');
const fail = rule('fail');
const warn = rule('warn');

function checkTime(rules: Rules, name: 'exp' | 'nbf', value: unknown, nowSeconds: number): void {
  if (value === undefined) {
    if (name === 'exp')
      fail(rules, 'exp', 'There is no exp (expiry) claim; Jitsi refuses a token without one.', 'expInvalid');
    else pass(rules, 'nbf', 'No nbf claim (allowed).');
    return;
  }
  const invalid: ClientError = name === 'exp' ? 'expInvalid' : 'nbfInvalid';
  if (typeof value === 'string')
    return fail(
      rules,
      name,
      `${name} is the string "${value}"; it must be a number of seconds, without quotes.`,
      invalid,
    );
  if (typeof value !== 'number' || !Number.isFinite(value))
    return fail(rules, name, `${name} must be a number of seconds since 1970.`, invalid);
  if (value > MILLISECONDS_THRESHOLD)
    return fail(
      rules,
      name,
      `${name} is ${value}, a time in milliseconds; JWT times are in seconds (divide by 1000).`,
      invalid,
    );
  const when = new Date(value * 1000).toISOString();
  if (name === 'exp') {
    if (value <= nowSeconds) fail(rules, 'exp', `The token expired at ${when}.`, 'tokenExpired');
    else pass(rules, 'exp', `Valid until ${when}.`);
  } else if (value > nowSeconds) {
    fail(
      rules,
      'nbf',
      `The token is not valid yet: nbf is ${when}, in the future. Set nbf a little in the past (10 s) to allow for clock skew.`,
      'nbfFuture',
    );
  } else {
    pass(rules, 'nbf', `Valid from ${when}.`);
  }
}

function checkContext(rules: Rules, context: unknown): void {
  if (context === undefined || context === null || typeof context !== 'object') {
    fail(
      rules,
      'context',
      'There is no context claim: it holds the user (name, moderator) and the features Jitsi turns on.',
      'contextNotFound',
    );
  }
  const user = (context as { user?: Record<string, unknown> } | undefined)?.user;
  const moderatorValue = user?.moderator;
  if (moderatorValue !== undefined && !BOOLEAN_VALUES.includes(moderatorValue as never)) {
    fail(
      rules,
      'moderator',
      `context.user.moderator is ${JSON.stringify(moderatorValue)}; use true, false, "true" or "false".`,
    );
  }
  const moderator = moderatorValue === true || moderatorValue === 'true';
  const features = (context as { features?: unknown } | undefined)?.features;
  if (features === undefined || features === null || typeof features !== 'object' || Array.isArray(features)) {
    return fail(
      rules,
      'features',
      'context.features is missing; JaaS tokens carry a features object (each feature "true" or "false").',
      'featuresNotFound',
    );
  }
  pass(rules, 'features', 'context.features is present.');
  const entries = Object.entries(features as Record<string, unknown>);
  const badValues = entries.filter(([, value]) => !BOOLEAN_VALUES.includes(value as never));
  if (badValues.length)
    fail(
      rules,
      'feature-values',
      `Feature values must be true, false, "true" or "false": ${badValues.map(([k, v]) => `${k} is ${JSON.stringify(v)}`).join(', ')}.`,
      'featureValueInvalid',
    );
  else pass(rules, 'feature-values', 'Every feature value is true or false.');
  const unknown = entries.map(([key]) => key).filter((key) => !(JAAS_FEATURES as readonly string[]).includes(key));
  if (unknown.length)
    fail(
      rules,
      'feature-names',
      `Unknown feature ${unknown.map((k) => `"${k}"`).join(', ')}; JaaS knows ${JAAS_FEATURES.join(', ')}.`,
      'featureInvalid',
    );
  else pass(rules, 'feature-names', 'Every feature name is one JaaS knows.');
  const enabled = entries.filter(([, value]) => value === true || value === 'true').map(([key]) => key);
  if (enabled.length && !moderator)
    warn(
      rules,
      'features-moderator',
      `Features (${enabled.join(', ')}) work only for moderators, and this token is not a moderator's.`,
    );
}

export function checkToken(token: string, keys: readonly StoredKey[], now: Date): TokenReport {
  const rules: Rules = [];
  const decoded = decodeJwt(token.trim());
  if (token.trim() !== token)
    warn(
      rules,
      'whitespace',
      'The pasted token had spaces or line breaks around it; they were ignored for this check, but a link or header must not contain them.',
    );
  if ('problem' in decoded) {
    // The client names the part it could not read; three parts of the wrong kind it takes as no header.
    fail(rules, 'format', decoded.problem, /second part/.test(decoded.problem) ? 'payloadNotFound' : 'headerNotFound');
    return { ok: false, header: null, claims: null, signedBy: null, rules };
  }
  pass(rules, 'format', 'The token is three base64url parts: header, claims, signature.');
  const { header, claims } = decoded;
  const nowSeconds = Math.floor(now.getTime() / 1000);

  if (header.alg === 'RS256') pass(rules, 'alg', 'Signed with RS256, as JaaS requires.');
  else if (typeof header.alg === 'string' && header.alg.startsWith('HS'))
    fail(
      rules,
      'alg',
      `alg is ${header.alg}, a shared-secret algorithm. JaaS has no shared secret: tokens are signed with your RSA private key (RS256).`,
    );
  else fail(rules, 'alg', `alg is ${JSON.stringify(header.alg)}; JaaS requires RS256.`);

  let signer: StoredKey | undefined;
  const kid = header.kid;
  if (typeof kid !== 'string' || kid === '') {
    fail(rules, 'kid', 'The header has no kid; JaaS finds your public key by it.', 'kidNotFound');
  } else {
    const kidCheck = checkKid(kid);
    if (!kidCheck.ok) fail(rules, 'kid', kidCheck.problem);
    else pass(rules, 'kid', `kid ${kid} is well formed.`);
    signer = keys.find((key) => key.kid === kid);
    if (kidCheck.ok) {
      if (claims.sub === kidCheck.value.appId) pass(rules, 'sub', 'sub is the AppID of the kid.');
      else
        fail(
          rules,
          'sub',
          `sub is ${JSON.stringify(claims.sub)} but the kid's AppID is ${kidCheck.value.appId}; they must be the same.`,
          'kidMismatch',
        );
    }
  }

  let signatureOk = false;
  if (!signer) {
    fail(
      rules,
      'signature',
      typeof kid === 'string' && kid
        ? `No stored key has kid ${kid}, so the signature cannot be checked here.`
        : 'Without a kid the signing key cannot be found.',
    );
  } else if (header.alg !== 'RS256') {
    fail(rules, 'signature', 'The signature cannot be RS256-verified because alg is not RS256.');
  } else {
    signatureOk = createVerify('sha256')
      .update(decoded.signingInput)
      .verify(createPublicKey(signer.publicPem), decoded.signature);
    if (signatureOk) pass(rules, 'signature', `The signature verifies with "${signer.label}".`);
    else
      fail(
        rules,
        'signature',
        `The signature does not verify with "${signer.label}", the key holding this kid: the token was changed, or signed by another key.`,
      );
  }

  if (claims.aud === 'jitsi') pass(rules, 'aud', 'aud is "jitsi".');
  else fail(rules, 'aud', `aud is ${JSON.stringify(claims.aud)}; it must be "jitsi".`, 'audInvalid');
  if (claims.iss === 'chat') pass(rules, 'iss', 'iss is "chat".');
  else fail(rules, 'iss', `iss is ${JSON.stringify(claims.iss)}; it must be "chat".`, 'issInvalid');
  if (typeof claims.room === 'string' && claims.room !== '') {
    pass(rules, 'room', claims.room === '*' ? 'room is "*": every room of the app.' : `room is "${claims.room}".`);
    for (const warning of roomWarnings(claims.room)) warn(rules, 'room-name', warning);
  } else {
    fail(rules, 'room', 'The room claim is missing; use a room name or "*".');
  }
  checkTime(rules, 'exp', claims.exp, nowSeconds);
  checkTime(rules, 'nbf', claims.nbf, nowSeconds);
  if ('nbfTime' in claims) fail(rules, 'nbf-name', 'The token has "nbfTime"; the claim is called "nbf".');
  checkContext(rules, claims.context);

  const signedBy = signer && signatureOk ? { id: signer.id, label: signer.label } : null;
  return { ok: signatureOk && rules.every((rule) => rule.status !== 'fail'), header, claims, signedBy, rules };
}
