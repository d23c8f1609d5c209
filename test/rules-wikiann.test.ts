/**
 * The generalisation figure of the rules annotator: entity F1 (seqeval
 * default mode, PER/LOC/ORG; MISC mapped away) on WikiANN Gujarati, silver
 * labels from Wikipedia links. No name from ../shared is in any list the
 * annotator uses; dev was looked at to improve the RULES, train never was,
 * so train is the untouched check.
 */
import test from 'ava';
import { RulesAnnotator } from '../src/annotate/rules.js';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';
import { scoreFile, type Score } from './rules-score.js';

const rules = new RulesAnnotator();
const fmt = (s: Score): string =>
  `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}; ` +
  Object.entries(s.perType)
    .map(([k, v]) => `${k} F1 ${v.f1.toFixed(3)} (P ${v.precision.toFixed(3)} R ${v.recall.toFixed(3)}, n=${v.support})`)
    .join(', ');

for (const split of ['dev', 'train'] as const) {
  const rel = `data/wikiann-gu/${split}.tsv`;
  const file = sharedFile(rel);
  (file ? test : test.skip)(`rules on WikiANN-gu ${split}: entity F1 ≥ 0.5 (seqeval default, PER/LOC/ORG)${file ? '' : ` — ${SKIP_NO_SHARED(rel)}`}`, async (t) => {
    const s = await scoreFile(file!, rules, ['MISC']);
    t.log(`rules ${rules.version} on wikiann-gu/${split}.tsv: ${fmt(s)}`);
    t.true(s.f1 >= 0.5, `F1 ${s.f1.toFixed(3)} is under the 0.5 bar`);
  });
}
