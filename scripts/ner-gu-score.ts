/** Scores an annotator on gold documents as `gujnlp evaluate` does: IOB2 token tags (expand), seqeval default mode. */
import { entitiesToTags } from '../src/align/index.js';
import type { Annotator } from '../src/annotate/annotator.js';
import type { Document } from '../src/doc/types.js';
import { evaluateTags } from '../src/eval/evaluate.js';

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}
export interface Score extends Prf {
  perType: Record<string, Prf>;
}

export async function predict(annotator: Annotator, docs: readonly Document[]): Promise<Document[]> {
  const out: Document[] = [];
  for (const d of docs) out.push({ ...d, entities: await annotator.annotate(d) });
  return out;
}

export function scoreDocs(gold: readonly Document[], pred: readonly Document[], ignore: string[] = []): Score {
  const tags = (docs: readonly Document[]) => docs.flatMap((d) => entitiesToTags(d, { scheme: 'IOB2', align: 'expand' }).tags);
  const r = evaluateTags(tags(gold), tags(pred), { mode: 'default', ignore }).report.seqeval.default;
  const prf = (v: (typeof r)[string]): Prf => ({ precision: v.precision ?? 0, recall: v.recall ?? 0, f1: v['f1-score'] ?? 0, support: v.support });
  const perType: Record<string, Prf> = {};
  for (const [k, v] of Object.entries(r)) if (!k.endsWith(' avg')) perType[k] = prf(v);
  return { ...prf(r['micro avg']), perType };
}

export async function score(annotator: Annotator, gold: readonly Document[], ignore: string[] = []): Promise<Score> {
  return scoreDocs(gold, await predict(annotator, gold), ignore);
}

export function formatScore(s: Score): string {
  const f = (x: number) => x.toFixed(3);
  const types = Object.entries(s.perType)
    .map(([k, v]) => `${k} ${f(v.f1)} (P ${f(v.precision)} R ${f(v.recall)} n ${v.support})`)
    .join('; ');
  return `F1 ${f(s.f1)} P ${f(s.precision)} R ${f(s.recall)} n ${s.support} | ${types}`;
}
