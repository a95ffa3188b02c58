import { readFile } from 'node:fs/promises';
import { CoreError } from '../core/errors';
import { durationSeconds } from '../core/duration';
import { FORMAT_NAMES } from '../core/importKey';
import { DEFAULT_TOKEN_OPTIONS, JAAS_FEATURES, type JaasFeature, type TokenOptions } from '../shared/tokens';
import { UsageError, type Command, type CommandContext } from './commandTypes';
import { keyJson } from './format';

const MARKS = { pass: '✓', fail: '✗', warn: '!' } as const;

async function readInput(context: CommandContext, source: string, what: string): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of context.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    throw new CoreError('file_error', `Cannot read ${what} ${source} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
  }
}

/** "2h", "90m", "45s" or a plain number of seconds. */
export function parseDuration(text: string): number {
  const seconds = durationSeconds(text);
  if (seconds === null) throw new UsageError(`"${text}" is not a duration; use e.g. 2h, 90m or 3600`);
  return seconds;
}

function tokenOptions(options: CommandContext['options']): TokenOptions {
  const features = (options.feature as string[] | undefined) ?? [];
  for (const feature of features) {
    if (!(JAAS_FEATURES as readonly string[]).includes(feature)) throw new UsageError(`unknown feature "${feature}"; known: ${JAAS_FEATURES.join(', ')}`);
  }
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const skew = text('nbf-skew');
  if (skew !== undefined && !/^\d+$/.test(skew)) throw new UsageError('--nbf-skew takes a whole number of seconds');
  return {
    ...DEFAULT_TOKEN_OPTIONS,
    room: text('room') ?? DEFAULT_TOKEN_OPTIONS.room,
    userId: text('user-id'),
    name: text('name'),
    email: text('email'),
    avatar: text('avatar'),
    moderator: options.moderator === true,
    features: features as JaasFeature[],
    lifetimeSeconds: text('lifetime') ? parseDuration(text('lifetime')!) : DEFAULT_TOKEN_OPTIONS.lifetimeSeconds,
    nbfSkewSeconds: skew !== undefined ? Number(skew) : DEFAULT_TOKEN_OPTIONS.nbfSkewSeconds,
  };
}

export const TOKEN_COMMANDS: Record<string, Command> = {
  import: {
    options: { label: { type: 'string' }, 'app-id': { type: 'string' }, 'passphrase-env': { type: 'string' }, json: { type: 'boolean' } },
    positionals: ['FILE'],
    async run(context) {
      const label = context.options.label;
      if (typeof label !== 'string') throw new UsageError('--label is required');
      const source = context.args[0]!;
      const variable = context.options['passphrase-env'];
      let passphrase: string | undefined;
      if (typeof variable === 'string') {
        passphrase = context.env[variable];
        if (passphrase === undefined) throw new UsageError(`--passphrase-env names ${variable}, which is not set`);
      }
      const text = await readInput(context, source, 'the key file');
      try {
        const { key, format } = await context.keys.importKey(text, { label, appId: (context.options['app-id'] as string | undefined) ?? null, passphrase });
        if (context.options.json) return context.out(JSON.stringify({ ...keyJson(key), format }, null, 2));
        context.out(`Imported "${key.label}" (${key.id}): ${FORMAT_NAMES[format]}, ${key.bits} bits, ${key.fingerprint}. The private key is now in the OS keychain.`);
        if (source !== '-') {
          context.err(`${source} was left as it was: ${format.endsWith('encrypted') ? 'an encrypted' : 'a plaintext'} copy of the private key remains there. Delete it once you no longer need it.`);
        }
      } catch (error) {
        if (error instanceof CoreError && error.code === 'passphrase_required') {
          throw new CoreError('passphrase_required', `${error.message} Put it in an environment variable and pass --passphrase-env VAR.`);
        }
        throw error;
      }
    },
  },
  token: {
    options: {
      room: { type: 'string' }, 'user-id': { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, avatar: { type: 'string' },
      moderator: { type: 'boolean' }, feature: { type: 'string', multiple: true }, lifetime: { type: 'string' }, 'nbf-skew': { type: 'string' }, json: { type: 'boolean' },
    },
    positionals: ['KEY'],
    async run(context) {
      const made = await context.keys.makeToken(context.args[0]!, tokenOptions(context.options));
      if (context.options.json) {
        return context.out(JSON.stringify({ token: made.token, header: made.header, claims: made.claims, link: made.link, expiresAt: made.expiresAt, warnings: made.warnings }, null, 2));
      }
      context.out(made.token);
      for (const warning of made.warnings) context.err(`note: ${warning}`);
    },
  },
  check: {
    options: { json: { type: 'boolean' } },
    positionals: ['TOKEN'],
    async run(context) {
      const source = context.args[0]!;
      const token = source === '-' ? await readInput(context, '-', 'the token') : source;
      const report = await context.keys.checkToken(token);
      if (context.options.json) context.out(JSON.stringify(report, null, 2));
      else for (const rule of report.rules) context.out(`${MARKS[rule.status]} ${rule.id}: ${rule.message}`);
      if (!report.ok) throw new CoreError('invalid_token', `The token fails ${report.rules.filter((r) => r.status === 'fail').length} check(s); see above.`);
      if (!context.options.json) context.out(`Token OK: signed by "${report.signedBy?.label}", and it passes every check Jitsi applies.`);
    },
  },
};
