// zxcvbn itself, loaded once: the worker (strengthWorker.ts) runs it off the main thread,
// and passphrase.ts runs it inline where no worker file was built (the tests' sources).

export interface StrengthResult {
  score: number;
  feedback: { warning: string | null; suggestions: string[] };
}

type Checker = (text: string) => Promise<StrengthResult>;
let checker: Promise<Checker> | undefined;

export function loadChecker(): Promise<Checker> {
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
