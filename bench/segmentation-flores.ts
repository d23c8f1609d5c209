/**
 * FLORES-200 Gujarati check: neighbouring index_ids come from one article;
 * join them into paragraphs (segments separated by a space) and check that
 * every segment boundary is a sentence boundary of gujnlp. Splits inside a
 * segment are listed too (about 14% of segments hold two sentences, so
 * some are right).
 *   node --import tsx bench/segmentation-flores.ts [segments.tsv]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { floresParagraphs, checkParagraph } from '../test/helpers/flores.js';

const path = process.argv[2] ?? fileURLToPath(new URL('../../shared/data/flores-gu/segments.tsv', import.meta.url));
if (!existsSync(path)) {
  console.error(`skipped: ${path} is absent (reference data lives beside the project, in ../shared)`);
  process.exit(0);
}
const paras = floresParagraphs(readFileSync(path, 'utf8'));
let boundaries = 0;
let found = 0;
let inside = 0;
const missed: string[] = [];
const extra: string[] = [];
for (const p of paras) {
  const r = checkParagraph(p);
  boundaries += r.boundaries;
  found += r.found;
  inside += r.inside.length;
  missed.push(...r.missed);
  extra.push(...r.inside);
}
const segments = paras.reduce((a, p) => a + p.segments.length, 0);
console.log(`# gujnlp sentence splitter on FLORES-200 Gujarati (${segments} segments in ${paras.length} paragraphs)\n`);
console.log(`segment boundaries found: ${found} / ${boundaries} (${((100 * found) / Math.max(1, boundaries)).toFixed(2)}%)`);
console.log(`splits inside a segment:  ${inside} (segments holding two sentences, or false splits)`);
console.log(`\n## missed boundaries (${missed.length})`);
for (const m of missed) console.log(`  ${m}`);
console.log(`\n## splits inside segments (${extra.length})`);
for (const m of extra) console.log(`  ${m}`);
