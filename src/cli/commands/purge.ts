import { CoreError } from '../../core/errors';
import { UsageError, type Command } from '../command';
import { consoleReminder } from '../args';
import { ask } from '../prompt';

export const purgeCommand: Command = {
  name: 'purge',
  summary: 'delete a trashed key’s private key for good (at a terminal, type its label to confirm)',
  positionals: [
    { name: 'KEY', summary: 'the key in the trash, or the id of a leftover doctor found', complete: 'key' },
  ],
  options: {
    yes: { type: 'boolean', short: 'y', summary: 'confirm without typing the label (needed when not at a terminal)' },
  },
  examples: ['jaas-keys purge old-test-key'],
  async run(context) {
    const ref = context.args[0]!;
    if (context.options.yes !== true) {
      if (!context.stdin.isTTY)
        throw new UsageError('purge deletes a private key for good; pass --yes to confirm when not at a terminal');
      const key = await context.keys.resolve(ref, 'trash');
      const typed = await ask(
        context,
        `Purge "${key.label}" (${key.id}) for good? Its private key leaves the keychain and cannot come back. Type its label (or kid) to confirm: `,
      );
      if (typed !== key.label && typed !== key.kid)
        throw new CoreError('cancelled', 'That did not match; nothing was purged.');
    }
    const removed = await context.keys.lifecycle.purge(ref);
    const name = removed.label ? `"${removed.label}" ` : '';
    context.out(
      `Purged ${name}(${removed.id}): its private key is gone from the keychain; its history remains (jaas-keys history ${removed.id}).${consoleReminder(removed.kid)}`,
    );
  },
};
