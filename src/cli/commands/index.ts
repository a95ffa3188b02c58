import type { Command } from '../command';
import type { CommandGroup } from '../usage';
import { activateCommand } from './activate';
import { backupCommand } from './backup';
import { checkCommand } from './check';
import { checkKeyCommand } from './checkKey';
import { doctorCommand } from './doctor';
import { exportPrivateCommand } from './exportPrivate';
import { historyCommand } from './history';
import { importCommand } from './import';
import { injectCommand } from './inject';
import { kidCommand } from './kid';
import { listCommand } from './list';
import { completionCommand, helpCommand } from './meta';
import { newCommand } from './new';
import { publicCommand } from './public';
import { purgeCommand } from './purge';
import { recipientCommand } from './recipient';
import { recoverCommand } from './recover';
import { renameCommand } from './rename';
import { restoreCommand } from './restore';
import { retireCommand } from './retire';
import { rmCommand } from './rm';
import { rotateCommand } from './rotate';
import { runCommand } from './run';
import { serveCommand } from './serve';
import { showCommand } from './show';
import { tokenCommand } from './token';
import { undeleteCommand } from './undelete';
import { unretireCommand } from './unretire';

// Every `jaas-keys` command, one file each, in the groups the usage text shows.

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    title: 'Keys',
    commands: [
      newCommand,
      importCommand,
      listCommand,
      showCommand,
      publicCommand,
      kidCommand,
      renameCommand,
      exportPrivateCommand,
    ],
  },
  { title: 'Tokens and keys at work', commands: [tokenCommand, checkCommand, runCommand, serveCommand] },
  { title: 'Keys in production', commands: [checkKeyCommand, injectCommand] },
  {
    title: 'Lifecycle',
    commands: [
      activateCommand,
      rotateCommand,
      retireCommand,
      unretireCommand,
      rmCommand,
      undeleteCommand,
      purgeCommand,
      historyCommand,
    ],
  },
  { title: 'Backups', commands: [backupCommand, restoreCommand, recipientCommand] },
  { title: 'Keychain', commands: [doctorCommand, recoverCommand] },
  {
    title: 'This command',
    commands: [helpCommand(() => COMMAND_GROUPS), completionCommand(() => ALL_COMMANDS)],
  },
];

export const ALL_COMMANDS: readonly Command[] = COMMAND_GROUPS.flatMap((group) => group.commands);

export const COMMANDS: ReadonlyMap<string, Command> = new Map(ALL_COMMANDS.map((command) => [command.name, command]));
