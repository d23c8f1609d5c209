/**
 * Error analysis beyond one F1 (in the spirit of ExplainaBoard, Liu et al.
 * 2021): where does a model fail, and how?
 *
 * - F1 by bucket: every gold entity (for recall) and every predicted entity
 *   (for precision) is put in a bucket by an attribute of its own: length in
 *   tokens, seen or unseen in the model's training data (where known), script
 *   (Gujarati / Latin / mixed), written with a glued case ending or bare,
 *   and the length of its sentence. A correct entity has the same span, so
 *   the same bucket on both sides. Each bucket's F1 gets a confidence
 *   interval from the paired bootstrap of `bootstrap.ts` (the same seed gives
 *   the same resampled sentences, so the intervals are of the same samples).
 * - Error types: gold and predicted entities of a sentence are paired one to
 *   one (same span first, then overlapping, preferring the same type); a pair
 *   is correct, a wrong type, a wrong boundary, or both; an unpaired gold
 *   entity is missed and an unpaired prediction spurious. So gold = correct +
 *   type + boundary + both + missed, and predicted = correct + type +
 *   boundary + both + spurious.
 * - An entity-level confusion matrix from the same pairs: gold type ×
 *   predicted type, with a `missed` column and a `spurious` row (the
 *   diagonal counts correct entities and same-type boundary errors).
 *
 * Entities are decoded from tags as seqeval's default mode does (or strict),
 * after the same label mapping as every other metric, so the overall counts
 * equal seqeval's micro figures.
 */
import { InputError } from '../io/errors.js';
import { normalizeKey } from '../lang/gu/normalize.js';
import { caseEndings, stripEnding } from '../lang/gu/endings.js';
import { isGujarati } from '../lang/gu/script.js';
import { decodeTags } from '../tags/decode.js';
import type { Chunk, TagScheme } from '../tags/scheme.js';
import { BOOTSTRAP_DEFAULTS, percentileInterval, resampleF1, sum, type SentenceCounts } from './bootstrap.js';
import { prf } from './prf.js';
import { mapTag, isIdentityMapping, type LabelMapping } from './mapping.js';

export const BUCKET_ATTRIBUTES = ['length', 'seen', 'script', 'ending', 'sentence'] as const;
export type BucketAttribute = (typeof BUCKET_ATTRIBUTES)[number];

export const BUCKET_TITLES: Record<BucketAttribute, string> = {
  length: 'entity length (tokens)',
  seen: "entity text in the model's training data",
  script: 'script of the entity',
  ending: 'last token written with a case ending',
  sentence: 'sentence length (tokens)',
};

export const ERROR_KINDS = ['missed', 'spurious', 'type', 'boundary', 'both'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export const ERROR_TITLES: Record<ErrorKind, string> = {
  missed: 'missed (no prediction overlaps it)',
  spurious: 'spurious (overlaps no gold entity)',
  type: 'wrong type (right span)',
  boundary: 'wrong boundary (right type)',
  both: 'wrong type and boundary',
};

/** Precision, recall and F1 of one bucket, with a bootstrap interval of its F1. */
export interface BucketScore {
  bucket: string;
  gold: number;
  pred: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  ci: [number, number];
}

export interface BucketTable {
  attribute: BucketAttribute;
  title: string;
  rows: BucketScore[];
}

/** An entity in an example: token indices in its sentence (end exclusive) and its words. */
export interface ExampleEntity {
  label: string;
  start: number;
  end: number;
  text: string;
}

export interface ErrorExample {
  /** Index of the sentence in the input, and its name when given. */
  sentence: number;
  name?: string;
  /** The sentence's tokens joined by spaces. */
  context: string;
  gold: ExampleEntity | null;
  pred: ExampleEntity | null;
}

export interface EntityConfusion {
  /** Row labels: gold types, then `spurious`. */
  gold: string[];
  /** Column labels: predicted types, then `missed`. */
  pred: string[];
  /** matrix[row][column]: entities. */
  matrix: number[][];
}

export interface ErrorAnalysis {
  mode: 'default' | 'strict';
  bootstrap: { samples: number; seed: number; confidence: number };
  overall: BucketScore;
  buckets: BucketTable[];
  errors: { correct: number; counts: Record<ErrorKind, number>; examples: Record<ErrorKind, ErrorExample[]> };
  confusion: EntityConfusion;
}

export interface ErrorAnalysisInput {
  /** Per sentence: its tokens' text, the gold and the predicted tags. */
  tokens: readonly (readonly string[])[];
  gold: readonly (readonly string[])[];
  pred: readonly (readonly string[])[];
  /** Per sentence, a name for examples (`doc-id#3`). */
  names?: readonly string[];
}

export interface ErrorAnalysisOptions extends LabelMapping {
  mode?: 'default' | 'strict';
  scheme?: TagScheme;
  samples?: number;
  seed?: number;
  confidence?: number;
  /** Examples kept per error kind (default 5, in corpus order). */
  examples?: number;
  /**
   * Entity texts (keys by `entityKey`) of the model's training data, per
   * sentence: under cross-validation each sentence has its own training set.
   * Absent: the `seen` buckets are left out.
   */
  seen?: (sentence: number) => ReadonlySet<string> | undefined;
  /** Case endings (default: src/lang/gu/case-endings.txt). */
  endings?: readonly string[];
}

/** The lookup key of an entity's text: its tokens, joined, normalised (`src/lang/gu/normalize.ts`). */
export const entityKey = (tokens: readonly string[]): string => normalizeKey(tokens.join(' '));

/** The keys of every gold entity of some sentences: a training set's "seen" entities. */
export function entityKeys(tokens: readonly (readonly string[])[], tags: readonly (readonly string[])[], sentences: Iterable<number>): Set<string> {
  const out = new Set<string>();
  for (const s of sentences) for (const c of decodeTags(tags[s])) out.add(entityKey(tokens[s].slice(c.start, c.end)));
  return out;
}

const isLatinLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);

/** Script of an entity's letters: `Gujarati`, `Latin`, `mixed`, or `other` (no letters of either: digits, other scripts). */
export function entityScript(text: string): 'Gujarati' | 'Latin' | 'mixed' | 'other' {
  let gu = false;
  let la = false;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (isGujarati(c)) gu = true;
    else if (isLatinLetter(c)) la = true;
  }
  return gu && la ? 'mixed' : gu ? 'Gujarati' : la ? 'Latin' : 'other';
}

function lengthBucket(n: number): string {
  return n >= 4 ? '4+' : String(n);
}

const SENTENCE_BINS: readonly [number, string][] = [
  [10, '1–10'],
  [20, '11–20'],
  [40, '21–40'],
  [Infinity, '41+'],
];
function sentenceBucket(n: number): string {
  return SENTENCE_BINS.find(([max]) => n <= max)![1];
}

/** Fixed bucket orders (others sort after, by name). */
const ORDER: Record<BucketAttribute, readonly string[]> = {
  length: ['1', '2', '3', '4+'],
  seen: ['seen', 'unseen', 'unknown'],
  script: ['Gujarati', 'Latin', 'mixed', 'other'],
  ending: ['case ending', 'bare'],
  sentence: SENTENCE_BINS.map(([, b]) => b),
};

/** Pairs gold and predicted chunks of one sentence one to one. */
export function pairEntities(gold: readonly Chunk[], pred: readonly Chunk[]): { pairs: [number, number][]; missed: number[]; spurious: number[] } {
  const gUsed = new Array<boolean>(gold.length).fill(false);
  const pUsed = new Array<boolean>(pred.length).fill(false);
  const pairs: [number, number][] = [];
  const take = (gi: number, pi: number): void => {
    gUsed[gi] = true;
    pUsed[pi] = true;
    pairs.push([gi, pi]);
  };
  // same span first (correct or wrong type), then overlaps preferring the same type
  pred.forEach((p, pi) => {
    const gi = gold.findIndex((g, k) => !gUsed[k] && g.start === p.start && g.end === p.end);
    if (gi >= 0) take(gi, pi);
  });
  for (const sameType of [true, false]) {
    pred.forEach((p, pi) => {
      if (pUsed[pi]) return;
      const gi = gold.findIndex((g, k) => !gUsed[k] && g.start < p.end && p.start < g.end && (!sameType || g.type === p.type));
      if (gi >= 0) take(gi, pi);
    });
  }
  pairs.sort((a, b) => gold[a[0]].start - gold[b[0]].start || a[1] - b[1]);
  return {
    pairs,
    missed: gold.map((_, i) => i).filter((i) => !gUsed[i]),
    spurious: pred.map((_, i) => i).filter((i) => !pUsed[i]),
  };
}

export function pairKind(g: Chunk, p: Chunk): 'correct' | 'type' | 'boundary' | 'both' {
  const span = g.start === p.start && g.end === p.end;
  const type = g.type === p.type;
  return span && type ? 'correct' : span ? 'type' : type ? 'boundary' : 'both';
}

/** Per-sentence counts of one bucket. */
type Counts = SentenceCounts;

const newCounts = (n: number): Counts => ({ tp: new Int32Array(n), pred: new Int32Array(n), gold: new Int32Array(n) });

export function analyseErrors(input: ErrorAnalysisInput, opts: ErrorAnalysisOptions = {}): ErrorAnalysis {
  const n = input.tokens.length;
  if (input.gold.length !== n || input.pred.length !== n) throw new InputError(`error analysis: ${n} sentences of tokens, ${input.gold.length} gold and ${input.pred.length} predicted`);
  const mode = opts.mode ?? 'default';
  const samples = opts.samples ?? BOOTSTRAP_DEFAULTS.samples;
  const seed = opts.seed ?? BOOTSTRAP_DEFAULTS.seed;
  const confidence = opts.confidence ?? 0.95;
  const maxExamples = opts.examples ?? 5;
  const endings = opts.endings ?? caseEndings();
  const mapping = isIdentityMapping(opts) ? null : opts;
  const decode = (tags: readonly string[], s: number): Chunk[] => decodeTags(mapping === null ? tags : tags.map((t) => mapTag(t, mapping)), { mode, scheme: opts.scheme, sentence: s });

  const overall = newCounts(n);
  const buckets = new Map<string, Counts>(); // `${attribute}\t${bucket}`
  const bucketCounts = (attribute: BucketAttribute, bucket: string): Counts => {
    const key = `${attribute}\t${bucket}`;
    let c = buckets.get(key);
    if (c === undefined) buckets.set(key, (c = newCounts(n)));
    return c;
  };
  const errors: Record<ErrorKind, number> = { missed: 0, spurious: 0, type: 0, boundary: 0, both: 0 };
  const examples: Record<ErrorKind, ErrorExample[]> = { missed: [], spurious: [], type: [], boundary: [], both: [] };
  let correct = 0;
  const confusion = new Map<string, Map<string, number>>();
  const confuse = (g: string, p: string): void => {
    let row = confusion.get(g);
    if (row === undefined) confusion.set(g, (row = new Map()));
    row.set(p, (row.get(p) ?? 0) + 1);
  };
  const endingCache = new Map<string, boolean>();
  const hasEnding = (token: string): boolean => {
    let v = endingCache.get(token);
    if (v === undefined) endingCache.set(token, (v = stripEnding(token, endings).length > 1));
    return v;
  };
  let seenKnown = false;

  for (let s = 0; s < n; s++) {
    const tokens = input.tokens[s];
    if (input.gold[s].length !== tokens.length || input.pred[s].length !== tokens.length) {
      throw new InputError(`error analysis: sentence ${s + 1} has ${tokens.length} tokens, ${input.gold[s].length} gold and ${input.pred[s].length} predicted tags`);
    }
    const gold = decode(input.gold[s], s);
    const pred = decode(input.pred[s], s);
    const seen = opts.seen?.(s);
    if (seen !== undefined) seenKnown = true;
    const attributes = (c: Chunk): [BucketAttribute, string][] => {
      const words = tokens.slice(c.start, c.end);
      const out: [BucketAttribute, string][] = [
        ['length', lengthBucket(c.end - c.start)],
        ['script', entityScript(words.join(''))],
        ['ending', hasEnding(words[words.length - 1]) ? 'case ending' : 'bare'],
        ['sentence', sentenceBucket(tokens.length)],
      ];
      if (opts.seen !== undefined) out.push(['seen', seen === undefined ? 'unknown' : seen.has(entityKey(words)) ? 'seen' : 'unseen']);
      return out;
    };
    for (const g of gold) for (const [a, b] of attributes(g)) bucketCounts(a, b).gold[s]++;
    for (const p of pred) for (const [a, b] of attributes(p)) bucketCounts(a, b).pred[s]++;
    overall.gold[s] = gold.length;
    overall.pred[s] = pred.length;

    const { pairs, missed, spurious } = pairEntities(gold, pred);
    const ex = (c: Chunk | undefined): ExampleEntity | null => (c === undefined ? null : { label: c.type, start: c.start, end: c.end, text: tokens.slice(c.start, c.end).join(' ') });
    const note = (kind: ErrorKind, g: Chunk | undefined, p: Chunk | undefined): void => {
      errors[kind]++;
      if (examples[kind].length >= maxExamples) return;
      const e: ErrorExample = { sentence: s, context: tokens.join(' '), gold: ex(g), pred: ex(p) };
      if (input.names?.[s] !== undefined) e.name = input.names[s];
      examples[kind].push(e);
    };
    for (const [gi, pi] of pairs) {
      const g = gold[gi];
      const p = pred[pi];
      confuse(g.type, p.type);
      const kind = pairKind(g, p);
      if (kind === 'correct') {
        correct++;
        overall.tp[s]++;
        for (const [a, b] of attributes(g)) bucketCounts(a, b).tp[s]++;
      } else note(kind, g, p);
    }
    for (const gi of missed) {
      confuse(gold[gi].type, 'missed');
      note('missed', gold[gi], undefined);
    }
    for (const pi of spurious) {
      confuse('spurious', pred[pi].type);
      note('spurious', undefined, pred[pi]);
    }
  }

  // the bootstrap: the same draws as pairedBootstrap (mulberry32(seed), B × n indices in order)
  const keys = [...buckets.keys()];
  const all = [overall, ...keys.map((k) => buckets.get(k)!)];
  const sampleF1 = resampleF1(all, samples, seed);
  const score = (bucket: string, c: Counts, m: number): BucketScore => {
    const t = sum(c.tp);
    const p = sum(c.pred);
    const g = sum(c.gold);
    const r = prf({ gold: g, system: p, correct: t });
    return {
      bucket,
      gold: g,
      pred: p,
      correct: t,
      precision: r.precision,
      recall: r.recall,
      f1: r.f1,
      ci: n === 0 ? [0, 0] : percentileInterval(sampleF1[m], confidence),
    };
  };
  const tables: BucketTable[] = [];
  for (const attribute of BUCKET_ATTRIBUTES) {
    if (attribute === 'seen' && !seenKnown) continue;
    const rows = keys
      .map((k, i) => ({ k, i }))
      .filter(({ k }) => k.startsWith(`${attribute}\t`))
      .map(({ k, i }) => score(k.slice(attribute.length + 1), all[i + 1], i + 1));
    const rank = (b: string): number => {
      const r = ORDER[attribute].indexOf(b);
      return r < 0 ? ORDER[attribute].length : r;
    };
    rows.sort((a, b) => rank(a.bucket) - rank(b.bucket) || (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
    tables.push({ attribute, title: BUCKET_TITLES[attribute], rows });
  }

  const types = [...new Set([...confusion.keys(), ...[...confusion.values()].flatMap((r) => [...r.keys()])])].filter((t) => t !== 'missed' && t !== 'spurious').sort();
  const rowsLabels = [...types, 'spurious'];
  const colLabels = [...types, 'missed'];
  return {
    mode,
    bootstrap: { samples, seed, confidence },
    overall: score('all', overall, 0),
    buckets: tables,
    errors: { correct, counts: errors, examples },
    confusion: { gold: rowsLabels, pred: colLabels, matrix: rowsLabels.map((g) => colLabels.map((p) => confusion.get(g)?.get(p) ?? 0)) },
  };
}
