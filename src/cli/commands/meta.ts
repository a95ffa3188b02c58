import { UsageError, type Command } from '../command';
import { completionScript, SHELLS, type Shell } from '../completion';
import { commandHelp, usageText, type CommandGroup } from '../usage';

// The two commands about the command itself. They take the command list as an
// argument rather than importing it, so the list can hold them without a circle.

export function helpCommand(groups: () => readonly CommandGroup[]): Command {
  return {
    name: 'help',
    summary: 'the list of commands, or one command’s arguments, options and examples',
    positionals: [{ name: 'COMMAND', summary: 'the command to explain', optional: true }],
    options: {},
    examples: ['jaas-keys help', 'jaas-keys help token'],
    standalone: true,
    async run(context) {
      const name = context.args[0];
      if (name === undefined) return context.out(usageText(groups()).trimEnd());
      const command = groups()
        .flatMap((group) => group.commands)
        .find((candidate) => candidate.name === name);
      if (!command) throw new UsageError(`there is no command "${name}"`);
      context.out(commandHelp(command).trimEnd());
    },
  };
}

export function completionCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'a shell completion script for bash, zsh or fish',
    details:
      'bash: eval "$(jaas-keys completion bash)" in ~/.bashrc; zsh: the same in ~/.zshrc; fish: jaas-keys completion fish | source.',
    positionals: [{ name: 'SHELL', summary: `the shell: ${SHELLS.join(', ')}` }],
    options: {},
    examples: [
      'eval "$(jaas-keys completion bash)"',
      'jaas-keys completion fish > ~/.config/fish/completions/jaas-keys.fish',
    ],
    standalone: true,
    async run(context) {
      const shell = context.args[0]!;
      if (!(SHELLS as readonly string[]).includes(shell))
        throw new UsageError(`completion takes one of ${SHELLS.join(', ')}`);
      context.out(completionScript(shell as Shell, commands()).trimEnd());
    },
  };
}
