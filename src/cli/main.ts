import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { CoreError, redactForLog } from '../core/errors';
import { defaultDataDir } from '../core/dataDir';
import { openKeyManager } from '../core/index';
import { removeStaleKeyFolders } from '../core/run';
import { COMMANDS, UsageError, type CommandContext } from './commands';
import { USAGE } from './usage';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: CommandContext['stdin'];
  env: NodeJS.ProcessEnv;
}

/** Runs one `jaas-keys` invocation and returns its exit status; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`jaas-keys: unknown command "${name}". Run jaas-keys --help for the list.`);
    return EXIT_USAGE;
  }
  try {
    // `run KEY -- COMMAND ARGS…`: everything after the first `--` belongs to the program, untouched.
    const split = command.passthrough ? rest.indexOf('--') : -1;
    const own = split === -1 ? rest : rest.slice(0, split);
    const passthrough = split === -1 ? undefined : rest.slice(split + 1);
    const parsed = parseArgs({
      args: own,
      allowPositionals: true,
      strict: true,
      options: { ...command.options, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (parsed.values.help) {
      io.out(USAGE);
      return EXIT_OK;
    }
    // NAME is required, NAME? optional, NAME… any number (last only).
    const required = command.positionals.filter((positional) => !/[?…]$/.test(positional)).length;
    const most = command.positionals.some((positional) => positional.endsWith('…')) ? Infinity : command.positionals.length;
    if (parsed.positionals.length < required || parsed.positionals.length > most) {
      const names = command.positionals.map((positional) => (positional.endsWith('?') ? `[${positional.slice(0, -1)}]` : positional.endsWith('…') ? `[${positional}]` : positional));
      throw new UsageError(`${name} takes ${names.join(' ') || 'no arguments'}${parsed.positionals.length > command.positionals.length ? `; unexpected "${parsed.positionals[command.positionals.length]}"` : ''}`);
    }
    const dataDirOption = parsed.values['data-dir'];
    const dataDir = resolve(typeof dataDirOption === 'string' ? dataDirOption : io.env.JAAS_KEYS_DATA_DIR || defaultDataDir(io.env));
    // A key folder of a `jaas-keys run` that was killed before it could clean up goes now.
    await removeStaleKeyFolders();
    const keys = openKeyManager({ dataDir, service: io.env.JAAS_KEYS_SERVICE || undefined });
    const status = await command.run({ keys, args: parsed.positionals, options: parsed.values, out: io.out, err: io.err, stdin: io.stdin, env: io.env, passthrough });
    return typeof status === 'number' ? status : EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`jaas-keys ${name}: ${(error as Error).message}. Run jaas-keys --help for usage.`);
      return EXIT_USAGE;
    }
    if (error instanceof CoreError) {
      io.err(`jaas-keys: ${error.message}`);
      return EXIT_REFUSED;
    }
    // Unexpected: say so without a stack trace; JAAS_KEYS_DEBUG shows the details to a developer.
    io.err('jaas-keys: something unexpected went wrong; nothing else was changed. Set JAAS_KEYS_DEBUG=1 for details.');
    if (io.env.JAAS_KEYS_DEBUG) io.err(redactForLog(error));
    return EXIT_REFUSED;
  }
}
