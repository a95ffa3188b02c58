import { TEMPLATE_FIELDS, templateReferences } from '../../core/work/template';
import { UsageError, PRIVATE_WRITE_YES_OPTION, type Command } from '../command';
import { confirmedAtTerminal, optionalText, readInput, required } from '../args';

export const injectCommand: Command = {
  name: 'inject',
  summary: 'render a config file from a template, filling {{ jaas://KEY/FIELD }} from the keys here',
  details: `KEY is anything a KEY argument takes; an AppID means its current key, so a config rendered again follows rotation. FIELD is one of ${TEMPLATE_FIELDS.join(', ')}. Other {{ … }} are left as they are. An unknown key or field is refused by name and nothing is written. The output is mode 0600, whole or not at all; without -o it goes to stdout only when that is not a terminal.`,
  positionals: [],
  options: {
    in: { type: 'string', short: 'i', value: 'TEMPLATE', required: true, summary: 'the template, or - for stdin' },
    out: { type: 'string', short: 'o', value: 'FILE', summary: 'the file to write (mode 0600); default stdout' },
    force: { type: 'boolean', summary: 'replace FILE if it exists' },
    yes: PRIVATE_WRITE_YES_OPTION,
  },
  examples: [
    'jaas-keys inject -i token-generator.env.tmpl -o token-generator.env',
    'jaas-keys inject -i deployment.yaml.tmpl | kubectl apply -f -',
  ],
  async run(context) {
    const template = await readInput(context, required(context, 'in'), 'the template');
    const out = optionalText(context, 'out');
    if (out === undefined || out === '-') {
      // A private key on a terminal stays in its scrollback: stdout only when it goes to a pipe or a file.
      if (process.stdout.isTTY)
        throw new UsageError('inject writes to stdout, which is a terminal here; pipe it or name a file with -o');
      const rendered = await context.keys.production.render(template);
      process.stdout.write(rendered.text);
      for (const key of rendered.privateKeys)
        await context.keys.notePrivateExport(key.id, 'a config rendered to standard output');
      return;
    }
    if (templateReferences(template).references.some((reference) => reference.field.startsWith('privateKey')))
      await confirmedAtTerminal(context, `Write ${out} with a private key in it?`);
    const rendered = await context.keys.production.renderToFile(template, out, context.options.force === true);
    const labels = rendered.privateKeys.map((key) => `"${key.label}"`).join(', ');
    context.err(`Wrote ${out} (mode 0600)${labels ? `; it holds the private key of ${labels}: keep it safe` : ''}.`);
  },
};
