/**
 * Character-span evaluation of standoff documents (no tokens needed):
 *
 * - `exact`: a prediction is correct when a gold entity has the same
 *   start, end and label.
 * - `overlap`: a prediction is correct when it overlaps a gold entity of
 *   the same label that no earlier prediction has claimed (one-to-one,
 *   predictions taken in order of start, each taking the first such gold
 *   entity).
 *
 * P = correct / predicted, R = correct / gold, F1 = 2PR/(P+R), 0 where a
 * denominator is 0; per label and micro over all.
 *
 * `ignoreUnannotated`: for partially annotated gold. A prediction is left
 * out (neither correct nor spurious) when it does not overlap any annotated
 * region of the gold document. Annotated regions are `doc.meta.annotated`
 * when the gold gives it (an array of {start, end} in code points, like the
 * rest of the file format), otherwise the gold sentences that hold at least
 * one gold entity (a document without sentences counts as one region
 * when it has an entity). Gold entities always count.
 */
import type { Document, Entity, Span } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { InputError } from '../io/errors.js';
import { pairDocuments } from './documents.js';
import { prf, type PRF } from './prf.js';
import { compareCodePoints } from './order.js';

export type SpanMatch = 'exact' | 'overlap';

export interface SpanEvalOptions {
  match?: SpanMatch;
  ignoreUnannotated?: boolean;
}

export interface SpanReport {
  match: SpanMatch;
  overall: PRF;
  types: Record<string, PRF>;
  /** Predictions left out by ignoreUnannotated. */
  ignored: number;
}

/** The regions of a gold document that were annotated (UTF-16 spans). */
export function annotatedRegions(doc: Document): Span[] {
  const given = doc.meta?.annotated;
  if (given !== undefined) {
    if (!Array.isArray(given)) throw new InputError(`document ${doc.id}: meta.annotated must be an array of {start, end}`);
    const map = new OffsetMap(doc.text);
    return given.map((r: unknown) => {
      const s = r as { start?: unknown; end?: unknown };
      if (typeof s.start !== 'number' || typeof s.end !== 'number') throw new InputError(`document ${doc.id}: meta.annotated entries need numeric start and end`);
      return map.spanToUtf16({ start: s.start, end: s.end });
    });
  }
  const sentences = doc.sentences.length > 0 ? doc.sentences : [{ start: 0, end: doc.text.length }];
  return sentences.filter((s) => doc.entities.some((e) => e.start < s.end && e.end > s.start)).map((s) => ({ start: s.start, end: s.end }));
}

const byStart = (a: Entity, b: Entity) => a.start - b.start || a.end - b.end;

export function evaluateSpans(gold: readonly Document[], pred: readonly Document[], opts: SpanEvalOptions = {}): SpanReport {
  const match = opts.match ?? 'exact';
  const counts = new Map<string, { gold: number; pred: number; correct: number }>();
  const at = (label: string) => {
    let c = counts.get(label);
    if (c === undefined) counts.set(label, (c = { gold: 0, pred: 0, correct: 0 }));
    return c;
  };
  let ignored = 0;
  for (const [g, p] of pairDocuments(gold, pred)) {
    if (g.text !== p.text) throw new InputError(`document ${g.id}: gold and prediction texts differ`);
    const regions = opts.ignoreUnannotated ? annotatedRegions(g) : null;
    const golds = [...g.entities].sort(byStart);
    for (const e of golds) at(e.label).gold++;
    const claimed = new Uint8Array(golds.length);
    for (const e of [...p.entities].sort(byStart)) {
      if (regions !== null && !regions.some((r) => e.start < r.end && e.end > r.start) && !golds.some((x) => x.start < e.end && x.end > e.start)) {
        ignored++;
        continue;
      }
      const c = at(e.label);
      c.pred++;
      for (let i = 0; i < golds.length; i++) {
        const x = golds[i];
        if (x.start >= e.end) break;
        if (claimed[i] === 1 || x.label !== e.label) continue;
        const ok = match === 'exact' ? x.start === e.start && x.end === e.end : x.start < e.end && x.end > e.start;
        if (ok) {
          claimed[i] = 1;
          c.correct++;
          break;
        }
      }
    }
  }
  const types: Record<string, PRF> = {};
  let sg = 0;
  let sp = 0;
  let sc = 0;
  for (const label of [...counts.keys()].sort(compareCodePoints)) {
    const c = counts.get(label)!;
    types[label] = prf({ gold: c.gold, system: c.pred, correct: c.correct });
    sg += c.gold;
    sp += c.pred;
    sc += c.correct;
  }
  return { match, overall: prf({ gold: sg, system: sp, correct: sc }), types, ignored };
}
