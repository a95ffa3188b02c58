import type { KeyObject } from 'node:crypto';
import type { KeyRecord } from '../../shared/keys';
import {
  JAAS_FEATURES,
  JAAS_OPT_IN_FEATURES,
  type JaasFeature,
  type MadeToken,
  type TokenOptions,
} from '../../shared/tokens';
import { CoreError } from '../errors';
import { signRs256 } from './jwt';
import { checkKid } from '../keys/kid';

const MAX_LIFETIME_SECONDS = 366 * 24 * 60 * 60;

/** Room names that break a meeting link or are changed on the way; warned about, not refused. */
export function roomWarnings(room: string): string[] {
  if (room === '*') return [];
  const warnings: string[] = [];
  if (/[?#&/]/.test(room))
    warnings.push(
      `The room name contains ${[...new Set(room.match(/[?#&/]/g))].join(' ')}, which does not survive in a meeting link (the browser reads it as part of the address). Use letters, digits and dashes.`,
    );
  if (/%[0-9a-f]{2}/i.test(room))
    warnings.push(
      'The room name contains percent-encoding (like %20); Jitsi compares the decoded name, so the token and the link may disagree.',
    );
  if (/\s/.test(room))
    warnings.push('The room name contains spaces; they become %20 in the link. Use letters, digits and dashes.');
  if (room !== room.toLowerCase())
    warnings.push('Jitsi lower-cases room names; write the room in lower case so the token and the meeting match.');
  return warnings;
}

function validateOptions(options: TokenOptions): void {
  if (options.room.length === 0)
    throw new CoreError('invalid_input', 'The room is empty. Use "*" for every room of the app.');
  if (
    !Number.isInteger(options.lifetimeSeconds) ||
    options.lifetimeSeconds <= 0 ||
    options.lifetimeSeconds > MAX_LIFETIME_SECONDS
  ) {
    throw new CoreError('invalid_input', 'The lifetime must be a whole number of seconds between 1 and one year.');
  }
  if (!Number.isInteger(options.nbfSkewSeconds) || options.nbfSkewSeconds < 0 || options.nbfSkewSeconds > 3600) {
    throw new CoreError('invalid_input', 'The clock-skew margin must be a whole number of seconds between 0 and 3600.');
  }
  const unknown = options.features.filter((feature) => !(JAAS_FEATURES as readonly string[]).includes(feature));
  if (unknown.length)
    throw new CoreError('invalid_input', `Unknown feature ${unknown.join(', ')}. Known: ${JAAS_FEATURES.join(', ')}.`);
}

export function noKidError(record: KeyRecord): CoreError {
  return new CoreError(
    'no_kid',
    `"${record.label}" has no Key ID yet. Upload its public key in the JaaS console and record the Key ID first.`,
    { keyId: record.id },
  );
}

/** Makes a JaaS meeting token: RS256, the stored key's kid in the header, the claims Jitsi checks. */
export function makeToken(record: KeyRecord, privateKey: KeyObject, options: TokenOptions, now: Date): MadeToken {
  if (!record.kid) throw noKidError(record);
  const kid = checkKid(record.kid);
  if (!kid.ok) throw new CoreError('invalid_kid', kid.problem);
  validateOptions(options);

  const seconds = Math.floor(now.getTime() / 1000);
  const exp = seconds + options.lifetimeSeconds;
  const user: Record<string, string> = { moderator: String(options.moderator) };
  for (const [field, value] of [
    ['id', options.userId],
    ['name', options.name],
    ['email', options.email],
    ['avatar', options.avatar],
  ] as const) {
    if (value) user[field] = value;
  }
  const features = Object.fromEntries(
    [...new Set<JaasFeature>([...JAAS_OPT_IN_FEATURES, ...options.features])].map((feature) => [
      feature,
      String(options.features.includes(feature)),
    ]),
  );
  const header = { alg: 'RS256', kid: record.kid, typ: 'JWT' };
  const claims = {
    aud: 'jitsi',
    iss: 'chat',
    sub: kid.value.appId,
    room: options.room,
    iat: seconds,
    nbf: seconds - options.nbfSkewSeconds,
    exp,
    context: { user, features },
  };

  const warnings = roomWarnings(options.room);
  if (options.features.length > 0 && !options.moderator)
    warnings.push(
      'Features work only for moderators; this token is not a moderator’s, so the features will not be available.',
    );
  const token = signRs256(header, claims, privateKey);
  const link =
    options.room === '*' ? null : `https://8x8.vc/${kid.value.appId}/${encodeURIComponent(options.room)}#jwt=${token}`;
  if (link === null)
    warnings.push('The room is "*", so the token works in every room of the app; there is no single meeting link.');
  return { token, header, claims, expiresAt: new Date(exp * 1000).toISOString(), link, warnings };
}
