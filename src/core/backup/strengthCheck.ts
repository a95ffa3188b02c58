// zxcvbn itself, loaded once: the worker (strengthWorker.ts) runs it off the main thread,
// and passphrase.ts runs it inline where no worker file was built (the tests' sources).
import { strengthDataFromFile, strengthDataFromPackages } from './strengthData';

export interface StrengthResult {
  score: number;
  feedback: { warning: string | null; suggestions: string[] };
}

type Checker = (text: string) => Promise<StrengthResult>;
let checker: Promise<Checker> | undefined;

/** The checker, with its data from `dataFile` when the build wrote one (strengthData.ts), else from the packages. */
export function loadChecker(dataFile?: string): Promise<Checker> {
  checker ??= (async () => {
    const fromFile = dataFile ? strengthDataFromFile(dataFile) : null;
    const [core, data] = await Promise.all([import('@zxcvbn-ts/core'), fromFile ?? strengthDataFromPackages()]);
    const { ZxcvbnFactory } = 'default' in core && core.default ? { ...core.default, ...core } : core;
    const factory = new ZxcvbnFactory({
      translations: data.translations,
      graphs: data.graphs,
      dictionary: data.dictionary,
    });
    return async (text: string) => factory.check(text);
  })();
  return checker;
}
