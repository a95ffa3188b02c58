import type { Command } from '../command';
import { required } from '../args';

export const recoverCommand: Command = {
  name: 'recover',
  summary: 'list again a keychain secret that doctor found without a list entry',
  positionals: [{ name: 'ID', summary: 'the secret’s id, as doctor prints it' }],
  options: { label: { type: 'string', value: 'LABEL', required: true, summary: 'the label to list it under' } },
  examples: ['jaas-keys recover 0123456789abcdef --label recovered'],
  async run(context) {
    const key = await context.keys.recover(context.args[0]!, required(context, 'label'));
    context.out(`Listed key ${key.id} again as "${key.label}". Record its kid with: jaas-keys kid ${key.id} KID`);
  },
};
