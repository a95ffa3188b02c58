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
}

export interface Command {
  options: OptionSpec;
  /** Positional arguments, by name, for the usage message. */
  positionals: string[];
  run(context: CommandContext): Promise<void>;
}

