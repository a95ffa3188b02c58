import { GLOBAL_OPTIONS, type Command, type OptionSpec, type Positional } from './command';

// The usage text, `jaas-keys help CMD` and `CMD --help`, all made from the
// commands' own data (command.ts), so help cannot drift from what a command takes.

export interface CommandGroup {
  title: string;
  commands: readonly Command[];
}

const INTRO = 'jaas-keys: make, keep and use 8x8 JaaS API keys; private keys stay in the OS keychain.';
const KEY_NOTE =
  'KEY is a key’s id, a unique prefix of it (4+ characters), its label, its kid, or an AppID (its current key).';
const FOOTER = [
  'Environment: JAAS_KEYS_DATA_DIR is the key list’s folder; JAAS_KEYS_SERVICE names the keychain service (default jaas-key-manager).',
  'Exit status: 0 done, 1 refused (stderr says why, and how to mend it), 2 usage error. See docs/cli.md.',
];

function positionalText(positional: Positional): string {
  const name = positional.variadic ? `${positional.name}…` : positional.name;
  return positional.optional ? `[${name}]` : name;
}

function optionText(name: string, option: OptionSpec): string {
  const value = option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : '';
  return `--${name}${value}${option.multiple ? '…' : ''}`;
}

function optionLeft(name: string, option: OptionSpec): string {
  return `${option.short ? `-${option.short}, ` : ''}${optionText(name, option)}`;
}

/** `jaas-keys kid KEY KID [--json]`: the command's one-line form. */
export function synopsis(command: Command): string {
  const positionals = command.passthrough ? command.positionals.slice(0, 1) : command.positionals;
  const parts = [`jaas-keys ${command.name}`, ...positionals.map(positionalText)];
  for (const [name, option] of Object.entries(command.options)) {
    parts.push(option.required ? optionText(name, option) : `[${optionText(name, option)}]`);
  }
  if (command.passthrough) parts.push('-- COMMAND [ARGS…]');
  return parts.join(' ');
}

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.min(26, Math.max(...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) =>
    left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`,
  );
}

const globalRows = () =>
  Object.entries(GLOBAL_OPTIONS).map(([name, option]) => [optionLeft(name, option), option.summary] as const);

/** The whole usage text: every command by group, with the rules every command shares. */
export function usageText(groups: readonly CommandGroup[]): string {
  const lines = [INTRO, '', 'Usage: jaas-keys COMMAND [ARGUMENTS] [OPTIONS]'];
  for (const group of groups)
    lines.push(
      '',
      `${group.title}:`,
      ...table(group.commands.map((command) => [command.name, command.summary] as const)),
    );
  lines.push(
    '',
    'jaas-keys help COMMAND (or jaas-keys COMMAND --help) shows its arguments, options and examples.',
    KEY_NOTE,
  );
  lines.push('', 'Options for every command:', ...table(globalRows()), '', ...FOOTER);
  return `${lines.join('\n')}\n`;
}

/** One command's help: its synopsis, summary, arguments, options and examples. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: ${synopsis(command)}`, '', `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`];
  if (command.details) lines.push(command.details);
  if (command.positionals.length > 0)
    lines.push('', 'Arguments:', ...table(command.positionals.map((p) => [positionalText(p), p.summary] as const)));
  const own = Object.entries(command.options).map(
    ([name, o]) => [optionLeft(name, o), o.choices ? `${o.summary}: ${o.choices.join(', ')}` : o.summary] as const,
  );
  lines.push('', 'Options:', ...table([...own, ...globalRows()]));
  lines.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  if (command.positionals.some((p) => p.complete === 'key')) lines.push('', KEY_NOTE);
  return `${lines.join('\n')}\n`;
}
