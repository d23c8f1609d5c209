/**
 * Token-level figures: accuracy (gold tag string = predicted tag string)
 * and a confusion matrix of entity types, prefixes ignored, `O` included.
 */
import { PO, type TagIds } from '../tags/decode.js';
import type { TagInfo } from '../tags/decode.js';
import { compareCodePoints } from './order.js';

/** confusion[goldLabel][predLabel] = tokens; every label of either side appears as row and column. */
export type Confusion = Record<string, Record<string, number>>;

export class TokenAccumulator {
  private readonly label: Int32Array;
  private readonly labels: string[];
  private readonly counts: Int32Array;
  tokens = 0;
  correct = 0;

  constructor(info: TagInfo) {
    // label 0 = O, label t (t >= 1) = types[t]
    this.labels = ['O', ...info.types.slice(1)];
    this.label = new Int32Array(info.prefix.length);
    for (let id = 0; id < info.prefix.length; id++) this.label[id] = info.prefix[id] === PO ? 0 : info.type[id] === 0 ? this.bareLabel() : info.type[id];
    const n = this.labels.length;
    this.counts = new Int32Array(n * n);
  }

  /** Bare prefixes (`B` without a type) get the label `_`, kept apart from O. */
  private bare = -1;
  private bareLabel(): number {
    if (this.bare < 0) {
      this.bare = this.labels.length;
      this.labels.push('_');
    }
    return this.bare;
  }

  /** Adds tokens [from, to) of the corpus arrays. */
  addRange(gold: TagIds, pred: TagIds, from: number, to: number): void {
    const n = this.labels.length;
    const label = this.label;
    const counts = this.counts;
    let correct = 0;
    for (let i = from; i < to; i++) {
      const g = gold[i];
      const p = pred[i];
      if (g === p) correct++;
      counts[label[g] * n + label[p]]++;
    }
    this.correct += correct;
    this.tokens += to - from;
  }

  /** Adds token counts by tag pair: `pairs[g * k + p]` = tokens with gold tag id g, predicted p. */
  addPairs(pairs: Int32Array, k: number): void {
    const n = this.labels.length;
    let tokens = 0;
    let correct = 0;
    for (let g = 0; g < k; g++) {
      for (let p = 0; p < k; p++) {
        const x = pairs[g * k + p];
        if (x === 0) continue;
        tokens += x;
        if (g === p) correct += x;
        this.counts[this.label[g] * n + this.label[p]] += x;
      }
    }
    this.tokens += tokens;
    this.correct += correct;
  }

  accuracy(): number {
    return this.tokens > 0 ? this.correct / this.tokens : 0;
  }

  /** Raw counts by label name (non-zero cells only); mergeable by addition. */
  raw(): TokenRaw {
    const n = this.labels.length;
    const cells: Record<string, Record<string, number>> = {};
    for (let g = 0; g < n; g++) {
      for (let p = 0; p < n; p++) {
        const x = this.counts[g * n + p];
        if (x > 0) (cells[this.labels[g]] ??= {})[this.labels[p]] = x;
      }
    }
    return { tokens: this.tokens, correct: this.correct, cells };
  }

  /** Types in code point order, then O. */
  confusion(): Confusion {
    return confusionOf(this.raw());
  }
}

export interface TokenRaw {
  tokens: number;
  correct: number;
  cells: Record<string, Record<string, number>>;
}

export function mergeTokenRaw(parts: readonly TokenRaw[]): TokenRaw {
  const out: TokenRaw = { tokens: 0, correct: 0, cells: {} };
  for (const p of parts) {
    out.tokens += p.tokens;
    out.correct += p.correct;
    for (const [g, row] of Object.entries(p.cells)) {
      const o = (out.cells[g] ??= {});
      for (const [q, x] of Object.entries(row)) o[q] = (o[q] ?? 0) + x;
    }
  }
  return out;
}

/** The full matrix: every label used on either side as row and column, types in code point order, then O. */
export function confusionOf(r: TokenRaw): Confusion {
  const used = new Set<string>();
  for (const [g, row] of Object.entries(r.cells)) {
    used.add(g);
    for (const q of Object.keys(row)) used.add(q);
  }
  used.delete('O');
  const labels = [...used].sort(compareCodePoints);
  labels.push('O');
  const out: Confusion = {};
  for (const g of labels) {
    const row: Record<string, number> = {};
    for (const q of labels) row[q] = r.cells[g]?.[q] ?? 0;
    out[g] = row;
  }
  return out;
}
