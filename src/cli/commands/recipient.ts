import type { Command } from '../command';

export const recipientCommand: Command = {
  name: 'recipient',
  summary: 'this computer’s age recipient (age1…), for a backup made to it on another computer',
  positionals: [],
  options: {},
  examples: ['jaas-keys recipient'],
  async run(context) {
    context.out(await context.keys.backups.recipient());
    context.err(
      'This computer’s age recipient (not secret). On the old computer: jaas-keys backup --recipient THIS --out keys.age; copy the file here; then: jaas-keys restore keys.age',
    );
  },
};
