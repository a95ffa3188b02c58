import { CoreError } from '../core/errors';
import { writeExportFile } from '../core/exportFile';
import { UsageError, type Command, type CommandContext } from './commandTypes';
import { findingsText, keyDetailText, keyJson, keyTable } from './format';
import { BACKUP_COMMANDS } from './backupCommands';
import { LIFECYCLE_COMMANDS } from './lifecycleCommands';
import { WORK_COMMANDS } from './workCommands';
import { TOKEN_COMMANDS } from './tokenCommands';

export { UsageError, type CommandContext };

const json = { type: 'boolean' } as const;
const print = (context: CommandContext, value: unknown) => context.out(JSON.stringify(value, null, 2));

function required(context: CommandContext, name: string): string {
  const value = context.options[name];
  if (typeof value !== 'string') throw new UsageError(`--${name} is required`);
  return value;
}

export const COMMANDS: Record<string, Command> = {
  new: {
    options: { label: { type: 'string' }, 'app-id': { type: 'string' }, json },
    positionals: [],
    async run(context) {
      const label = required(context, 'label');
      if (!context.options.json) context.err('Generating a 4096-bit RSA key (a few seconds)…');
      const key = await context.keys.generate({ label, appId: (context.options['app-id'] as string | undefined) ?? null });
      if (context.options.json) return print(context, keyJson(key));
      context.out(`Made key "${key.label}" (${key.id}), ${key.bits} bits, ${key.fingerprint}.`);
      context.out('The private key is in the OS keychain. Next:');
      context.out(`  1. Save the public key:   jaas-keys public ${key.id} --out "${key.label}.pub"`);
      context.out('  2. Upload it in the JaaS console: API keys, Add API key, upload the .pub file.');
      context.out(`  3. Record the Key ID the console shows:   jaas-keys kid ${key.id} KID`);
    },
  },
  list: {
    options: { json, trash: { type: 'boolean' } },
    positionals: [],
    async run(context) {
      const keys = await context.keys.list({ trash: context.options.trash === true });
      if (context.options.trash && !context.options.json && keys.length === 0) return context.out('The trash is empty.');
      if (context.options.json) return print(context, keys.map(keyJson));
      context.out(keyTable(keys));
    },
  },
  show: {
    options: { json },
    positionals: ['KEY'],
    async run(context) {
      const key = await context.keys.show(context.args[0]!);
      if (context.options.json) return print(context, { ...keyJson(key), randomart: key.randomart, publicPem: key.publicPem });
      context.out(keyDetailText(key));
    },
  },
  public: {
    options: { out: { type: 'string' }, force: { type: 'boolean' } },
    positionals: ['KEY'],
    async run(context) {
      const pem = await context.keys.publicPem(context.args[0]!);
      const out = context.options.out;
      if (typeof out !== 'string') return context.out(pem.trimEnd());
      await writeExportFile(out, pem, { force: context.options.force === true, mode: 0o644 });
      await context.keys.notePublicExport(context.args[0]!, `saved to ${out}`);
      context.err(`Wrote the public key to ${out}. Upload it in the JaaS console (API keys, Add API key).`);
    },
  },
  kid: {
    options: { json },
    positionals: ['KEY', 'KID'],
    async run(context) {
      const key = await context.keys.recordKid(context.args[0]!, context.args[1]!);
      if (context.options.json) return print(context, keyJson(key));
      context.out(`Recorded Key ID ${key.kid} for "${key.label}" (AppID ${key.appId}).${key.current ? ` It is the current key of ${key.appId}: jaas-keys token ${key.appId} signs with it.` : ` ${key.appId} already has a current key; make this one current with: jaas-keys activate ${key.id}`}`);
    },
  },
  rename: {
    options: {},
    positionals: ['KEY', 'LABEL'],
    async run(context) {
      const key = await context.keys.rename(context.args[0]!, context.args[1]!);
      context.out(`Renamed key ${key.id} to "${key.label}".`);
    },
  },
  'export-private': {
    options: { out: { type: 'string' }, pkcs8: { type: 'boolean' }, force: { type: 'boolean' } },
    positionals: ['KEY'],
    async run(context) {
      const out = required(context, 'out');
      const key = await context.keys.exportPrivate(context.args[0]!, out, { pkcs8: context.options.pkcs8 === true, force: context.options.force === true });
      context.err(`Wrote the private key of "${key.label}" to ${out} (mode 0600). Anyone with this file can sign tokens for your JaaS app: keep it safe, delete it when done.`);
    },
  },
  doctor: {
    options: { json },
    positionals: [],
    async run(context) {
      const listing = await context.keys.listing();
      // A keychain that cannot be reached is the one finding that matters most: never "all fine".
      if (listing.keychainProblem) throw new CoreError(listing.keychainProblem.code, listing.keychainProblem.message);
      if (context.options.json) return print(context, { keys: listing.keys.length, keychain: listing.keychainName, findings: listing.findings });
      context.out(`Keychain: ${listing.keychainName ?? 'unknown'}`);
      if (listing.findings.length === 0) return context.out(`All ${listing.keys.length} keys are in both the key list and the keychain.`);
      context.out(findingsText(listing.findings));
      throw new CoreError('secret_missing', `${listing.findings.length} problem(s) found; see above.`);
    },
  },
  recover: {
    options: { label: { type: 'string' } },
    positionals: ['ID'],
    async run(context) {
      const key = await context.keys.recover(context.args[0]!, required(context, 'label'));
      context.out(`Listed key ${key.id} again as "${key.label}". Record its kid with: jaas-keys kid ${key.id} KID`);
    },
  },
  ...LIFECYCLE_COMMANDS,
  ...BACKUP_COMMANDS,
  ...WORK_COMMANDS,
  ...TOKEN_COMMANDS,
};
