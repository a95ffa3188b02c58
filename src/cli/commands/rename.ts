import { KEY_ARGUMENT, type Command } from '../command';

export const renameCommand: Command = {
  name: 'rename',
  summary: 'change a key’s label (labels are unique)',
  positionals: [KEY_ARGUMENT, { name: 'LABEL', summary: 'the new label' }],
  options: {},
  examples: ['jaas-keys rename production "production 2026"'],
  async run(context) {
    const key = await context.keys.rename(context.args[0]!, context.args[1]!);
    context.out(`Renamed key ${key.id} to "${key.label}".`);
  },
};
