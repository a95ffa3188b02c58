import { createSign, type KeyObject } from 'node:crypto';

// The compact JWS form: three base64url parts, RS256 (RSASSA-PKCS1-v1_5 over SHA-256).

export function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function signRs256(header: object, claims: object, privateKey: KeyObject): string {
  const signingInput = `${encodeSegment(header)}.${encodeSegment(claims)}`;
  const signature = createSign('sha256').update(signingInput).sign(privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const SEGMENT = /^[A-Za-z0-9_-]*$/;

function decodeObject(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Splits and decodes a token; returns a reason instead when it is not a JWS at all. */
export function decodeJwt(token: string): DecodedJwt | { problem: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { problem: `A token has three parts separated by dots; this has ${parts.length}.` };
  if (!parts.every((part) => SEGMENT.test(part)))
    return {
      problem:
        'A token uses only base64url characters (A-Z, a-z, 0-9, - and _); this one has others, such as line breaks, spaces or "=" padding.',
    };
  const header = decodeObject(parts[0]!);
  const claims = decodeObject(parts[1]!);
  if (!header) return { problem: 'The first part (header) is not base64url-encoded JSON.' };
  if (!claims) return { problem: 'The second part (claims) is not base64url-encoded JSON.' };
  return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
}
