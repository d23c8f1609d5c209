/**
 * nervaluate 1.1.0's four schemes (strict, exact, partial, ent_type), each
 * computed per sentence by its strategy classes (src/nervaluate/strategies.py)
 * and summed over sentences; per type, the strategy is run again on the
 * gold and predicted entities of that type only (as its Evaluator does).
 *
 * Matching, for each prediction in order, among gold entities not matched
 * yet and overlapping it by at least 1% of the gold entity's length
 * (nervaluate's default `min_overlap_percentage`):
 * - strict:   same span and type → correct; else the first overlapping → incorrect; else spurious
 * - exact:    same span → correct; else the first overlapping → incorrect; else spurious
 * - partial:  same span → correct; else the first overlapping → partial; else spurious
 * - ent_type: the first overlapping gold entity decides: same type → correct, other type → incorrect; none → spurious
 *   (this, not the later "closest boundaries" rule, is what reproduces 1.1.0's counts in the fixtures)
 * Gold entities left unmatched are missed.
 *
 * Scores follow SemEval-2013 9.1, recomputed from the summed counts:
 *   possible = correct + incorrect + partial + missed
 *   actual   = correct + incorrect + partial + spurious
 *   strict, exact:     P = correct / actual,                 R = correct / possible
 *   partial, ent_type: P = (correct + 0.5 partial) / actual,  R = (...) / possible
 *   F1 = 2PR / (P + R); 0 wherever a denominator is 0.
 * (nervaluate 1.1.0 itself drops the half credit once it sums two sentences.)
 */
import type { ChunkList } from './chunks.js';
import { compareCodePoints } from './order.js';
import { prf } from './prf.js';

export const NER_SCHEMES = ['strict', 'exact', 'partial', 'ent_type'] as const;
export type NerScheme = (typeof NER_SCHEMES)[number];

export interface NerScores {
  correct: number;
  incorrect: number;
  partial: number;
  missed: number;
  spurious: number;
  possible: number;
  actual: number;
  precision: number;
  recall: number;
  f1: number;
}

export type NerSchemes = Record<NerScheme, NerScores>;

export interface NervaluateResult {
  overall: NerSchemes;
  entities: Record<string, NerSchemes>;
}

// counter slots inside a scheme block
const CORRECT = 0;
const INCORRECT = 1;
const PARTIAL = 2;
const MISSED = 3;
const SPURIOUS = 4;
// scheme blocks (in NER_SCHEMES order)
const S_STRICT = 0;
const S_EXACT = 1;
const S_PARTIAL = 2;
const S_ENT = 3;
const BLOCK = 20;

/** nervaluate's `_has_sufficient_overlap` with min_overlap_percentage = 1.0 (ends exclusive here). */
function sufficientOverlap(ps: number, pe: number, gs: number, ge: number): boolean {
  if (ps >= ge || pe <= gs) return false;
  const overlap = Math.min(pe, ge) - Math.max(ps, gs);
  return (overlap / (ge - gs)) * 100.0 >= 1.0;
}

function identical(g: ChunkList, p: ChunkList): boolean {
  if (g.n !== p.n) return false;
  for (let i = 0; i < g.n; i++) if (g.start[i] !== p.start[i] || g.end[i] !== p.end[i] || g.type[i] !== p.type[i]) return false;
  return true;
}

/** Entity lists as index views into a ChunkList (all of it, or one type). */
class View {
  idx = new Int32Array(64);
  n = 0;
  set(c: ChunkList, type: number): void {
    if (this.idx.length < c.n) this.idx = new Int32Array(c.n * 2);
    this.n = 0;
    for (let i = 0; i < c.n; i++) if (type < 0 || c.type[i] === type) this.idx[this.n++] = i;
  }
}

export class NervaluateAccumulator {
  /** Block 0 = overall, block t + 1 = type id t; inside, 4 schemes × 5 counters. */
  private readonly c: Int32Array;
  private readonly seen: Uint8Array;
  private readonly inSentence: Uint8Array;
  private readonly typesHere: Int32Array;
  /** Matched flags of gold entities per strategy (4 rows of `stride`). */
  private matched = new Uint8Array(4 * 64);
  private stride = 64;
  private readonly gv = new View();
  private readonly pv = new View();

  /** `shortcut`: per-type counts from the overall run where that is exact (false: always one run per type). */
  constructor(
    private readonly nTypes: number,
    private readonly shortcut = true,
  ) {
    this.c = new Int32Array((nTypes + 1) * BLOCK);
    this.seen = new Uint8Array(nTypes);
    this.inSentence = new Uint8Array(nTypes);
    this.typesHere = new Int32Array(nTypes);
    this.involved = new Uint8Array(nTypes);
  }

  /** Per type of the current sentence: an entity of it overlaps one of another type (then it gets its own run). */
  private readonly involved: Uint8Array;

  /** Counts one sentence's gold and predicted chunks (each sorted by start, non-overlapping). */
  addSentence(g: ChunkList, p: ChunkList): void {
    if (g.n === 0 && p.n === 0) return;
    if (this.stride < g.n) {
      this.stride = g.n * 2;
      this.matched = new Uint8Array(4 * this.stride);
    }
    const c = this.c;
    if (identical(g, p)) {
      // every strategy finds every entity correct: only the counts are needed
      for (let i = 0; i < g.n; i++) {
        const t = g.type[i];
        this.seen[t] = 1;
        const b = (t + 1) * BLOCK;
        for (let sc = 0; sc < 4; sc++) {
          c[sc * 5 + CORRECT]++;
          c[b + sc * 5 + CORRECT]++;
        }
      }
      return;
    }
    // A type none of whose entities overlaps an entity of another type
    // meets, in the overall run, exactly the entities its own run would
    // (only overlapping gold entities can match a prediction), in the same
    // order: its counts are its share of the overall run. The others
    // ("involved") get their own run.
    const inv = this.involved;
    const here = this.inSentence;
    let nt = 0;
    for (let i = 0; i < g.n + p.n; i++) {
      const t = i < g.n ? g.type[i] : p.type[i - g.n];
      if (here[t] === 0) {
        here[t] = 1;
        this.seen[t] = 1;
        inv[t] = this.shortcut ? 0 : 1;
        this.typesHere[nt++] = t;
      }
    }
    for (let i = 0; this.shortcut && i < g.n; i++) {
      const gs = g.start[i];
      const ge = g.end[i];
      const gt = g.type[i];
      for (let j = 0; j < p.n; j++) {
        if (p.start[j] >= ge) break;
        if (p.end[j] > gs && p.type[j] !== gt) {
          inv[gt] = 1;
          inv[p.type[j]] = 1;
        }
      }
    }
    this.gv.set(g, -1);
    this.pv.set(p, -1);
    this.run(g, p, 0, true);
    for (let k = 0; k < nt; k++) {
      const t = this.typesHere[k];
      here[t] = 0;
      if (inv[t] === 1) {
        this.gv.set(g, t);
        this.pv.set(p, t);
        this.run(g, p, (t + 1) * BLOCK, false);
      }
    }
  }

  /**
   * The four strategies over the current views, adding to the block at
   * `base`; with `attribute`, also each outcome to the block of its type
   * (the prediction's; a miss, the gold entity's) unless that type is
   * involved.
   */
  private run(g: ChunkList, p: ChunkList, base: number, attribute: boolean): void {
    const c = this.c;
    const inv = this.involved;
    const gi = this.gv.idx;
    const gn = this.gv.n;
    const pi = this.pv.idx;
    const pn = this.pv.n;
    const mt = this.matched;
    const st = this.stride;
    // only the first gn flags of each strategy row are used (a loop: TypedArray.fill is a slow builtin call for so few)
    for (let r = 0; r < 4 * st; r += st) for (let j = 0; j < gn; j++) mt[r + j] = 0;
    let j0 = 0;
    for (let k = 0; k < pn; k++) {
      const q = pi[k];
      const ps = p.start[q];
      const pe = p.end[q];
      const pt = p.type[q];
      const tb = attribute && inv[pt] === 0 ? (pt + 1) * BLOCK : -1;
      // gold entities ending before this prediction overlap neither it nor any later one
      while (j0 < gn && g.end[gi[j0]] <= ps) j0++;
      for (let strategy = 0; strategy < 4; strategy++) {
        const row = strategy * st;
        let hit = -1; // correct match
        let other = -1; // first overlapping (incorrect / partial)
        for (let j = j0; j < gn; j++) {
          const r = gi[j];
          const gs = g.start[r];
          if (gs >= pe) break;
          if (mt[row + j] === 1) continue;
          const ge = g.end[r];
          const overlaps = sufficientOverlap(ps, pe, gs, ge);
          if (strategy === S_ENT) {
            // the first overlapping gold entity decides
            if (overlaps) {
              if (g.type[r] === pt) hit = j;
              else other = j;
              break;
            }
            continue;
          }
          const sameSpan = gs === ps && ge === pe;
          if (strategy === S_PARTIAL && !overlaps) continue;
          if (sameSpan && (strategy !== S_STRICT || g.type[r] === pt)) {
            hit = j;
            break;
          }
          if (other < 0 && overlaps) other = j;
        }
        let slot = strategy * 5;
        if (hit >= 0) {
          slot += CORRECT;
          mt[row + hit] = 1;
        } else if (other >= 0) {
          slot += strategy === S_PARTIAL ? PARTIAL : INCORRECT;
          mt[row + other] = 1;
        } else {
          slot += SPURIOUS;
        }
        c[base + slot]++;
        if (tb >= 0) c[tb + slot]++;
      }
    }
    for (let j = 0; j < gn; j++) {
      const gt = g.type[gi[j]];
      const tb = attribute && inv[gt] === 0 ? (gt + 1) * BLOCK : -1;
      for (let strategy = 0; strategy < 4; strategy++) {
        if (mt[strategy * st + j] === 0) {
          c[base + strategy * 5 + MISSED]++;
          if (tb >= 0) c[tb + strategy * 5 + MISSED]++;
        }
      }
    }
  }

  /** Raw counters by type name (20 numbers: 4 schemes × correct, incorrect, partial, missed, spurious); mergeable by addition. */
  raw(types: readonly string[]): NervaluateRaw {
    const out: NervaluateRaw = { overall: Array.from(this.c.subarray(0, BLOCK)), types: {} };
    for (let t = 0; t < this.nTypes; t++) {
      if (this.seen[t] === 1) out.types[types[t]] = Array.from(this.c.subarray((t + 1) * BLOCK, (t + 2) * BLOCK));
    }
    return out;
  }
}

export interface NervaluateRaw {
  overall: number[];
  types: Record<string, number[]>;
}

export function mergeNervaluateRaw(parts: readonly NervaluateRaw[]): NervaluateRaw {
  const add = (a: number[] | undefined, b: number[]) => (a === undefined ? [...b] : a.map((x, i) => x + b[i]));
  const out: NervaluateRaw = { overall: Array(BLOCK).fill(0), types: {} };
  for (const p of parts) {
    out.overall = add(out.overall, p.overall);
    for (const [t, v] of Object.entries(p.types)) out.types[t] = add(out.types[t], v);
  }
  return out;
}

/** Scores from raw counters; types in code point order. */
export function nervaluateResult(raw: NervaluateRaw): NervaluateResult {
  const block = (c: number[]): NerSchemes => ({
    strict: scores(c, S_STRICT * 5, false),
    exact: scores(c, S_EXACT * 5, false),
    partial: scores(c, S_PARTIAL * 5, true),
    ent_type: scores(c, S_ENT * 5, true),
  });
  const entities: Record<string, NerSchemes> = {};
  for (const t of Object.keys(raw.types).sort(compareCodePoints)) entities[t] = block(raw.types[t]);
  return { overall: block(raw.overall), entities };
}

export function nerScores(correct: number, incorrect: number, partial: number, missed: number, spurious: number, halfCredit: boolean): NerScores {
  const possible = correct + incorrect + partial + missed;
  const actual = correct + incorrect + partial + spurious;
  const credit = halfCredit ? correct + 0.5 * partial : correct;
  const { precision, recall, f1 } = prf({ gold: possible, system: actual, correct: credit });
  return { correct, incorrect, partial, missed, spurious, possible, actual, precision, recall, f1 };
}

function scores(c: ArrayLike<number>, o: number, half: boolean): NerScores {
  return nerScores(c[o + CORRECT], c[o + INCORRECT], c[o + PARTIAL], c[o + MISSED], c[o + SPURIOUS], half);
}
