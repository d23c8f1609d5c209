/**
 * seqeval 1.2.2's `classification_report(..., output_dict=True,
 * zero_division=0)` from entity counts per type. The arithmetic follows
 * seqeval/sklearn: per-type P = tp/pred, R = tp/true (0 when the
 * denominator is 0), F1 = 2PR/(P+R) (0 when P+R = 0); micro from summed
 * counts; macro = unweighted mean over types (NaN, written null, when there
 * are no types); weighted = mean weighted by support (all 0 when the gold
 * has no entities). Types sorted by code point, as Python's sorted().
 */
import { compareCodePoints } from './order.js';
import { prf } from './prf.js';

export interface SeqevalRow {
  precision: number | null;
  recall: number | null;
  'f1-score': number | null;
  support: number;
}

/** Types, then 'micro avg', 'macro avg', 'weighted avg'. */
export type SeqevalReport = Record<string, SeqevalRow>;

export interface TypeCounts {
  tp: number;
  pred: number;
  gold: number;
}

function prfRow(tp: number, pred: number, gold: number): [number, number, number] {
  const s = prf({ gold, system: pred, correct: tp });
  return [s.precision, s.recall, s.f1];
}

export function seqevalReport(counts: ReadonlyMap<string, TypeCounts>): SeqevalReport {
  const names = [...counts.keys()].sort(compareCodePoints);
  const out: SeqevalReport = {};
  const ps: number[] = [];
  const rs: number[] = [];
  const fs: number[] = [];
  const supports: number[] = [];
  let tpSum = 0;
  let predSum = 0;
  let goldSum = 0;
  for (const name of names) {
    const c = counts.get(name)!;
    const [p, r, f] = prfRow(c.tp, c.pred, c.gold);
    out[name] = { precision: p, recall: r, 'f1-score': f, support: c.gold };
    ps.push(p);
    rs.push(r);
    fs.push(f);
    supports.push(c.gold);
    tpSum += c.tp;
    predSum += c.pred;
    goldSum += c.gold;
  }
  const [mp, mr, mf] = prfRow(tpSum, predSum, goldSum);
  out['micro avg'] = { precision: mp, recall: mr, 'f1-score': mf, support: goldSum };
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  out['macro avg'] = { precision: mean(ps), recall: mean(rs), 'f1-score': mean(fs), support: goldSum };
  if (goldSum === 0) {
    // sklearn: zero_division value (0) for everything when there are no true entities
    out['weighted avg'] = { precision: 0, recall: 0, 'f1-score': 0, support: goldSum };
  } else {
    const wmean = (xs: number[]) => xs.reduce((a, x, i) => a + x * supports[i], 0) / goldSum;
    out['weighted avg'] = { precision: wmean(ps), recall: wmean(rs), 'f1-score': wmean(fs), support: goldSum };
  }
  return out;
}
