import type { BackupLock } from '../../core/backup/backupFile';
import { CoreError } from '../../core/errors';
import { JSON_OPTION, UsageError, type Command, type CommandContext } from '../command';
import { list, passphraseFromEnv, printJson, required } from '../args';
import { askSecret } from '../prompt';

async function backupLock(context: CommandContext): Promise<BackupLock> {
  const recipients = list(context, 'recipient');
  if (recipients.length > 0) {
    if (context.options['passphrase-env'] !== undefined)
      throw new UsageError('use --recipient or --passphrase-env, not both');
    return { recipients };
  }
  const fromEnv = passphraseFromEnv(context);
  if (fromEnv !== undefined) return { passphrase: fromEnv };
  if (!context.stdin.isTTY)
    throw new UsageError('give a passphrase with --passphrase-env VAR, or --recipient age1…, when not at a terminal');
  const first = await askSecret(context, 'Passphrase for the backup: ');
  const second = await askSecret(context, 'The same passphrase again: ');
  if (first !== second) throw new CoreError('invalid_input', 'The two passphrases differ; nothing was written.');
  return { passphrase: first };
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'an encrypted backup (age) of every key not in the trash, or of the named ones',
  details:
    'Without --recipient, to a passphrase asked twice at a terminal or read from VAR; a weak passphrase is refused with the reason. Written with mode 0600, never over a file without --force.',
  positionals: [
    {
      name: 'KEY',
      summary: 'keys to back up (default: every key not in the trash)',
      optional: true,
      variadic: true,
      complete: 'key',
    },
  ],
  options: {
    out: { type: 'string', value: 'FILE', required: true, summary: 'the backup file to write' },
    recipient: {
      type: 'string',
      multiple: true,
      value: 'age1…',
      summary: 'encrypt to this age recipient (another computer’s jaas-keys recipient); repeatable',
    },
    'passphrase-env': { type: 'string', value: 'VAR', summary: 'read the passphrase from environment variable VAR' },
    'include-trash': { type: 'boolean', summary: 'include the keys in the trash' },
    force: { type: 'boolean', summary: 'replace FILE if it exists' },
    json: JSON_OPTION,
  },
  examples: ['jaas-keys backup --out keys.age', 'jaas-keys backup --recipient age1… --out keys.age'],
  async run(context) {
    const out = required(context, 'out');
    const lock = await backupLock(context);
    const keys = await context.keys.backups.write(out, {
      refs: context.args,
      includeTrash: context.options['include-trash'] === true,
      force: context.options.force === true,
      lock,
    });
    if (context.options.json)
      return printJson(context, { path: out, keys: keys.map((key) => ({ id: key.id, label: key.label })) });
    const to =
      'passphrase' in lock
        ? 'passphrase'
        : `${lock.recipients.length} recipient${lock.recipients.length === 1 ? '' : 's'}`;
    context.out(`Backed up ${keys.length} key${keys.length === 1 ? '' : 's'} to ${out} (age, ${to}, mode 0600).`);
    context.err(
      'Keep it somewhere other than this computer. Restore with: jaas-keys restore FILE (or age -d, without this app; see the README).',
    );
  },
};
