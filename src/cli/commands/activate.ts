import { KEY_ARGUMENT, JSON_OPTION, type Command } from '../command';
import { printJson } from '../args';
import { keyJson } from '../format';

export const activateCommand: Command = {
  name: 'activate',
  summary: 'make an active key the current key of its AppID (the previous one stays active)',
  positionals: [KEY_ARGUMENT],
  options: { json: JSON_OPTION },
  examples: ['jaas-keys activate "production 2026-12-03"'],
  async run(context) {
    const { key, previous } = await context.keys.lifecycle.activate(context.args[0]!);
    if (context.options.json) return printJson(context, keyJson(key));
    context.out(`"${key.label}" is now the current key of ${key.appId}: jaas-keys token ${key.appId} signs with it.`);
    if (previous)
      context.out(
        `"${previous.label}" stays active, so the tokens it signed keep working. Retire it once they have expired: jaas-keys retire ${previous.id}`,
      );
  },
};
