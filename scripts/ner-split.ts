/**
 * Makes the held-out split of the FLORES-200 Gujarati NER gold used to build
 * and measure the shipped model (models/ner-gu/split.json): ids only, never
 * text. FLORES segments come from articles and neighbouring `index_id`s are
 * neighbouring sentences of one article, so whole ARTICLE GROUPS go to one
 * side: ids sorted, a new group starts where the category changes or the id
 * gap exceeds MAX_GAP (conservative: two short articles may share a group,
 * one article is never cut). Groups are dealt by a seeded shuffle until the
 * test side holds TEST_SHARE and the dev side DEV_SHARE of the segments.
 *
 *   node --import tsx scripts/ner-split.ts ../shared/data/flores-gu/ner.jsonl > models/ner-gu/split.json
 */
import { readFileSync } from 'node:fs';
import { mulberry32, shuffleInPlace } from '../src/util/random.js';

const MAX_GAP = 5;
const TEST_SHARE = 0.3;
const DEV_SHARE = 0.2;
const SEED = 11;

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: ner-split.ts FLORES_NER_JSONL\n');
  process.exit(2);
}
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const o = JSON.parse(l) as { id: string; category: string };
    const m = /^flores-(\d+)$/.exec(o.id);
    if (!m) throw new Error(`unexpected id ${o.id}`);
    return { n: Number(m[1]), category: o.category };
  })
  .sort((a, b) => a.n - b.n);

const groups: number[][] = [];
let prev: (typeof rows)[number] | undefined;
for (const r of rows) {
  if (prev && r.category === prev.category && r.n - prev.n <= MAX_GAP) groups[groups.length - 1].push(r.n);
  else groups.push([r.n]);
  prev = r;
}
const order = shuffleInPlace(
  groups.map((_, i) => i),
  mulberry32(SEED),
);
const test: number[] = [];
const dev: number[] = [];
for (const g of order) {
  if (test.length < TEST_SHARE * rows.length) test.push(...groups[g]);
  else if (dev.length < DEV_SHARE * rows.length) dev.push(...groups[g]);
}
const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
const out = {
  about:
    'Held-out split of ../shared/data/flores-gu/ner.jsonl by article group (ids flores-N; made by scripts/ner-split.ts). ' +
    'test: measured once for the model card, never used for a decision; dev: every decision; train: all other ids.',
  groups: { maxGap: MAX_GAP, seed: SEED, count: groups.length },
  test: sorted(test).map((n) => `flores-${n}`),
  dev: sorted(dev).map((n) => `flores-${n}`),
};
process.stdout.write(`{\n"about":${JSON.stringify(out.about)},\n"groups":${JSON.stringify(out.groups)},\n"test":${JSON.stringify(out.test)},\n"dev":${JSON.stringify(out.dev)}\n}\n`);
process.stderr.write(`${groups.length} groups; test ${test.length}, dev ${dev.length}, train ${rows.length - test.length - dev.length} segments\n`);
