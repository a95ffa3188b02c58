import { JSON_OPTION, type Command } from '../command';
import { printJson } from '../args';
import { keyJson } from '../format';

export const undeleteCommand: Command = {
  name: 'undelete',
  summary: 'bring a key back from the trash with the status it had',
  positionals: [{ name: 'KEY', summary: 'the key in the trash', complete: 'key' }],
  options: { json: JSON_OPTION },
  examples: ['jaas-keys undelete old-test-key'],
  async run(context) {
    const key = await context.keys.lifecycle.undelete(context.args[0]!);
    if (context.options.json) return printJson(context, keyJson(key));
    context.out(`"${key.label}" is back from the trash (${key.current ? 'current' : key.status}).`);
  },
};
