// JaaS meeting tokens as both sides see them. Facts: ../shared/REFERENCE.md §2.

/**
 * The features a JaaS token may grant, written "false" unless asked for: each is off
 * for a participant unless the token turns it on (these are what 8x8's samples write).
 */
export const JAAS_OPT_IN_FEATURES = [
  'livestreaming',
  'recording',
  'transcription',
  'sip-inbound-call',
  'sip-outbound-call',
  'inbound-call',
  'outbound-call',
  'file-upload',
  'list-visitors',
  'send-groupchat',
  'create-polls',
] as const;

/**
 * Every feature Jitsi Meet's client validates in a token (MEET_FEATURES in
 * react/features/base/jwt/constants.ts): the opt-in ones and nine more. The nine are on
 * by default in a meeting, so the generator writes them only when asked for, "true":
 * a token that wrote, say, "screen-sharing": "false" would take screen sharing away.
 */
export const JAAS_FEATURES = [
  ...JAAS_OPT_IN_FEATURES,
  'branding',
  'calendar',
  'flip',
  'live-translation',
  'lobby',
  'moderation',
  'room',
  'screen-sharing',
  'send-private-message',
] as const;

export type JaasFeature = (typeof JAAS_FEATURES)[number];

export interface TokenOptions {
  /** Room name, or "*" for every room of the app. */
  room: string;
  userId?: string;
  name?: string;
  email?: string;
  avatar?: string;
  moderator: boolean;
  /** Features switched on; every other feature is written as "false". */
  features: JaasFeature[];
  lifetimeSeconds: number;
  /** How far back `nbf` is set, so a server clock a little behind still accepts the token. */
  nbfSkewSeconds: number;
}

export const DEFAULT_TOKEN_OPTIONS: TokenOptions = {
  room: '*',
  moderator: false,
  features: [],
  lifetimeSeconds: 2 * 60 * 60,
  nbfSkewSeconds: 10,
};

export interface MadeToken {
  token: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  expiresAt: string;
  /** `https://8x8.vc/<AppID>/<room>#jwt=…`; null for the "*" room, which is no one meeting. */
  link: string | null;
  warnings: string[];
}

export type RuleStatus = 'pass' | 'fail' | 'warn';

/** The validation errors Jitsi Meet's client reports for a JaaS token (JWT_VALIDATION_ERRORS), by the key it logs. */
export const CLIENT_ERRORS = [
  'audInvalid',
  'contextNotFound',
  'expInvalid',
  'featureInvalid',
  'featureValueInvalid',
  'featuresNotFound',
  'headerNotFound',
  'issInvalid',
  'kidNotFound',
  'kidMismatch',
  'nbfFuture',
  'nbfInvalid',
  'payloadNotFound',
  'tokenExpired',
] as const;
export type ClientError = (typeof CLIENT_ERRORS)[number];

export interface RuleResult {
  id: string;
  status: RuleStatus;
  message: string;
  /** The error Jitsi Meet's client reports for the same fault, where it checks it. */
  client?: ClientError;
}

export interface TokenReport {
  /** True only when the signature verified and no rule failed (warnings allowed). */
  ok: boolean;
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  signedBy: { id: string; label: string } | null;
  rules: RuleResult[];
}
