import type { KeyManager } from '../core/keyManager';

// A `jaas-keys` command as data: its name, summary, arguments and options, each
// with words for people, beside the code that runs it. The usage text, `help CMD`,
// `CMD --help` and shell completion are all made from this data (usage.ts,
// completion.ts), so a command cannot be documented apart from what it takes.

export class UsageError extends Error {}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's placeholder in usage text (`FILE`, `VAR`); string options only. */
  value?: string;
  /** The command refuses to run without it (usage shows it without brackets). */
  required?: boolean;
  /** The values it takes, when they are a fixed list (completion offers them). */
  choices?: readonly string[];
  summary: string;
}

export interface Positional {
  name: string;
  summary: string;
  optional?: boolean;
  /** Any number of them; the last positional only. */
  variadic?: boolean;
  /** What the shell may complete it with. */
  complete?: 'file' | 'key';
}

export interface CommandContext {
  keys: KeyManager;
  args: string[];
  options: Record<string, string | boolean | Array<string | boolean> | undefined>;
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** For a passthrough command: what followed `--` (undefined when there was no `--`). */
  passthrough?: string[];
}

export interface Command {
  name: string;
  /** One line, lower case, no full stop: what it does. */
  summary: string;
  /** More words for `help CMD`, when one line is not enough. */
  details?: string;
  positionals: Positional[];
  options: Record<string, OptionSpec>;
  /** Takes `-- COMMAND ARGS…` after its own arguments. */
  passthrough?: boolean;
  /** Whole command lines a person can copy. */
  examples: string[];
  /** Needs no key list or keychain (help, completion). */
  standalone?: boolean;
  /** Resolves with the exit status when it is not simply 0 (run passes on its program's). */
  run(context: CommandContext): Promise<void | number>;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  'data-dir': {
    type: 'string',
    value: 'DIR',
    summary: 'the key list’s folder (also JAAS_KEYS_DATA_DIR; default: the app’s folder)',
  },
  help: { type: 'boolean', short: 'h', summary: 'this command’s help' },
};

/** `--json`, as most commands take it. */
export const JSON_OPTION: OptionSpec = { type: 'boolean', summary: 'print JSON (see docs/cli.md, "JSON output")' };

/** `--yes`, for the commands that ask first at a terminal. */
export const YES_OPTION: OptionSpec = {
  type: 'boolean',
  short: 'y',
  summary: 'confirm without asking (needed when not at a terminal)',
};

/** `--yes` for the commands that write a private key to a file: they ask only at a terminal. */
export const PRIVATE_WRITE_YES_OPTION: OptionSpec = {
  type: 'boolean',
  short: 'y',
  summary: 'write without asking first at a terminal (elsewhere it does not ask)',
};

/** The KEY argument most commands take. */
export const KEY_ARGUMENT: Positional = { name: 'KEY', summary: 'the key', complete: 'key' };
