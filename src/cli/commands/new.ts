import { JSON_OPTION, type Command } from '../command';
import { printJson, optionalText, required } from '../args';
import { keyJson } from '../format';

export const newCommand: Command = {
  name: 'new',
  summary: 'make a 4096-bit RSA key; the private half goes to the OS keychain',
  positionals: [],
  options: {
    label: { type: 'string', value: 'LABEL', required: true, summary: 'the key’s name (unique)' },
    'app-id': {
      type: 'string',
      value: 'APPID',
      summary: 'the AppID it is for (vpaas-magic-cookie-…); recording the kid sets it too',
    },
    json: JSON_OPTION,
  },
  examples: ['jaas-keys new --label production'],
  async run(context) {
    const label = required(context, 'label');
    if (!context.options.json) context.err('Generating a 4096-bit RSA key (a few seconds)…');
    const key = await context.keys.generate({ label, appId: optionalText(context, 'app-id') ?? null });
    if (context.options.json) return printJson(context, keyJson(key));
    context.out(`Made key "${key.label}" (${key.id}), ${key.bits} bits, ${key.fingerprint}.`);
    context.out('The private key is in the OS keychain. Next:');
    context.out(`  1. Save the public key:   jaas-keys public ${key.id} --out "${key.label}.pub"`);
    context.out('  2. Upload it in the JaaS console: API keys, Add API key, upload the .pub file.');
    context.out(`  3. Record the Key ID the console shows:   jaas-keys kid ${key.id} KID`);
  },
};
