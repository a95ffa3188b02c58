import { CoreError } from '../core/errors';
import { UsageError, type Command, type CommandContext } from './commandTypes';
import { historyText, keyJson } from './format';
import { ask } from './prompt';

// Statuses, rotation, the trash and the history (README: "Key lifecycle").

const json = { type: 'boolean' } as const;
const yes = { type: 'boolean', short: 'y' } as const;


/** At a terminal, asks; elsewhere, `--yes` is the answer, and without it the command refuses. */
async function confirmed(context: CommandContext, what: string, question: string): Promise<void> {
  if (context.options.yes === true) return;
  if (!context.stdin.isTTY) throw new UsageError(`${what}; pass --yes to confirm when not at a terminal`);
  if (!/^y(es)?$/i.test(await ask(context, `${question} [y/N] `))) throw new CoreError('cancelled', 'Nothing was changed.');
}

function consoleReminder(kid: string | null): string {
  return kid ? ` Its public key (kid ${kid}) is still in the JaaS console: delete it there too (API keys).` : '';
}

function hours(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
}

export const LIFECYCLE_COMMANDS: Record<string, Command> = {
  activate: {
    options: { json },
    positionals: ['KEY'],
    async run(context) {
      const { key, previous } = await context.keys.lifecycle.activate(context.args[0]!);
      if (context.options.json) return context.out(JSON.stringify(keyJson(key), null, 2));
      context.out(`"${key.label}" is now the current key of ${key.appId}: jaas-keys token ${key.appId} signs with it.`);
      if (previous) context.out(`"${previous.label}" stays active, so the tokens it signed keep working. Retire it once they have expired: jaas-keys retire ${previous.id}`);
    },
  },
  retire: {
    options: { yes },
    positionals: ['KEY'],
    async run(context) {
      const key = await context.keys.resolve(context.args[0]!);
      if (key.current) await confirmed(context, `"${key.label}" is the current key of ${key.appId}; retiring it leaves that AppID with no key to sign`, `"${key.label}" is the current key of ${key.appId}. Retire it, leaving ${key.appId} with no current key?`);
      const { wasCurrent } = await context.keys.lifecycle.retire(key.id);
      context.out(`Retired "${key.label}": it no longer signs tokens.${wasCurrent ? ` ${key.appId} has no current key now; make one current with jaas-keys activate KEY.` : ''}${consoleReminder(key.kid)}`);
    },
  },
  unretire: {
    options: {},
    positionals: ['KEY'],
    async run(context) {
      const key = await context.keys.lifecycle.unretire(context.args[0]!);
      context.out(`"${key.label}" is ${key.status === 'active' ? 'active' : 'back, and needs its kid'} again${key.current ? `, and the current key of ${key.appId}` : ''}.`);
    },
  },
  rotate: {
    options: { label: { type: 'string' }, json },
    positionals: ['KEY'],
    async run(context) {
      const label = typeof context.options.label === 'string' ? context.options.label : undefined;
      if (!context.options.json) context.err('Generating the new 4096-bit RSA key (a few seconds)…');
      const { old, key, waitSeconds } = await context.keys.rotate(context.args[0]!, label);
      if (context.options.json) return context.out(JSON.stringify({ old: keyJson(old), key: keyJson(key), waitSeconds }, null, 2));
      context.out(`Made "${key.label}" (${key.id}) to replace "${old.label}" for ${key.appId}. "${old.label}" keeps signing until step 3; no meeting fails on the way.`);
      context.out(`  1. Upload the new public key:  jaas-keys public ${key.id} --out "${key.label}.pub"  (JaaS console: API keys, Add API key)`);
      context.out(`  2. Record its Key ID:          jaas-keys kid ${key.id} KID`);
      context.out(`  3. Make it current:            jaas-keys activate ${key.id}`);
      context.out(`  4. Wait ${hours(waitSeconds)} (the longest token "${old.label}" signed${old.longestTokenSeconds ? '' : ': none recorded, so the default lifetime'}), then: jaas-keys retire ${old.id}`);
      context.out(`  5. Delete the old key in the JaaS console${old.kid ? ` (kid ${old.kid})` : ''}.`);
    },
  },
  rm: {
    options: { yes },
    positionals: ['KEY'],
    async run(context) {
      const ref = context.args[0]!;
      const found = await context.keys.resolve(ref);
      await confirmed(context, 'rm moves a key to the trash', `Move "${found.label}" (${found.id}) to the trash? It stops signing; you can undelete it for 30 days.`);
      const key = await context.keys.lifecycle.trash(found.id);
      context.out(`Moved "${key.label}" to the trash. It will be purged after ${key.purgeAfter}; until then: jaas-keys undelete ${key.id}.${consoleReminder(key.kid)}`);
    },
  },
  undelete: {
    options: { json },
    positionals: ['KEY'],
    async run(context) {
      const key = await context.keys.lifecycle.undelete(context.args[0]!);
      if (context.options.json) return context.out(JSON.stringify(keyJson(key), null, 2));
      context.out(`"${key.label}" is back from the trash (${key.current ? 'current' : key.status}).`);
    },
  },
  purge: {
    options: { yes },
    positionals: ['KEY'],
    async run(context) {
      const ref = context.args[0]!;
      if (context.options.yes !== true) {
        if (!context.stdin.isTTY) throw new UsageError('purge deletes a private key for good; pass --yes to confirm when not at a terminal');
        const key = await context.keys.resolve(ref, 'trash');
        const name = key.label;
        const typed = await ask(context, `Purge "${name}" (${key.id}) for good? Its private key leaves the keychain and cannot come back. Type its label (or kid) to confirm: `);
        if (typed !== name && typed !== key.kid) throw new CoreError('cancelled', 'That did not match; nothing was purged.');
      }
      const removed = await context.keys.lifecycle.purge(ref);
      context.out(`Purged ${removed.label ? `"${removed.label}" ` : ''}(${removed.id}): its private key is gone from the keychain; its history remains (jaas-keys history ${removed.id}).${consoleReminder(removed.kid)}`);
    },
  },
  history: {
    options: { json },
    positionals: ['KEY?'],
    async run(context) {
      const entries = await context.keys.history(context.args[0]);
      if (context.options.json) return context.out(JSON.stringify(entries, null, 2));
      context.out(historyText(entries));
    },
  },
};
