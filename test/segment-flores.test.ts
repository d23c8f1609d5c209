/**
 * FLORES-200 Gujarati: neighbouring index_ids are neighbouring sentences of
 * one article. Joined into paragraphs, every segment boundary that ends
 * with a terminator must be found; the few segments without a final
 * terminator (headline-like, or a stray quote) are listed in
 * bench/segmentation-flores.ts.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';
import { floresParagraphs, checkParagraph } from './helpers/flores.js';

const REL = 'data/flores-gu/segments.tsv';
const path = sharedFile(REL);

(path ? test : test.skip)(`FLORES Gujarati: segment boundaries are sentence boundaries ${path ? '' : SKIP_NO_SHARED(REL)}`, (t) => {
  const paras = floresParagraphs(readFileSync(path!, 'utf8'));
  t.is(
    paras.reduce((a, p) => a + p.segments.length, 0),
    701,
  );
  let boundaries = 0;
  let found = 0;
  const missed: string[] = [];
  for (const p of paras) {
    const r = checkParagraph(p);
    boundaries += r.boundaries;
    found += r.found;
    missed.push(...r.missed);
  }
  t.log(`found ${found} of ${boundaries} segment boundaries`);
  // a missed boundary is only allowed where the segment does not end with . ? ! । or a closing quote after one
  for (const m of missed) t.notRegex(m.slice(0, m.indexOf(' | ')), /[.?!।]["”’]?\s*$/u, m);
  t.true(found / boundaries >= 0.98);
});
