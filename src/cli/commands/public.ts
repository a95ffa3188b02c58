import { writeExportFile } from '../../core/files/exportFile';
import { KEY_ARGUMENT, type Command } from '../command';
import { optionalText } from '../args';

export const publicCommand: Command = {
  name: 'public',
  summary: 'the public key as PEM (BEGIN PUBLIC KEY), to upload to JaaS',
  positionals: [KEY_ARGUMENT],
  options: {
    out: { type: 'string', value: 'FILE', summary: 'write it to FILE instead of stdout' },
    force: { type: 'boolean', summary: 'replace FILE if it exists' },
  },
  examples: ['jaas-keys public production --out production.pub'],
  async run(context) {
    const pem = await context.keys.publicPem(context.args[0]!);
    const out = optionalText(context, 'out');
    if (out === undefined) return context.out(pem.trimEnd());
    await writeExportFile(out, pem, { force: context.options.force === true, mode: 0o644 });
    await context.keys.notePublicExport(context.args[0]!, `saved to ${out}`);
    context.err(`Wrote the public key to ${out}. Upload it in the JaaS console (API keys, Add API key).`);
  },
};
