/**
 * Token boundaries and sentence boundaries against the hand-made UD
 * Gujarati treebank (GujTB dev). The remaining disagreements are listed
 * and judged in bench/tokenize-ud.ts (UD quirks: `"મરાયો`, `છે.`, `કરાયો…`;
 * headlines without a terminator that only a line break could end).
 */
import test from 'ava';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';
import { readFileSync } from 'node:fs';
import { readUdSurface, scoreOnUd, tokenDisagreements } from './helpers/ud.js';

const REL = 'data/ud-gujtb/dev.conllu';
const path = sharedFile(REL);

(path ? test : test.skip)(`UD Gujarati dev: token and sentence P/R/F1 ${path ? '' : SKIP_NO_SHARED(REL)}`, (t) => {
  const gold = readUdSurface(readFileSync(path!, 'utf8'));
  t.is(gold.sentences.length, 94);
  const r = scoreOnUd(gold);
  t.log(
    `tokens F1 ${(100 * r.tokens.spans.f1).toFixed(2)}, token boundaries F1 ${(100 * r.tokens.boundaries.f1).toFixed(2)}, sentences F1 ${(100 * r.sentences.spans.f1).toFixed(2)}, sentence boundaries F1 ${(100 * r.sentences.boundaries.f1).toFixed(2)}`,
  );
  t.true(r.tokens.spans.f1 >= 0.985);
  t.is(r.tokens.boundaries.recall, 1);
  t.true(r.sentences.boundaries.f1 >= 0.97);
  // every token UD has that we do not is one of the judged UD quirks
  const d = tokenDisagreements(gold, r.system.tokens);
  t.deepEqual(d.missed.map((m) => m.slice(m.indexOf('[') + 1, m.indexOf(']'))).sort(), ['"મરાયો', 'કરાયો…', 'છે.', 'છે.', 'ડાબ-', 'મરાયો"'].sort());
});
