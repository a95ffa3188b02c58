import type { KeyManager } from '../core/keyManager';

export class UsageError extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

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
  options: OptionSpec;
  /** Positional arguments, by name, for the usage message. */
  positionals: string[];
  /** Takes `-- COMMAND ARGS…` after its own arguments. */
  passthrough?: boolean;
  /** Resolves with the exit status when it is not simply 0 (run passes on its program's). */
  run(context: CommandContext): Promise<void | number>;
}

