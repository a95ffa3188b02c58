import { FORMAT_NAMES } from '../../core/keys/importKey';
import { JSON_OPTION, type Command } from '../command';
import { optionalText, passphraseFromEnv, printJson, readInput, required } from '../args';
import { keyJson } from '../format';

export const importCommand: Command = {
  name: 'import',
  summary: 'store a key you already have (PKCS#1, PKCS#8, OpenSSH; encrypted or not); FILE is left as it is',
  positionals: [{ name: 'FILE', summary: 'the private key file, or - for stdin', complete: 'file' }],
  options: {
    label: { type: 'string', value: 'LABEL', required: true, summary: 'the key’s name (unique)' },
    'passphrase-env': {
      type: 'string',
      value: 'VAR',
      summary: 'the key file’s passphrase, from environment variable VAR',
    },
    'app-id': { type: 'string', value: 'APPID', summary: 'the AppID it is for' },
    json: { ...JSON_OPTION, summary: 'print JSON, with the file’s format' },
  },
  examples: [
    'jaas-keys import ~/Downloads/my-key.pk --label production',
    'KEY_PASS=… jaas-keys import id_rsa --label old --passphrase-env KEY_PASS',
  ],
  async run(context) {
    const label = required(context, 'label');
    const source = context.args[0]!;
    const passphrase = passphraseFromEnv(context);
    const text = await readInput(context, source, 'the key file');
    const { key, format } = await context.keys.importKey(text, {
      label,
      appId: optionalText(context, 'app-id') ?? null,
      passphrase,
    });
    if (context.options.json) return printJson(context, { ...keyJson(key), format });
    context.out(
      `Imported "${key.label}" (${key.id}): ${FORMAT_NAMES[format]}, ${key.bits} bits, ${key.fingerprint}. The private key is now in the OS keychain.`,
    );
    if (source !== '-') {
      const copy = format.endsWith('encrypted') ? 'an encrypted' : 'a plaintext';
      context.err(
        `${source} was left as it was: ${copy} copy of the private key remains there. Delete it once you no longer need it.`,
      );
    }
  },
};
