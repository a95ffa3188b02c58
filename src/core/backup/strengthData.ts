// What zxcvbn knows (its word lists, keyboard graphs and English feedback), as plain data.
// The language packages ship their lists compressed in JavaScript; unpacking them took
// about 250 ms of each first check, so the builds write this data beside the strength
// worker as JSON (scripts/strength-data.mjs), which parses in about 80 ms. Where there is
// no such file (the tests' sources), it comes from the packages as before.
import { readFileSync } from 'node:fs';
import type { OptionsDictionary, OptionsGraph, TranslationKeys } from '@zxcvbn-ts/core';

/** The file the builds write beside strengthWorker's bundle. */
export const STRENGTH_DATA_FILE = 'strengthData.json';

export interface StrengthData {
  dictionary: OptionsDictionary;
  graphs: OptionsGraph;
  translations: TranslationKeys;
}

/** Bundlers hand these packages over as ES modules or as CommonJS under `default`; take either. */
function unwrap<T extends object>(module: T): T {
  return 'default' in module && module.default && typeof module.default === 'object'
    ? { ...module.default, ...module }
    : module;
}

export async function strengthDataFromPackages(): Promise<StrengthData> {
  const [common, en] = await Promise.all([
    import('@zxcvbn-ts/language-common').then(unwrap),
    import('@zxcvbn-ts/language-en').then(unwrap),
  ]);
  return {
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  };
}

/** The data from a file the build wrote, or null when it is not there or not whole. */
export function strengthDataFromFile(path: string): StrengthData | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<StrengthData>;
    return data.dictionary && data.graphs && data.translations ? (data as StrengthData) : null;
  } catch {
    return null;
  }
}
