import { KEY_ARGUMENT, type Command } from '../command';
import { required } from '../args';

export const exportPrivateCommand: Command = {
  name: 'export-private',
  summary: 'write the private key to a file (mode 0600)',
  details:
    'PKCS#1 PEM as ssh-keygen -m PEM writes it, or PKCS#8 with --pkcs8; never over an existing file without --force.',
  positionals: [KEY_ARGUMENT],
  options: {
    out: { type: 'string', value: 'FILE', required: true, summary: 'the file to write' },
    pkcs8: { type: 'boolean', summary: 'PKCS#8 PEM (BEGIN PRIVATE KEY), as Java and Go need' },
    force: { type: 'boolean', summary: 'replace FILE if it exists' },
  },
  examples: ['jaas-keys export-private production --out production.pem'],
  async run(context) {
    const out = required(context, 'out');
    const key = await context.keys.exportPrivate(context.args[0]!, out, {
      pkcs8: context.options.pkcs8 === true,
      force: context.options.force === true,
    });
    context.err(
      `Wrote the private key of "${key.label}" to ${out} (mode 0600). Anyone with this file can sign tokens for your JaaS app: keep it safe, delete it when done.`,
    );
  },
};
