/**
 * Token-level figures: accuracy (gold tag string = predicted tag string)
 * and a confusion matrix of entity types, prefixes ignored, `O` included.
 */
import { PO } from '../tags/decode.js';
import type { TagInfo } from './corpus.js';
import { compareCodePoints } from './order.js';

/** confusion[goldLabel][predLabel] = tokens; every label of either side appears as row and column. */
export type Confusion = Record<string, Record<string, number>>;

export class TokenAccumulator {
  private readonly label: Int32Array;
  private readonly labels: string[];
  private readonly counts: Float64Array;
  private readonly used: Uint8Array;
  tokens = 0;
  correct = 0;

  constructor(info: TagInfo) {
    // label 0 = O, label t (t >= 1) = types[t]
    this.labels = ['O', ...info.types.slice(1)];
    this.label = new Int32Array(info.prefix.length);
    for (let id = 0; id < info.prefix.length; id++) this.label[id] = info.prefix[id] === PO ? 0 : info.type[id] === 0 ? this.bareLabel() : info.type[id];
    const n = this.labels.length;
    this.counts = new Float64Array(n * n);
    this.used = new Uint8Array(n);
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
  addRange(gold: Int32Array, pred: Int32Array, from: number, to: number): void {
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

  accuracy(): number {
    return this.tokens > 0 ? this.correct / this.tokens : 0;
  }

  /** Types in code point order, then O. */
  confusion(): Confusion {
    const n = this.labels.length;
    for (let g = 0; g < n; g++) for (let p = 0; p < n; p++) if (this.counts[g * n + p] > 0) this.used[g] = this.used[p] = 1;
    const ids = [...this.labels.keys()].filter((i) => i !== 0 && this.used[i] === 1);
    ids.sort((a, b) => compareCodePoints(this.labels[a], this.labels[b]));
    ids.push(0);
    const out: Confusion = {};
    for (const g of ids) {
      const row: Record<string, number> = {};
      for (const p of ids) row[this.labels[p]] = this.counts[g * n + p];
      out[this.labels[g]] = row;
    }
    return out;
  }
}
