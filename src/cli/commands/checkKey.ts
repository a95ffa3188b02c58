import { CoreError } from '../../core/errors';
import { KEY_RUNTIMES, RUNTIME_NAMES, type KeyCheckReport, type KeyRuntime } from '../../shared/keyCheck';
import { JSON_OPTION, UsageError, type Command, type CommandContext } from '../command';
import { optionalText, printJson, readInputBytes } from '../args';

const MARKS = { error: '✗', warning: '!' } as const;

function runtimeOf(context: CommandContext): KeyRuntime | null {
  const name = optionalText(context, 'for');
  if (name === undefined) return null;
  if (!(KEY_RUNTIMES as readonly string[]).includes(name))
    throw new UsageError(`--for takes one of ${KEY_RUNTIMES.join(', ')}`);
  return name as KeyRuntime;
}

function printReport(context: CommandContext, report: KeyCheckReport): void {
  for (const problem of report.problems) {
    context.out(`${MARKS[problem.severity]} ${problem.id}: ${problem.message}`);
    context.out(`  fix: ${problem.fix}`);
  }
  const { key } = report;
  if (key.format)
    context.out(
      `Key: ${[key.format, key.bits ? `RSA ${key.bits} bits` : null, key.fingerprint].filter(Boolean).join(', ')}`,
    );
  if (report.stored) context.out(`Stored here: ${report.stored.message}`);
  else if (key.fingerprint) context.out('Stored here: no, this is not one of the keys in this app.');
  const names = (loads: boolean) =>
    report.readers.filter((reader) => reader.loads === loads).map((reader) => RUNTIME_NAMES[reader.runtime]);
  const yes = names(true);
  const no = names(false);
  context.out(
    `Loads as it is in: ${yes.length ? yes.join(', ') : 'none of them'}${no.length && yes.length ? `; not in: ${no.join(', ')}` : ''}.`,
  );
}

export const checkKeyCommand: Command = {
  name: 'check-key',
  summary: 'say what is wrong with a private key as it arrived on a server, and how to fix it',
  details:
    'Reads a key as a file or an environment value holds it and names each mangling (literal \\n, quotes, CRLF, a BOM, lost line breaks, broken BEGIN/END lines, base64 of a whole PEM), a public or encrypted key, the wrong size, PKCS#1 for a runtime that needs PKCS#8, and the key stored here that it is. Exits 0 only when the key loads as it is (in every OpenSSL-based reader, or in the runtime --for names). Never prints key material; --fix-out writes a repaired copy (PKCS#8 PEM, mode 0600).',
  positionals: [{ name: 'FILE', summary: 'the key as it arrived, or - for stdin', complete: 'file' }],
  options: {
    for: {
      type: 'string',
      value: 'RUNTIME',
      choices: KEY_RUNTIMES,
      summary: 'check as this runtime’s sample reads it',
    },
    'fix-out': { type: 'string', value: 'FILE', summary: 'write a repaired copy here (PKCS#8 PEM, mode 0600)' },
    force: { type: 'boolean', summary: 'replace the --fix-out file if it exists' },
    json: JSON_OPTION,
  },
  examples: [
    'jaas-keys check-key server/jaas.pem --for java',
    'printenv JAAS_PRIVATE_KEY | jaas-keys check-key - --for node',
    'jaas-keys check-key pasted.txt --fix-out fixed.pem',
  ],
  async run(context) {
    const runtime = runtimeOf(context);
    const bytes = await readInputBytes(context, context.args[0]!, 'the key');
    const fixOut = optionalText(context, 'fix-out');
    const report = fixOut
      ? await context.keys.production.saveRepaired(bytes, runtime, fixOut, context.options.force === true)
      : await context.keys.production.checkKey(bytes, runtime);
    if (context.options.json) printJson(context, report);
    else printReport(context, report);
    if (fixOut)
      context.err(
        `Wrote a repaired copy to ${fixOut} (PKCS#8 PEM, mode 0600), which every runtime listed loads. It holds the private key: keep it safe.`,
      );
    else if (!report.ok && report.repairable)
      context.err(`A repaired copy can be written: add --fix-out FILE (PKCS#8 PEM, mode 0600).`);
    const target = runtime ? RUNTIME_NAMES[runtime] : 'OpenSSL-based readers';
    if (!report.ok)
      throw new CoreError(
        'invalid_key_file',
        report.loadsAsIs
          ? `The key loads in ${target}, but it is not right for JaaS; see above.`
          : `The key does not load as it is in ${target}; see above.`,
      );
    if (!context.options.json)
      context.out(`Key OK: it loads as it is in ${target}, and it is a 4096-bit RSA private key.`);
  },
};
