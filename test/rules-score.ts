/**
 * Scores the rules annotator on an annotation file: predictions replace the
 * entities of each document, both sides become IOB2 token tags (expand
 * alignment, as the token-level exports), and C's evaluator gives seqeval
 * default-mode figures. Shared by the tests and a debugging run:
 *   node --import tsx test/rules-score.ts FILE [--misses]
 */
import { readAnnotations } from '../src/formats/index.js';
import { entitiesToTags } from '../src/align/index.js';
import { evaluateTags } from '../src/eval/evaluate.js';
import type { Annotator } from '../src/annotate/annotator.js';
import type { Document } from '../src/doc/types.js';

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  perType: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  gold: string[][];
  pred: string[][];
  docs: Document[];
}

export async function scoreFile(file: string, annotator: Annotator, ignore: string[] = ['MISC']): Promise<Score> {
  const docs = readAnnotations(file);
  const gold: string[][] = [];
  const pred: string[][] = [];
  for (const doc of docs) {
    gold.push(...entitiesToTags(doc, { scheme: 'IOB2', align: 'expand' }).tags);
    const p = { ...doc, entities: await annotator.annotate(doc) };
    pred.push(...entitiesToTags(p, { scheme: 'IOB2', align: 'expand' }).tags);
  }
  const ev = evaluateTags(gold, pred, { mode: 'default', ignore });
  const r = ev.report.seqeval.default;
  const perType: Score['perType'] = {};
  for (const [k, v] of Object.entries(r)) {
    if (k.endsWith(' avg')) continue;
    perType[k] = { precision: v.precision ?? 0, recall: v.recall ?? 0, f1: v['f1-score'] ?? 0, support: v.support };
  }
  const m = r['micro avg'];
  return { precision: m.precision ?? 0, recall: m.recall ?? 0, f1: m['f1-score'] ?? 0, perType, gold, pred, docs };
}

/** Sentences where gold and prediction differ, as `token/gold/pred` lines. */
export function misses(s: Score): string[] {
  const out: string[] = [];
  let si = 0;
  for (const doc of s.docs) {
    const ranges = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
    for (const sent of ranges) {
      const toks = doc.tokens.filter((t) => t.start >= sent.start && t.end <= sent.end);
      const g = s.gold[si];
      const p = s.pred[si];
      si++;
      if (!g || !p || g.join() === p.join()) continue;
      out.push(toks.map((t, i) => (g[i] === 'O' && p[i] === 'O' ? t.text : `[${t.text} ${g[i]}|${p[i]}]`)).join(' '));
    }
  }
  return out;
}

if (process.argv[1]?.endsWith('rules-score.ts')) {
  const { RulesAnnotator } = await import('../src/annotate/rules.js');
  const s = await scoreFile(process.argv[2], new RulesAnnotator());
  console.log(`P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`, JSON.stringify(s.perType));
  if (process.argv.includes('--misses')) for (const m of misses(s)) console.log(m);
}
