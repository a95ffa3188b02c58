import { readFile } from 'node:fs/promises';
import { CoreError } from '../core/errors';
import { durationSeconds } from '../core/tokens/duration';
import { UsageError, type CommandContext } from './command';
import { ask } from './prompt';

// Argument helpers every command shares: one place for how an option is required,
// a passphrase is taken from the environment, a file or stdin is read, JSON printed.

export function required(context: CommandContext, name: string): string {
  const value = context.options[name];
  if (typeof value !== 'string') throw new UsageError(`--${name} is required`);
  return value;
}

export function optionalText(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

export function list(context: CommandContext, name: string): string[] {
  return (context.options[name] as string[] | undefined) ?? [];
}

export function printJson(context: CommandContext, value: unknown): void {
  context.out(JSON.stringify(value, null, 2));
}

/** The value of the variable `--passphrase-env` names; undefined without the option. */
export function passphraseFromEnv(context: CommandContext): string | undefined {
  const variable = context.options['passphrase-env'];
  if (typeof variable !== 'string') return undefined;
  const value = context.env[variable];
  if (value === undefined) throw new UsageError(`--passphrase-env names ${variable}, which is not set`);
  return value;
}

/** "2h", "90m", "45s" or a plain number of seconds. */
export function parseDuration(text: string): number {
  const seconds = durationSeconds(text);
  if (seconds === null) throw new UsageError(`"${text}" is not a duration; use e.g. 2h, 90m or 3600`);
  return seconds;
}

/** A file's text, or stdin's for `-`. */
export async function readInput(context: CommandContext, source: string, what: string): Promise<string> {
  return (await readInputBytes(context, source, what)).toString('utf8');
}

/** A file's bytes, or stdin's for `-`, as they are (a byte order mark and all). */
export async function readInputBytes(context: CommandContext, source: string, what: string): Promise<Buffer> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of context.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(source);
  } catch (error) {
    throw new CoreError(
      'file_error',
      `Cannot read ${what} ${source} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
    );
  }
}

/** At a terminal, asks; elsewhere, `--yes` is the answer, and without it the command refuses. */
export async function confirmed(context: CommandContext, what: string, question: string): Promise<void> {
  if (context.options.yes === true) return;
  if (!context.stdin.isTTY) throw new UsageError(`${what}; pass --yes to confirm when not at a terminal`);
  if (!/^y(es)?$/i.test(await ask(context, `${question} [y/N] `)))
    throw new CoreError('cancelled', 'Nothing was changed.');
}

/** At a terminal, asks (unless `--yes`); elsewhere goes ahead, as a script that names the file has decided. */
export async function confirmedAtTerminal(context: CommandContext, question: string): Promise<void> {
  if (context.options.yes === true || !context.stdin.isTTY) return;
  if (!/^y(es)?$/i.test(await ask(context, `${question} [y/N] `)))
    throw new CoreError('cancelled', 'Nothing was written.');
}

/** The reminder after a key with a kid leaves this app: its public key stays in the console. */
export function consoleReminder(kid: string | null): string {
  return kid ? ` Its public key (kid ${kid}) is still in the JaaS console: delete it there too (API keys).` : '';
}
