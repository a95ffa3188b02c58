import { JSON_OPTION, type Command } from '../command';
import { printJson } from '../args';
import { historyText } from '../format';

export const historyCommand: Command = {
  name: 'history',
  summary: 'every change to the keys, newest first (a purged key’s too)',
  positionals: [
    { name: 'KEY', summary: 'one key, or a purged key by its id, label or kid', optional: true, complete: 'key' },
  ],
  options: { json: JSON_OPTION },
  examples: ['jaas-keys history', 'jaas-keys history vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe/4f4910'],
  async run(context) {
    const entries = await context.keys.history(context.args[0]);
    if (context.options.json) return printJson(context, entries);
    context.out(historyText(entries));
  },
};
