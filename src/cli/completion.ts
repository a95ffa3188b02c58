import { GLOBAL_OPTIONS, type Command, type OptionSpec } from './command';

// Shell completion for bash, zsh and fish, made from the commands' data: command
// names, each command's options (with the values of a fixed list, and files for a
// FILE or DIR), and key ids for a KEY argument, from `jaas-keys list --ids`.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Key ids for completion, one per line; nothing when the list cannot be read. */
const KEY_IDS = 'jaas-keys list --ids 2>/dev/null';

const allOptions = (command: Command): Array<[string, OptionSpec]> => [
  ...Object.entries(command.options),
  ...Object.entries(GLOBAL_OPTIONS),
];
const takesFile = (option: OptionSpec) => option.value === 'FILE' || option.value === 'DIR';
const firstComplete = (command: Command) => command.positionals.find((p) => p.complete)?.complete;

function bash(commands: readonly Command[]): string {
  const cases = commands.map((command) => {
    const options = allOptions(command)
      .map(([name]) => `--${name}`)
      .join(' ');
    const positional = firstComplete(command) ?? 'none';
    return `    ${command.name}) opts="${options}"; positional=${positional} ;;`;
  });
  const values = commands.flatMap((command) => allOptions(command)).filter(([, o]) => o.choices || takesFile(o));
  const valueCases = [...new Map(values.map(([name, o]) => [name, o])).entries()].map(([name, o]) =>
    o.choices
      ? `    --${name}) COMPREPLY=($(compgen -W "${o.choices.join(' ')}" -- "$cur")); return ;;`
      : `    --${name}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`,
  );
  return `# bash completion for jaas-keys: eval "$(jaas-keys completion bash)"
_jaas_keys() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" opts="" positional=none
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')}" -- "$cur"))
    return
  fi
  case "$prev" in
${valueCases.join('\n')}
  esac
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ "$positional" = key ]; then
    COMPREPLY=($(compgen -W "$(${KEY_IDS})" -- "$cur"))
  elif [ "$positional" = file ]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _jaas_keys jaas-keys
`;
}

/** Text safe inside a zsh _arguments description: no brackets, colons or quotes. */
const zshText = (text: string) =>
  text
    .replace(/[[\]:'"`$\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function zsh(commands: readonly Command[]): string {
  const described = commands.map((command) => `    '${command.name}:${zshText(command.summary)}'`).join('\n');
  const cases = commands.map((command) => {
    const specs = allOptions(command).map(([name, o]) => {
      const head = `'--${name}[${zshText(o.summary)}]`;
      if (o.type === 'boolean') return `${head}'`;
      const action = o.choices ? `(${o.choices.join(' ')})` : takesFile(o) ? '_files' : ' ';
      return `${head}:${zshText(o.value ?? 'value')}:${action}'`;
    });
    const positional = firstComplete(command);
    if (positional) specs.push(`'*:${positional}:${positional === 'key' ? '_jaas_keys_ids' : '_files'}'`);
    return `    ${command.name}) _arguments ${specs.join(' ')} ;;`;
  });
  return `#compdef jaas-keys
# zsh completion for jaas-keys: eval "$(jaas-keys completion zsh)", or save it as _jaas-keys on $fpath
_jaas_keys_ids() {
  local -a ids
  ids=(\${(f)"$(${KEY_IDS})"})
  compadd -a ids
}
_jaas_keys() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  words=("\${(@)words[2,-1]}")
  (( CURRENT-- ))
  case "\${words[1]}" in
${cases.join('\n')}
  esac
}
compdef _jaas_keys jaas-keys
`;
}

const fishText = (text: string) => text.replace(/'/g, "\\'");

function fish(commands: readonly Command[]): string {
  const lines = ['# fish completion for jaas-keys: jaas-keys completion fish | source', 'complete -c jaas-keys -f'];
  for (const command of commands)
    lines.push(`complete -c jaas-keys -n __fish_use_subcommand -a ${command.name} -d '${fishText(command.summary)}'`);
  for (const command of commands) {
    const when = `-n '__fish_seen_subcommand_from ${command.name}'`;
    for (const [name, o] of allOptions(command)) {
      const value =
        o.type === 'string' ? (o.choices ? ` -x -a '${o.choices.join(' ')}'` : takesFile(o) ? ' -r -F' : ' -x') : '';
      lines.push(
        `complete -c jaas-keys ${when} -l ${name}${o.short ? ` -s ${o.short}` : ''}${value} -d '${fishText(o.summary)}'`,
      );
    }
    const positional = firstComplete(command);
    if (positional === 'key') lines.push(`complete -c jaas-keys ${when} -a '(${KEY_IDS})'`);
    if (positional === 'file') lines.push(`complete -c jaas-keys ${when} -F`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, commands: readonly Command[]): string {
  return { bash, zsh, fish }[shell](commands);
}
