import { CoreError } from '../../core/errors';
import { JSON_OPTION, type Command } from '../command';
import { printJson } from '../args';
import { findingsText } from '../format';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'name the keychain in use and compare the key list with it',
  details:
    'Reports every mismatch: a secret without a list entry, an entry whose secret is gone, a half-written secret. Nothing is changed.',
  positionals: [],
  options: { json: JSON_OPTION },
  examples: ['jaas-keys doctor'],
  async run(context) {
    const listing = await context.keys.listing();
    // A keychain that cannot be reached is the one finding that matters most: never "all fine".
    if (listing.keychainProblem) throw new CoreError(listing.keychainProblem.code, listing.keychainProblem.message);
    const oldForm = await context.keys.oldFormSecrets();
    if (context.options.json)
      return printJson(context, {
        keys: listing.keys.length,
        keychain: listing.keychainName,
        findings: listing.findings,
        oldForm,
      });
    context.out(`Keychain: ${listing.keychainName ?? 'unknown'}`);
    if (oldForm > 0) {
      context.out(
        `${oldForm} secret(s) still in the chunked form of earlier releases; they move to one item each at the next change.`,
      );
    }
    if (listing.findings.length === 0)
      return context.out(
        listing.keys.length === 1
          ? 'The key is in both the key list and the keychain.'
          : `All ${listing.keys.length} keys are in both the key list and the keychain.`,
      );
    context.out(findingsText(listing.findings));
    context.out(
      'Mend each with: jaas-keys recover ID --label LABEL (list it again) or jaas-keys purge ID --yes (remove it).',
    );
    throw new CoreError('secret_missing', `${listing.findings.length} problem(s) found; see above.`);
  },
};
