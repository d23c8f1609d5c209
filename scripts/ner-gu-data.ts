/**
 * The Gujarati NER gold the shipped model (models/ner-gu/) is built from and
 * measured on, read from ../shared/data (never copied into the repository),
 * with the held-out split of models/ner-gu/split.json applied:
 *
 *   flores-train / flores-dev / flores-test   FLORES-200 gold, split by article group
 *   ud          UD GujTB gold (training only)
 *   wikiann-train, wikiann-dev   WikiANN-gu (dev is an acceptance figure: never trained on)
 *   article     the project's seed article gold (annotations/gold/; the bench's corpus)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentFromText } from '../src/segment/document.js';
import type { Document } from '../src/doc/types.js';
import { readAnnotations } from '../src/formats/index.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SPLIT_FILE = join(ROOT, 'models/ner-gu/split.json');
export const DEFAULT_SHARED = join(ROOT, '..', 'shared', 'data');

export const PART_NAMES = ['flores-train', 'flores-dev', 'flores-test', 'ud', 'wikiann-train', 'wikiann-dev', 'article'] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface Split {
  test: string[];
  dev: string[];
}

export function readSplit(file = SPLIT_FILE): Split {
  const o = JSON.parse(readFileSync(file, 'utf8')) as Split;
  return { test: o.test, dev: o.dev };
}

/** A standoff document gets gujnlp's tokens and sentences (as `gujnlp annotate` gives raw text). */
function tokenized(d: Document): Document {
  if (d.tokens.length > 0) return d;
  const t = documentFromText(d.id, d.text);
  return { ...d, tokens: t.tokens, sentences: t.sentences };
}

/** Paths of the shared files; undefined when ../shared is absent. */
export function sharedPaths(shared = DEFAULT_SHARED): Record<'flores' | 'ud' | 'wikiannTrain' | 'wikiannDev', string> | undefined {
  const p = {
    flores: join(shared, 'flores-gu/ner.jsonl'),
    ud: join(shared, 'ud-gujtb/ner.jsonl'),
    wikiannTrain: join(shared, 'wikiann-gu/train.tsv'),
    wikiannDev: join(shared, 'wikiann-gu/dev.tsv'),
  };
  return Object.values(p).every(existsSync) ? p : undefined;
}

/** Every part, read once. */
export function loadParts(shared = DEFAULT_SHARED, split: Split = readSplit()): Record<PartName, Document[]> {
  const p = sharedPaths(shared);
  if (p === undefined) throw new Error(`shared data not found under ${shared}`);
  const flores = readAnnotations(p.flores, { format: 'doccano' }).map(tokenized);
  const test = new Set(split.test);
  const dev = new Set(split.dev);
  const known = new Set(flores.map((d) => d.id));
  for (const id of [...test, ...dev]) if (!known.has(id)) throw new Error(`split id ${id} is not in ${p.flores}`);
  return {
    'flores-train': flores.filter((d) => !test.has(d.id) && !dev.has(d.id)),
    'flores-dev': flores.filter((d) => dev.has(d.id)),
    'flores-test': flores.filter((d) => test.has(d.id)),
    ud: readAnnotations(p.ud, { format: 'doccano' }).map(tokenized),
    'wikiann-train': readAnnotations(p.wikiannTrain),
    'wikiann-dev': readAnnotations(p.wikiannDev),
    article: readAnnotations(join(ROOT, 'annotations/gold/lavrov-pakistan-visit-2021.json')),
  };
}

/**
 * Article groups of FLORES documents for cross-validation: ids sorted, a new
 * group where the id gap exceeds `maxGap` (one article is never cut; the
 * split file's groups also use the category, which the documents do not carry).
 */
export function articleGroups(docs: readonly Document[], maxGap = 5): number[] {
  const num = (d: Document): number => Number(/(\d+)$/.exec(d.id)?.[1] ?? NaN);
  const order = docs.map((d, i) => ({ n: num(d), i })).sort((a, b) => a.n - b.n);
  const group = new Array<number>(docs.length);
  let g = -1;
  let prev = -Infinity;
  for (const { n, i } of order) {
    if (!(n - prev <= maxGap)) g++;
    group[i] = g;
    prev = n;
  }
  return group;
}
