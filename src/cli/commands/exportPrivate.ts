import { PRIVATE_FORMAT_NAMES, PRIVATE_FORMATS, type PrivateFormat } from '../../core/keys/privateForms';
import { KEY_ARGUMENT, UsageError, PRIVATE_WRITE_YES_OPTION, type Command, type CommandContext } from '../command';
import { confirmedAtTerminal, optionalText, required } from '../args';

function formatOf(context: CommandContext): PrivateFormat {
  const format = optionalText(context, 'format');
  if (format !== undefined && context.options.pkcs8 === true && format !== 'pkcs8')
    throw new UsageError('use --format or --pkcs8, not both');
  if (format === undefined) return context.options.pkcs8 === true ? 'pkcs8' : 'pkcs1';
  if (!(PRIVATE_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format takes one of ${PRIVATE_FORMATS.join(', ')}`);
  return format as PrivateFormat;
}

export const exportPrivateCommand: Command = {
  name: 'export-private',
  summary: 'write the private key in a form a server reads, to a file (mode 0600) or a pipe',
  details:
    'pkcs1 (as ssh-keygen -m PEM writes it) and pkcs8 PEM; env and env-base64 (dotenv with JAAS_APP_ID, JAAS_KID and the key); json; k8s (a Kubernetes Secret); jwk. Never over an existing file without --force; --out - writes to stdout only when it is not a terminal.',
  positionals: [KEY_ARGUMENT],
  options: {
    out: { type: 'string', value: 'FILE', required: true, summary: 'the file to write, or - for a pipe' },
    format: { type: 'string', value: 'F', choices: PRIVATE_FORMATS, summary: 'the form (default pkcs1)' },
    pkcs8: { type: 'boolean', summary: 'short for --format pkcs8 (BEGIN PRIVATE KEY), as Java and Go need' },
    force: { type: 'boolean', summary: 'replace FILE if it exists' },
    yes: PRIVATE_WRITE_YES_OPTION,
  },
  examples: [
    'jaas-keys export-private production --out production.pem',
    'jaas-keys export-private production --format k8s --out jaas-secret.yaml',
    'jaas-keys export-private production --format env --out - >> .env',
  ],
  async run(context) {
    const out = required(context, 'out');
    const format = formatOf(context);
    const ref = context.args[0]!;
    if (out === '-') {
      // A key on a terminal stays in its scrollback: stdout only when it goes to a pipe or a file.
      if (process.stdout.isTTY)
        throw new UsageError(
          '--out - writes the private key to stdout, which is a terminal here; pipe it or name a file',
        );
      const { record, text } = await context.keys.privateForm(ref, format);
      process.stdout.write(text);
      await context.keys.notePrivateExport(record.id, `${PRIVATE_FORMAT_NAMES[format]} to standard output`);
      return;
    }
    const record = await context.keys.resolve(ref, 'any');
    await confirmedAtTerminal(
      context,
      `Write the private key of "${record.label}" to ${out}? Anyone with the file can sign tokens for your JaaS app.`,
    );
    const key = await context.keys.exportPrivate(ref, out, { format, force: context.options.force === true });
    context.err(
      `Wrote the private key of "${key.label}" to ${out} as ${PRIVATE_FORMAT_NAMES[format]} (mode 0600). Anyone with this file can sign tokens for your JaaS app: keep it safe, delete it when done.`,
    );
  },
};
