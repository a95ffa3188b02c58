import { z } from 'zod';
import type { ErrorValue, Result } from './errors';
import type { KeyDetail, KeyListing, KeyRecord } from './keys';
import type { Method } from './methods';

// The IPC contract: for every method the window may call, a strict schema for
// its input (unknown fields, wrong types and oversized strings are refused) and
// its result type. Main registers handlers from it; the preload exposes it.

const keyId = z.string().regex(/^[0-9a-f]{16}$/, 'a key id is 16 hex digits');
const shortText = (max: number) => z.string().max(max);

/** Marks a method's result type; the value itself is never used. */
const returns = <T>() => undefined as unknown as T;

export interface KidCheck {
  ok: boolean;
  problem: string | null;
}

export interface SavedFile {
  path: string;
}

export const contract = {
  listKeys: { input: z.strictObject({}), result: returns<KeyListing>() },
  checkKeychain: { input: z.strictObject({}), result: returns<KeyListing>() },
  generateKey: {
    input: z.strictObject({ label: shortText(200), appId: shortText(200).nullable().optional() }),
    result: returns<KeyRecord>(),
  },
  showKey: { input: z.strictObject({ id: keyId }), result: returns<KeyDetail>() },
  checkKid: { input: z.strictObject({ id: keyId, kid: shortText(500) }), result: returns<KidCheck>() },
  recordKid: { input: z.strictObject({ id: keyId, kid: shortText(500) }), result: returns<KeyRecord>() },
  renameKey: { input: z.strictObject({ id: keyId, label: shortText(200) }), result: returns<KeyRecord>() },
  savePublicKey: { input: z.strictObject({ id: keyId }), result: returns<SavedFile>() },
  copyPublicKey: { input: z.strictObject({ id: keyId }), result: returns<{ copied: true }>() },
  /** Copies public text the window shows (a fingerprint, a kid); never reads from the clipboard. */
  copyText: { input: z.strictObject({ text: shortText(20_000) }), result: returns<{ copied: true }>() },
  exportPrivateKey: { input: z.strictObject({ id: keyId, format: z.enum(['pkcs1', 'pkcs8']) }), result: returns<SavedFile>() },
  deleteKey: { input: z.strictObject({ id: keyId }), result: returns<{ id: string }>() },
  recoverKey: { input: z.strictObject({ id: keyId, label: shortText(200) }), result: returns<KeyRecord>() },
  openExternal: { input: z.strictObject({ url: shortText(2000) }), result: returns<{ opened: true }>() },
} satisfies Record<Method, { input: z.ZodType; result: unknown }>;

export type Contract = typeof contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M]['result'];

/** What `window.jaas` is: one promise-returning function per method, results as values. */
export type JaasApi = { readonly [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> };

export type { ErrorValue, Result };
