import { DEFAULT_TOKEN_OPTIONS, JAAS_FEATURES, type JaasFeature, type TokenOptions } from '../../shared/tokens';
import { JSON_OPTION, UsageError, type Command, type CommandContext } from '../command';
import { list, optionalText, parseDuration, printJson } from '../args';

function tokenOptions(context: CommandContext): TokenOptions {
  const features = list(context, 'feature');
  for (const feature of features) {
    if (!(JAAS_FEATURES as readonly string[]).includes(feature))
      throw new UsageError(`unknown feature "${feature}"; known: ${JAAS_FEATURES.join(', ')}`);
  }
  const text = (name: string) => optionalText(context, name);
  const skew = text('nbf-skew');
  if (skew !== undefined && !/^\d+$/.test(skew)) throw new UsageError('--nbf-skew takes a whole number of seconds');
  const lifetime = text('lifetime');
  return {
    ...DEFAULT_TOKEN_OPTIONS,
    room: text('room') ?? DEFAULT_TOKEN_OPTIONS.room,
    userId: text('user-id'),
    name: text('name'),
    email: text('email'),
    avatar: text('avatar'),
    moderator: context.options.moderator === true,
    features: features as JaasFeature[],
    lifetimeSeconds: lifetime ? parseDuration(lifetime) : DEFAULT_TOKEN_OPTIONS.lifetimeSeconds,
    nbfSkewSeconds: skew !== undefined ? Number(skew) : DEFAULT_TOKEN_OPTIONS.nbfSkewSeconds,
  };
}

export const tokenCommand: Command = {
  name: 'token',
  summary: 'sign a JaaS meeting token; prints the token alone (pipe it), notes on stderr',
  details: `Features work only for moderators: ${JAAS_FEATURES.join(', ')}.`,
  positionals: [{ name: 'KEY', summary: 'the key, or an AppID for its current key', complete: 'key' }],
  options: {
    room: { type: 'string', value: 'ROOM', summary: 'the room (default * , every room)' },
    moderator: { type: 'boolean', summary: 'the user is a moderator' },
    feature: {
      type: 'string',
      multiple: true,
      value: 'NAME',
      choices: JAAS_FEATURES,
      summary: 'turn a feature on; repeatable',
    },
    'user-id': { type: 'string', value: 'ID', summary: 'context.user.id' },
    name: { type: 'string', value: 'NAME', summary: 'context.user.name' },
    email: { type: 'string', value: 'EMAIL', summary: 'context.user.email' },
    avatar: { type: 'string', value: 'URL', summary: 'context.user.avatar' },
    lifetime: { type: 'string', value: '2h', summary: 'how long the token is valid' },
    'nbf-skew': { type: 'string', value: '10', summary: 'seconds nbf lies in the past, for clock skew' },
    json: { ...JSON_OPTION, summary: 'print token, header, claims, link, expiresAt and warnings' },
  },
  examples: ['jaas-keys token production --room daily-standup --moderator --feature recording --name Ann'],
  async run(context) {
    const made = await context.keys.makeToken(context.args[0]!, tokenOptions(context));
    if (context.options.json) {
      return printJson(context, {
        token: made.token,
        header: made.header,
        claims: made.claims,
        link: made.link,
        expiresAt: made.expiresAt,
        warnings: made.warnings,
      });
    }
    context.out(made.token);
    for (const warning of made.warnings) context.err(`note: ${warning}`);
  },
};
