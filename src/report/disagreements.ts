import type { Entity } from '../doc/types.js';

/**
 * How each gold and each predicted entity of one document fares, for the
 * annotator's view of the report: exact hits, misses, false alarms, wrong
 * types and wrong boundaries.
 */
export type GoldStatus = 'hit' | 'miss' | 'wrong-type' | 'boundary';
export type PredStatus = 'hit' | 'false-alarm' | 'wrong-type' | 'boundary';

export interface Disagreement {
  kind: 'miss' | 'false-alarm' | 'wrong-type' | 'boundary';
  gold: Entity | null;
  pred: Entity | null;
}

export interface EntityMatch {
  gold: GoldStatus[];
  pred: PredStatus[];
  disagreements: Disagreement[];
}

const overlaps = (a: Entity, b: Entity): boolean => a.start < b.end && b.start < a.end;
const sameSpan = (a: Entity, b: Entity): boolean => a.start === b.start && a.end === b.end;

/**
 * Classifies entities: a prediction with the gold's span and label is a hit;
 * same span, other label is a wrong type; overlapping a gold entity of the
 * same label with other boundaries is a boundary error; anything else is a
 * false alarm. A gold entity no prediction touches is a miss.
 */
export function matchEntities(gold: Entity[], pred: Entity[]): EntityMatch {
  const goldStatus: GoldStatus[] = gold.map(() => 'miss');
  const predStatus: PredStatus[] = pred.map(() => 'false-alarm');
  const disagreements: Disagreement[] = [];
  pred.forEach((p, j) => {
    const exact = gold.findIndex((g) => sameSpan(g, p));
    if (exact !== -1) {
      const g = gold[exact];
      if (g.label === p.label) {
        predStatus[j] = 'hit';
        goldStatus[exact] = 'hit';
      } else {
        predStatus[j] = 'wrong-type';
        if (goldStatus[exact] === 'miss') goldStatus[exact] = 'wrong-type';
        disagreements.push({ kind: 'wrong-type', gold: g, pred: p });
      }
      return;
    }
    const near = gold.findIndex((g) => overlaps(g, p) && g.label === p.label);
    if (near !== -1) {
      predStatus[j] = 'boundary';
      if (goldStatus[near] === 'miss') goldStatus[near] = 'boundary';
      disagreements.push({ kind: 'boundary', gold: gold[near], pred: p });
      return;
    }
    disagreements.push({ kind: 'false-alarm', gold: null, pred: p });
  });
  gold.forEach((g, i) => {
    if (goldStatus[i] === 'miss') disagreements.push({ kind: 'miss', gold: g, pred: null });
  });
  const at = (d: Disagreement): number => (d.gold ?? d.pred)!.start;
  disagreements.sort((a, b) => at(a) - at(b));
  return { gold: goldStatus, pred: predStatus, disagreements };
}
