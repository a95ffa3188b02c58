import { readFile } from 'node:fs/promises';
import { CoreError } from '../core/errors';
import type { BackupLock } from '../core/backupFile';
import type { RestoreItem } from '../shared/backup';
import { UsageError, type Command, type CommandContext } from './commandTypes';
import { askSecret } from './prompt';

// Encrypted backups, restores and this computer's age recipient (README: "Backups").

function passphraseFromEnv(context: CommandContext): string | undefined {
  const variable = context.options['passphrase-env'];
  if (typeof variable !== 'string') return undefined;
  const value = context.env[variable];
  if (value === undefined) throw new UsageError(`--passphrase-env names ${variable}, which is not set`);
  return value;
}

async function backupLock(context: CommandContext): Promise<BackupLock> {
  const recipients = (context.options.recipient as string[] | undefined) ?? [];
  if (recipients.length > 0) {
    if (context.options['passphrase-env'] !== undefined) throw new UsageError('use --recipient or --passphrase-env, not both');
    return { recipients };
  }
  const fromEnv = passphraseFromEnv(context);
  if (fromEnv !== undefined) return { passphrase: fromEnv };
  if (!context.stdin.isTTY) throw new UsageError('give a passphrase with --passphrase-env VAR, or --recipient age1…, when not at a terminal');
  const first = await askSecret(context, 'Passphrase for the backup: ');
  const second = await askSecret(context, 'The same passphrase again: ');
  if (first !== second) throw new CoreError('invalid_input', 'The two passphrases differ; nothing was written.');
  return { passphrase: first };
}

async function readBackupFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CoreError('file_error', `Cannot read the backup ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
  }
}

const MARKS: Record<RestoreItem['outcome'], string> = { restored: '✓', 'already-here': '=', refused: '✗' };

function itemLine(item: RestoreItem, dryRun: boolean): string {
  const verb = { restored: dryRun ? 'would be restored' : 'restored', 'already-here': 'already here', refused: dryRun ? 'would be refused' : 'refused' }[item.outcome];
  const as = item.restoredAs && item.outcome === 'restored' ? ` as "${item.restoredAs}"` : '';
  return `${MARKS[item.outcome]} "${item.label}" (${item.id}) ${verb}${as}${item.reason ? `: ${item.reason}` : ''}`;
}

export const BACKUP_COMMANDS: Record<string, Command> = {
  backup: {
    options: { out: { type: 'string' }, recipient: { type: 'string', multiple: true }, 'passphrase-env': { type: 'string' }, 'include-trash': { type: 'boolean' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
    positionals: ['KEY…'],
    async run(context) {
      const out = context.options.out;
      if (typeof out !== 'string') throw new UsageError('--out is required');
      const lock = await backupLock(context);
      const keys = await context.keys.backups.write(out, { refs: context.args, includeTrash: context.options['include-trash'] === true, force: context.options.force === true, lock });
      if (context.options.json) return context.out(JSON.stringify({ path: out, keys: keys.map((key) => ({ id: key.id, label: key.label })) }, null, 2));
      context.out(`Backed up ${keys.length} key${keys.length === 1 ? '' : 's'} to ${out} (age, ${'passphrase' in lock ? 'passphrase' : `${lock.recipients.length} recipient${lock.recipients.length === 1 ? '' : 's'}`}, mode 0600).`);
      context.err('Keep it somewhere other than this computer. Restore with: jaas-keys restore FILE (or age -d, without this app; see the README).');
    },
  },
  restore: {
    options: { 'passphrase-env': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    positionals: ['FILE'],
    async run(context) {
      const text = await readBackupFile(context.args[0]!);
      let passphrase: string | undefined;
      const { backupNeeds } = await import('../core/backupFile');
      if ((await backupNeeds(text)) === 'passphrase') {
        passphrase = passphraseFromEnv(context);
        if (passphrase === undefined) {
          if (!context.stdin.isTTY) throw new UsageError('this backup needs its passphrase: pass --passphrase-env VAR when not at a terminal');
          passphrase = await askSecret(context, 'Passphrase of the backup: ');
        }
      }
      const dryRun = context.options['dry-run'] === true;
      const items = dryRun ? await context.keys.backups.plan(text, passphrase) : await context.keys.backups.restore(text, passphrase);
      if (context.options.json) context.out(JSON.stringify(items, null, 2));
      else for (const item of items) context.out(itemLine(item, dryRun));
      const refused = items.filter((item) => item.outcome === 'refused').length;
      if (refused > 0) throw new CoreError('invalid_backup', `${refused} of ${items.length} key${items.length === 1 ? '' : 's'} ${dryRun ? 'would be' : 'were'} refused; see above.`);
      if (!context.options.json) context.err(dryRun ? 'Dry run: nothing was stored.' : 'Private keys are in this computer’s keychain now.');
    },
  },
  recipient: {
    options: {},
    positionals: [],
    async run(context) {
      context.out(await context.keys.backups.recipient());
      context.err('This computer’s age recipient (not secret). On the old computer: jaas-keys backup --recipient THIS --out keys.age; copy the file here; then: jaas-keys restore keys.age');
    },
  },
};
