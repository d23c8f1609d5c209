/**
 * Deterministic train/dev/test split of annotated documents. The unit is a
 * document (default) or a sentence (each sentence becomes a document of its
 * own, ids `DOC#sN`); the layers of one document (Label Studio
 * `--annotations all`) stay together. Units are shuffled with the seeded
 * PRNG and cut by the ratios, so the same input, ratios and seed give the
 * same split; no unit is in two splits.
 */
import type { Document, Entity } from '../doc/types.js';
import { sentenceTokenRanges } from '../align/index.js';
import { InputError } from '../io/errors.js';
import { mulberry32, shuffleInPlace } from '../util/random.js';

export const SPLIT_NAMES = ['train', 'dev', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];
export type SplitUnit = 'document' | 'sentence';

export interface SplitOptions {
  /** Three ratios (train, dev, test) summing to 1 (within 1e-6). */
  ratios: readonly [number, number, number];
  seed: number;
  by: SplitUnit;
}

export interface SplitResult {
  splits: Record<SplitName, Document[]>;
  /** Entities per label in each split. */
  labels: Record<SplitName, Record<string, number>>;
}

/** Parses `0.8,0.1,0.1` (also percentages `80,10,10`). */
export function parseRatios(s: string): [number, number, number] {
  const xs = s.split(',').map((x) => Number(x.trim()));
  if (xs.length !== 3 || xs.some((x) => !Number.isFinite(x) || x < 0)) throw new InputError(`--ratios takes three non-negative numbers TRAIN,DEV,TEST, got '${s}'`);
  const sum = xs[0] + xs[1] + xs[2];
  if (sum <= 0) throw new InputError(`--ratios must not all be 0, got '${s}'`);
  const scaled = Math.abs(sum - 100) < 1e-6 ? xs.map((x) => x / 100) : xs;
  const total = scaled[0] + scaled[1] + scaled[2];
  if (Math.abs(total - 1) > 1e-6) throw new InputError(`--ratios must sum to 1 (or 100), got '${s}' (sum ${sum})`);
  return [scaled[0], scaled[1], scaled[2]];
}

/** The document a layer belongs to (Label Studio layers carry meta.document). */
export function documentKey(d: Document): string {
  return typeof d.meta?.document === 'string' ? d.meta.document : d.id;
}

/** Each sentence of a document with tokens as a document of its own (offsets rebased). */
export function sentencesAsDocuments(doc: Document): Document[] {
  if (doc.tokens.length === 0 || doc.sentences.length === 0) return [doc];
  const ranges = sentenceTokenRanges(doc);
  const out: Document[] = [];
  ranges.forEach((r, k) => {
    if (r.end === r.start) return;
    const s = doc.sentences[k];
    const start = Math.min(s.start, doc.tokens[r.start].start);
    const end = Math.max(s.end, doc.tokens[r.end - 1].end);
    const shift = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start - start, end: x.end - start });
    const entities: Entity[] = doc.entities.filter((e) => e.start >= start && e.start < end).map(shift);
    const cut = entities.find((e) => e.end > end - start);
    if (cut !== undefined)
      throw new InputError(`document ${doc.id}: entity ${cut.label} ${JSON.stringify(doc.text.slice(cut.start + start, cut.end + start))} crosses a sentence boundary; split --by document`);
    out.push({
      id: `${doc.id}#s${k + 1}`,
      text: doc.text.slice(start, end),
      sentences: [{ start: 0, end: end - start, text: doc.text.slice(start, end) }],
      tokens: doc.tokens.slice(r.start, r.end).map(shift),
      entities,
      ...(doc.meta === undefined ? {} : { meta: { ...doc.meta } }),
    });
  });
  return out;
}

export function labelCounts(docs: readonly Document[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of docs) for (const e of d.entities) out[e.label] = (out[e.label] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Unit counts per split: rounded down, the remainder given to the largest fractional parts (train first). */
export function splitSizes(n: number, ratios: readonly [number, number, number]): [number, number, number] {
  const raw = ratios.map((r) => r * n);
  const sizes = raw.map(Math.floor);
  let left = n - sizes.reduce((a, b) => a + b, 0);
  const order = [0, 1, 2].sort((a, b) => raw[b] - sizes[b] - (raw[a] - sizes[a]) || a - b);
  for (const i of order) {
    if (left === 0) break;
    if (ratios[i] > 0) {
      sizes[i]++;
      left--;
    }
  }
  return [sizes[0], sizes[1], sizes[2]];
}

export function splitDocuments(docs: readonly Document[], opts: SplitOptions): SplitResult {
  const units = opts.by === 'sentence' ? docs.flatMap(sentencesAsDocuments) : [...docs];
  // units of one document (its layers) move together
  const groups = new Map<string, Document[]>();
  for (const d of units) {
    const k = opts.by === 'sentence' ? `${documentKey(d)}${d.id.slice(d.id.lastIndexOf('#'))}` : documentKey(d);
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  // sorted keys first, so the input order does not change the split
  const keys = shuffleInPlace([...groups.keys()].sort(), mulberry32(opts.seed));
  const [nTrain, nDev] = splitSizes(keys.length, opts.ratios);
  const splits: Record<SplitName, Document[]> = { train: [], dev: [], test: [] };
  keys.forEach((k, i) => {
    const name: SplitName = i < nTrain ? 'train' : i < nTrain + nDev ? 'dev' : 'test';
    splits[name].push(...groups.get(k)!);
  });
  // keep the input order inside each split
  const pos = new Map(units.map((d, i) => [d, i]));
  for (const n of SPLIT_NAMES) splits[n].sort((a, b) => pos.get(a)! - pos.get(b)!);
  return { splits, labels: { train: labelCounts(splits.train), dev: labelCounts(splits.dev), test: labelCounts(splits.test) } };
}
