import { UsageError, type Command, type CommandContext } from '../command';

function prefixOf(context: CommandContext): string {
  const prefix = context.options['env-prefix'];
  if (prefix === undefined) return 'JAAS';
  if (typeof prefix !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix))
    throw new UsageError('--env-prefix takes a variable-name prefix such as MYAPP');
  return prefix;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run COMMAND with JAAS_APP_ID, JAAS_KID and JAAS_PRIVATE_KEY in its environment only',
  details:
    'The exit status is COMMAND’s. With --key-file, JAAS_PRIVATE_KEY_PATH names a 0600 file deleted when COMMAND ends.',
  // A program named without `--` is caught below, with the fix in the message.
  positionals: [
    { name: 'KEY', summary: 'the key, or an AppID for its current key', complete: 'key' },
    { name: 'COMMAND', summary: 'the program and its arguments, after --', variadic: true, optional: true },
  ],
  passthrough: true,
  options: {
    'key-file': {
      type: 'boolean',
      summary: 'hand the key as a 0600 file (JAAS_PRIVATE_KEY_PATH) instead of a variable',
    },
    'env-prefix': {
      type: 'string',
      value: 'P',
      summary: 'name the variables P_APP_ID, P_KID, P_PRIVATE_KEY (default JAAS)',
    },
  },
  examples: [
    'jaas-keys run production -- node server.js',
    'jaas-keys run production --key-file -- java -jar jaas-demo.jar',
  ],
  async run(context) {
    const program = context.passthrough;
    if (program === undefined || context.args.length > 1)
      throw new UsageError('put the program after --, e.g. jaas-keys run KEY -- node server.js');
    if (program.length === 0) throw new UsageError('name the program to run after --');
    const prefix = prefixOf(context);
    const signer = await context.keys.signer(context.args[0]!);
    const { runWithKey } = await import('../../core/work/run');
    return runWithKey(signer, {
      command: program[0]!,
      args: program.slice(1),
      env: context.env,
      prefix,
      keyFile: context.options['key-file'] === true,
    });
  },
};
