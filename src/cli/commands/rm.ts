import { KEY_ARGUMENT, YES_OPTION, type Command } from '../command';
import { confirmed, consoleReminder } from '../args';

export const rmCommand: Command = {
  name: 'rm',
  summary: 'move a key to the trash; its private key stays in the keychain for 30 days',
  positionals: [KEY_ARGUMENT],
  options: { yes: YES_OPTION },
  examples: ['jaas-keys rm old-test-key'],
  async run(context) {
    const found = await context.keys.resolve(context.args[0]!);
    await confirmed(
      context,
      'rm moves a key to the trash',
      `Move "${found.label}" (${found.id}) to the trash? It stops signing; you can undelete it for 30 days.`,
    );
    const key = await context.keys.lifecycle.trash(found.id);
    context.out(
      `Moved "${key.label}" to the trash. It will be purged after ${key.purgeAfter}; until then: jaas-keys undelete ${key.id}.${consoleReminder(key.kid)}`,
    );
  },
};
