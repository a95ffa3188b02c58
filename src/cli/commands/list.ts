import { JSON_OPTION, type Command } from '../command';
import { printJson } from '../args';
import { keyJson, keyTable } from '../format';

export const listCommand: Command = {
  name: 'list',
  summary: 'list keys (reads only the key list, so it works with the keychain locked)',
  positionals: [],
  options: {
    trash: { type: 'boolean', summary: 'the keys in the trash, with the date each is purged' },
    ids: { type: 'boolean', summary: 'only the ids, one per line (for scripts and shell completion)' },
    json: JSON_OPTION,
  },
  examples: ['jaas-keys list', 'jaas-keys list --trash'],
  async run(context) {
    const keys = await context.keys.list({ trash: context.options.trash === true });
    if (context.options.ids) return keys.forEach((key) => context.out(key.id));
    if (context.options.trash && !context.options.json && keys.length === 0) return context.out('The trash is empty.');
    if (context.options.json) return printJson(context, keys.map(keyJson));
    context.out(keyTable(keys));
  },
};
