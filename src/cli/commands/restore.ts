import { readFile } from 'node:fs/promises';
import { CoreError } from '../../core/errors';
import type { RestoreItem } from '../../shared/backup';
import { JSON_OPTION, UsageError, type Command } from '../command';
import { passphraseFromEnv, printJson } from '../args';
import { askSecret } from '../prompt';

const MARKS: Record<RestoreItem['outcome'], string> = { restored: '✓', 'already-here': '=', refused: '✗' };

function itemLine(item: RestoreItem, dryRun: boolean): string {
  const verb = {
    restored: dryRun ? 'would be restored' : 'restored',
    'already-here': 'already here',
    refused: dryRun ? 'would be refused' : 'refused',
  }[item.outcome];
  const as = item.restoredAs && item.outcome === 'restored' ? ` as "${item.restoredAs}"` : '';
  return `${MARKS[item.outcome]} "${item.label}" (${item.id}) ${verb}${as}${item.reason ? `: ${item.reason}` : ''}`;
}

async function readBackupFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CoreError(
      'file_error',
      `Cannot read the backup ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
    );
  }
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore keys from a backup made here or elsewhere; exit 0 only when none was refused',
  positionals: [{ name: 'FILE', summary: 'the backup file', complete: 'file' }],
  options: {
    'passphrase-env': { type: 'string', value: 'VAR', summary: 'read the passphrase from environment variable VAR' },
    'dry-run': { type: 'boolean', summary: 'say what would happen to each key; store nothing' },
    json: JSON_OPTION,
  },
  examples: ['jaas-keys restore keys.age --dry-run', 'jaas-keys restore keys.age'],
  async run(context) {
    const text = await readBackupFile(context.args[0]!);
    let passphrase: string | undefined;
    const { backupNeeds } = await import('../../core/backup/backupFile');
    if ((await backupNeeds(text)) === 'passphrase') {
      passphrase = passphraseFromEnv(context);
      if (passphrase === undefined) {
        if (!context.stdin.isTTY)
          throw new UsageError('this backup needs its passphrase: pass --passphrase-env VAR when not at a terminal');
        passphrase = await askSecret(context, 'Passphrase of the backup: ');
      }
    }
    const dryRun = context.options['dry-run'] === true;
    // Key n of N at a terminal, on one line that rewrites itself; nothing when stderr is a file or a pipe.
    const progress = process.stderr.isTTY
      ? (done: number, total: number) =>
          process.stderr.write(`\rStoring key ${done} of ${total} in the keychain…${done === total ? '\n' : ''}`)
      : undefined;
    const items = dryRun
      ? await context.keys.backups.plan(text, passphrase)
      : await context.keys.backups.restore(text, passphrase, progress);
    if (context.options.json) printJson(context, items);
    else for (const item of items) context.out(itemLine(item, dryRun));
    const refused = items.filter((item) => item.outcome === 'refused').length;
    if (refused > 0)
      throw new CoreError(
        'invalid_backup',
        `${refused} of ${items.length} key${items.length === 1 ? '' : 's'} ${dryRun ? 'would be' : 'were'} refused; see above.`,
      );
    if (!context.options.json)
      context.err(dryRun ? 'Dry run: nothing was stored.' : 'Private keys are in this computer’s keychain now.');
  },
};
