import * as z from 'zod';
import { HISTORY_EVENTS, KEY_STATUSES } from '../../shared/keys';

// The key list's file formats. Version 1 is what every release before the key
// lifecycle wrote; version 2 adds statuses, the current key of each AppID, the
// trash, token counts and the history. Both are parsed strictly: a file that
// breaks a rule is refused as damaged, never "repaired".

const isoTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'an ISO 8601 time');

const v1Fields = {
  id: z.string().regex(/^[0-9a-f]{16}$/),
  label: z.string().min(1),
  appId: z.string().nullable(),
  kid: z.string().nullable(),
  createdAt: z.string().nullable(),
  kidRecordedAt: z.string().nullable(),
  bits: z.number().int().positive(),
  fingerprint: z.string().startsWith('SHA256:'),
  source: z.enum(['generated', 'imported', 'recovered']),
  publicPem: z.string().startsWith('-----BEGIN PUBLIC KEY-----\n'),
};

export const catalogV1Schema = z.object({ version: z.literal(1), keys: z.array(z.strictObject(v1Fields)) });
export type CatalogV1 = z.infer<typeof catalogV1Schema>;

const keyV2Schema = z
  .strictObject({
    ...v1Fields,
    source: z.enum(['generated', 'imported', 'recovered', 'restored']),
    status: z.enum(KEY_STATUSES),
    current: z.boolean(),
    retiredAt: isoTime.nullable(),
    trashedAt: isoTime.nullable(),
    purgeAfter: isoTime.nullable(),
    statusBeforeTrash: z.enum(['needs-kid', 'active', 'retired']).nullable(),
    tokensSigned: z.number().int().min(0),
    lastTokenAt: isoTime.nullable(),
    longestTokenSeconds: z.number().int().positive().nullable(),
    rotationOf: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .nullable(),
    // Added with backups; a version 2 list written before them has no such field.
    lastBackupAt: isoTime.nullable().default(null),
  })
  .superRefine((key, context) => {
    const problem = (message: string, path: string) => context.addIssue({ code: 'custom', message, path: [path] });
    if (key.current && key.status !== 'active') problem('only an active key can be current', 'current');
    if (key.status === 'active' && key.kid === null) problem('an active key has a kid', 'status');
    if (key.status === 'needs-kid' && key.kid !== null) problem('a key with a kid does not need one', 'status');
    if (
      (key.status === 'trashed') !==
      (key.trashedAt !== null && key.purgeAfter !== null && key.statusBeforeTrash !== null)
    ) {
      problem('trashedAt, purgeAfter and statusBeforeTrash are set exactly for trashed keys', 'trashedAt');
    }
    if (key.status === 'retired' && key.retiredAt === null) problem('a retired key has retiredAt', 'retiredAt');
  });

const historyEntrySchema = z.strictObject({
  at: isoTime,
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  event: z.enum(HISTORY_EVENTS),
  detail: z.strictObject({
    label: z.string(),
    kid: z.string().nullable(),
    fingerprint: z.string(),
    note: z.string().optional(),
  }),
});

export const catalogV2Schema = z
  .object({ version: z.literal(2), keys: z.array(keyV2Schema), history: z.array(historyEntrySchema) })
  .superRefine((catalog, context) => {
    const seen = new Map<string, number>();
    catalog.keys.forEach((key, index) => {
      if (!key.current || key.appId === null) {
        if (key.current)
          context.addIssue({ code: 'custom', message: 'a current key has an AppID', path: ['keys', index, 'current'] });
        return;
      }
      if (seen.has(key.appId))
        context.addIssue({
          code: 'custom',
          message: `two current keys for ${key.appId}`,
          path: ['keys', index, 'current'],
        });
      seen.set(key.appId, index);
    });
    const ids = new Set<string>();
    catalog.keys.forEach((key, index) => {
      if (ids.has(key.id)) context.addIssue({ code: 'custom', message: 'ids are unique', path: ['keys', index, 'id'] });
      ids.add(key.id);
    });
  });
