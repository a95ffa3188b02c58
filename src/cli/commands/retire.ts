import { KEY_ARGUMENT, YES_OPTION, type Command } from '../command';
import { confirmed, consoleReminder } from '../args';

export const retireCommand: Command = {
  name: 'retire',
  summary: 'stop a key from signing (asks first when it is its AppID’s current key)',
  positionals: [KEY_ARGUMENT],
  options: { yes: YES_OPTION },
  examples: ['jaas-keys retire production'],
  async run(context) {
    const key = await context.keys.resolve(context.args[0]!);
    if (key.current) {
      await confirmed(
        context,
        `"${key.label}" is the current key of ${key.appId}; retiring it leaves that AppID with no key to sign`,
        `"${key.label}" is the current key of ${key.appId}. Retire it, leaving ${key.appId} with no current key?`,
      );
    }
    const { wasCurrent } = await context.keys.lifecycle.retire(key.id);
    const noCurrent = wasCurrent
      ? ` ${key.appId} has no current key now; make one current with jaas-keys activate KEY.`
      : '';
    context.out(`Retired "${key.label}": it no longer signs tokens.${noCurrent}${consoleReminder(key.kid)}`);
  },
};
