import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { CoreError, redactForLog, toErrorValue } from '../core/errors';
import { defaultDataDir } from '../core/files/dataDir';
import { openKeyManager } from '../core/index';
import type { KeyManager } from '../core/keyManager';
import { removeStaleKeyFolders } from '../core/work/run';
import { GLOBAL_OPTIONS, UsageError, type Command, type CommandContext } from './command';
import { COMMAND_GROUPS, COMMANDS } from './commands/index';
import { hintFor } from './hints';
import { commandHelp, usageText } from './usage';

// One `jaas-keys` invocation, by the output rules in docs/cli.md: a command's
// output on stdout; prompts, notes and refusals on stderr; a refusal is one line
// (the core's words) and, where a command mends it, a `hint:` line; exit 0 done,
// 1 refused, 2 usage error.

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: CommandContext['stdin'];
  env: NodeJS.ProcessEnv;
}

/** NAME is required, [NAME] optional, NAME… any number (last only). */
function checkPositionals(command: Command, given: string[]): void {
  const required = command.positionals.filter((positional) => !positional.optional).length;
  const most = command.positionals.some((positional) => positional.variadic) ? Infinity : command.positionals.length;
  if (given.length >= required && given.length <= most) return;
  const names = command.positionals.map((p) =>
    p.optional ? `[${p.name}${p.variadic ? '…' : ''}]` : `${p.name}${p.variadic ? '…' : ''}`,
  );
  const extra = given.length > command.positionals.length ? `; unexpected "${given[command.positionals.length]}"` : '';
  throw new UsageError(`${command.name} takes ${names.join(' ') || 'no arguments'}${extra}`);
}

/** Runs one `jaas-keys` invocation and returns its exit status; never throws. */
export async function runCli(
  argv: string[],
  io: CliIo,
  commands: ReadonlyMap<string, Command> = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(usageText(COMMAND_GROUPS));
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = commands.get(name);
  if (!command) {
    io.err(`jaas-keys: unknown command "${name}". Run jaas-keys help for the list.`);
    return EXIT_USAGE;
  }
  try {
    // `run KEY -- COMMAND ARGS…`: everything after the first `--` belongs to the program, untouched.
    const split = command.passthrough ? rest.indexOf('--') : -1;
    const own = split === -1 ? rest : rest.slice(0, split);
    const passthrough = split === -1 ? undefined : rest.slice(split + 1);
    const options = Object.fromEntries(
      Object.entries({ ...command.options, ...GLOBAL_OPTIONS }).map(([key, o]) => [
        key,
        { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
      ]),
    );
    const parsed = parseArgs({ args: own, allowPositionals: true, strict: true, options });
    if (parsed.values.help) {
      io.out(commandHelp(command));
      return EXIT_OK;
    }
    checkPositionals(command, parsed.positionals);
    const dataDirOption = parsed.values['data-dir'];
    const dataDir = resolve(
      typeof dataDirOption === 'string' ? dataDirOption : io.env.JAAS_KEYS_DATA_DIR || defaultDataDir(io.env),
    );
    // A key folder of a `jaas-keys run` that was killed before it could clean up goes now.
    if (!command.standalone) await removeStaleKeyFolders();
    let opened: KeyManager | undefined;
    const service = io.env.JAAS_KEYS_SERVICE || undefined;
    const status = await command.run({
      // Opened on first use: help and completion never touch the key list or the keychain.
      get keys() {
        return (opened ??= openKeyManager({ dataDir, service }));
      },
      args: parsed.positionals,
      options: parsed.values,
      out: io.out,
      err: io.err,
      stdin: io.stdin,
      env: io.env,
      passthrough,
    });
    return typeof status === 'number' ? status : EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`jaas-keys ${name}: ${(error as Error).message}. Run jaas-keys help ${name} for usage.`);
      return EXIT_USAGE;
    }
    if (error instanceof CoreError) {
      io.err(`jaas-keys: ${error.message}`);
      const hint = hintFor(toErrorValue(error));
      if (hint) io.err(`hint: ${hint}`);
      return EXIT_REFUSED;
    }
    // Unexpected: say so without a stack trace; JAAS_KEYS_DEBUG shows the details to a developer.
    io.err('jaas-keys: something unexpected went wrong; nothing else was changed. Set JAAS_KEYS_DEBUG=1 for details.');
    if (io.env.JAAS_KEYS_DEBUG) io.err(redactForLog(error));
    return EXIT_REFUSED;
  }
}
