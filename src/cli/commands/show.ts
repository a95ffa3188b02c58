import { JSON_OPTION, type Command } from '../command';
import { printJson } from '../args';
import { keyDetailText, keyJson } from '../format';

export const showCommand: Command = {
  name: 'show',
  summary: 'details, ssh-keygen-identical fingerprint and randomart',
  positionals: [{ name: 'KEY', summary: 'the key (id, id prefix, label, kid or AppID)', complete: 'key' }],
  options: { json: { ...JSON_OPTION, summary: 'print JSON, with randomart and publicPem' } },
  examples: ['jaas-keys show production'],
  async run(context) {
    const key = await context.keys.show(context.args[0]!);
    if (context.options.json)
      return printJson(context, { ...keyJson(key), randomart: key.randomart, publicPem: key.publicPem });
    context.out(keyDetailText(key));
  },
};
