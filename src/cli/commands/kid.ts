import { KEY_ARGUMENT, JSON_OPTION, type Command } from '../command';
import { printJson } from '../args';
import { keyJson } from '../format';

export const kidCommand: Command = {
  name: 'kid',
  summary: 'record the Key ID the JaaS console shows; sets the key’s AppID if it had none',
  positionals: [
    KEY_ARGUMENT,
    { name: 'KID', summary: 'the Key ID, exactly as the console shows it (vpaas-magic-cookie-…/abc123)' },
  ],
  options: { json: JSON_OPTION },
  examples: ['jaas-keys kid production vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe/4f4910'],
  async run(context) {
    const key = await context.keys.recordKid(context.args[0]!, context.args[1]!);
    if (context.options.json) return printJson(context, keyJson(key));
    const current = key.current
      ? ` It is the current key of ${key.appId}: jaas-keys token ${key.appId} signs with it.`
      : ` ${key.appId} already has a current key; make this one current with: jaas-keys activate ${key.id}`;
    context.out(`Recorded Key ID ${key.kid} for "${key.label}" (AppID ${key.appId}).${current}`);
  },
};
