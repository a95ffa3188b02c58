import { CoreError } from '../../core/errors';
import { JSON_OPTION, type Command } from '../command';
import { printJson, readInput } from '../args';

const MARKS = { pass: '✓', fail: '✗', warn: '!' } as const;

export const checkCommand: Command = {
  name: 'check',
  summary: 'check a token against Jitsi’s rules; exit 0 only when the signature and every rule pass',
  positionals: [{ name: 'TOKEN', summary: 'the token, or - for stdin' }],
  options: { json: JSON_OPTION },
  examples: ['jaas-keys check "$TOKEN"', 'jaas-keys token production | jaas-keys check -'],
  async run(context) {
    const source = context.args[0]!;
    const token = source === '-' ? await readInput(context, '-', 'the token') : source;
    const report = await context.keys.checkToken(token);
    if (context.options.json) printJson(context, report);
    else
      for (const rule of report.rules)
        context.out(
          `${MARKS[rule.status]} ${rule.id}: ${rule.message}${rule.client ? ` (Jitsi Meet reports this as ${rule.client})` : ''}`,
        );
    if (!report.ok)
      throw new CoreError(
        'invalid_token',
        `The token fails ${report.rules.filter((r) => r.status === 'fail').length} check(s); see above.`,
      );
    if (!context.options.json)
      context.out(`Token OK: signed by "${report.signedBy?.label}", and it passes every check Jitsi applies.`);
  },
};
