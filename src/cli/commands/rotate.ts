import { JSON_OPTION, type Command } from '../command';
import { optionalText, printJson } from '../args';
import { keyJson } from '../format';

function hours(seconds: number): string {
  return seconds % 3600 === 0
    ? `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`
    : `${Math.ceil(seconds / 60)} minutes`;
}

export const rotateCommand: Command = {
  name: 'rotate',
  summary: 'make a new key for the same AppID and print the steps to switch without downtime',
  positionals: [{ name: 'KEY', summary: 'the key to replace', complete: 'key' }],
  options: {
    label: { type: 'string', value: 'LABEL', summary: 'the new key’s label (default: the old one plus the date)' },
    json: JSON_OPTION,
  },
  examples: ['jaas-keys rotate production'],
  async run(context) {
    if (!context.options.json) context.err('Generating the new 4096-bit RSA key (a few seconds)…');
    const { old, key, waitSeconds } = await context.keys.rotate(context.args[0]!, optionalText(context, 'label'));
    if (context.options.json) return printJson(context, { old: keyJson(old), key: keyJson(key), waitSeconds });
    const waited = old.longestTokenSeconds ? '' : ': none recorded, so the default lifetime';
    context.out(
      `Made "${key.label}" (${key.id}) to replace "${old.label}" for ${key.appId}. "${old.label}" keeps signing until step 3; no meeting fails on the way.`,
    );
    context.out(
      `  1. Upload the new public key:  jaas-keys public ${key.id} --out "${key.label}.pub"  (JaaS console: API keys, Add API key)`,
    );
    context.out(`  2. Record its Key ID:          jaas-keys kid ${key.id} KID`);
    context.out(`  3. Make it current:            jaas-keys activate ${key.id}`);
    context.out(
      `  4. Wait ${hours(waitSeconds)} (the longest token "${old.label}" signed${waited}), then: jaas-keys retire ${old.id}`,
    );
    context.out(`  5. Delete the old key in the JaaS console${old.kid ? ` (kid ${old.kid})` : ''}.`);
  },
};
