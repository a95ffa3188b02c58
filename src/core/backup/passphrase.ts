// How strong a backup passphrase is, by zxcvbn (Dropbox's estimator, as kept by
// zxcvbn-ts): it knows common passwords, names, keyboard walks, dates and l33t,
// which a length rule does not. Loaded only when a passphrase is checked.
import type { PassphraseStrength } from '../../shared/backup';

/** A backup can leak, so its passphrase must resist an offline attack: zxcvbn's score 3 or more. */
export const MIN_PASSPHRASE_SCORE = 3;
/** Longer than anyone types; zxcvbn's run time grows with the length. */
const MAX_CHECKED_LENGTH = 256;

type Checker = (
  text: string,
) => Promise<{ score: number; feedback: { warning: string | null; suggestions: string[] } }>;
let checker: Promise<Checker> | undefined;

function loadChecker(): Promise<Checker> {
  checker ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then((modules) => {
    // Bundlers hand these packages over as ES modules or as CommonJS under `default`; take either.
    const [core, common, en] = modules.map((module) =>
      'default' in module && module.default && typeof module.default === 'object'
        ? { ...module.default, ...module }
        : module,
    ) as unknown as typeof modules;
    const factory = new core.ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
    return async (text: string) => factory.check(text);
  });
  return checker;
}

export async function passphraseStrength(passphrase: string): Promise<PassphraseStrength> {
  if (passphrase.length === 0) return { score: 0, ok: false, warning: 'The passphrase is empty.', suggestions: [] };
  const result = await (await loadChecker())(passphrase.slice(0, MAX_CHECKED_LENGTH));
  const ok = result.score >= MIN_PASSPHRASE_SCORE;
  const warning =
    result.feedback.warning ??
    (ok ? null : 'This passphrase could be guessed by a computer trying many passwords per second.');
  const suggestions =
    result.feedback.suggestions.length || ok
      ? result.feedback.suggestions
      : ['Use four or five random words, or more characters.'];
  return { score: result.score, ok, warning, suggestions };
}
