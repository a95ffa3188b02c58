// Writes zxcvbn's data (its word lists, keyboard graphs and English feedback) as one JSON
// file, for the builds to put beside the strength worker: JSON parses in a third of the
// time the language packages take to load and unpack (src/core/backup/strengthData.ts).
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const STRENGTH_DATA_FILE = 'strengthData.json';

export function strengthDataJson() {
  return JSON.stringify({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
}
