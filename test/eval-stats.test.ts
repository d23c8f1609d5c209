import test from 'ava';
import { bootstrapCompare, pairedBootstrap, percentile, sentenceCounts } from '../src/eval/bootstrap.js';
import { mulberry32 } from '../src/util/random.js';
import { agreement, cohenKappa } from '../src/eval/agreement.js';
import { encodeSequences } from '../src/eval/corpus.js';
import { mapTag, parseMapOptions } from '../src/eval/mapping.js';
import { evaluateTags } from '../src/eval/evaluate.js';

/** n sentences of "B-PER O B-LOC I-LOC O"; `miss` of them lose the LOC in the prediction. */
function data(n: number, missEvery: number): { gold: string[][]; pred: string[][] } {
  const gold: string[][] = [];
  const pred: string[][] = [];
  for (let i = 0; i < n; i++) {
    gold.push(['B-PER', 'O', 'B-LOC', 'I-LOC', 'O']);
    pred.push(missEvery > 0 && i % missEvery === 0 ? ['B-PER', 'O', 'O', 'O', 'O'] : ['B-PER', 'O', 'B-LOC', 'I-LOC', 'O']);
  }
  return { gold, pred };
}

test('mulberry32 is deterministic per seed', (t) => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  const xs = Array.from({ length: 5 }, () => a());
  t.deepEqual(
    xs,
    Array.from({ length: 5 }, () => b()),
  );
  t.true(xs.every((x) => x >= 0 && x < 1));
  t.notDeepEqual(xs, Array.from({ length: 5 }, mulberry32(8)));
});

test('percentile interpolates like numpy', (t) => {
  t.is(percentile([1, 2, 3, 4], 0.5), 2.5);
  t.is(percentile([1, 2, 3, 4], 0), 1);
  t.is(percentile([1, 2, 3, 4], 1), 4);
});

test('sentence counts sum to the seqeval micro counts', (t) => {
  const { gold, pred } = data(10, 3);
  const c = sentenceCounts(encodeSequences(gold, pred));
  const tp = c.tp.reduce((a, b) => a + b, 0);
  const pr = c.pred.reduce((a, b) => a + b, 0);
  const micro = evaluateTags(gold, pred).report.seqeval.default['micro avg'];
  t.is<number | null, number | null>(tp / pr, micro.precision);
  t.is(
    c.gold.reduce((a, b) => a + b, 0),
    micro.support,
  );
});

test('bootstrap: same seed same result; CI holds the full-data F1; a clearly better system gets a small p', (t) => {
  const perfect = data(200, 0);
  const weak = data(200, 2);
  const lb1 = bootstrapCompare(perfect.gold, { perfect: perfect.pred, weak: weak.pred }, { seed: 1, samples: 500 });
  const lb2 = bootstrapCompare(perfect.gold, { perfect: perfect.pred, weak: weak.pred }, { seed: 1, samples: 500 });
  t.deepEqual(lb1, lb2);
  t.is(lb1.best, 'perfect');
  const weakRow = lb1.rows.find((r) => r.name === 'weak')!;
  t.true(weakRow.ci[0] <= weakRow.f1 && weakRow.f1 <= weakRow.ci[1]);
  t.true(weakRow.ci[0] < weakRow.ci[1]);
  t.true(weakRow.pValue! < 0.01, `p = ${weakRow.pValue}`);
  t.deepEqual(lb1.rows[0].perType, { LOC: 1, PER: 1 });
});

test('bootstrap: nearly equal systems get a large p', (t) => {
  const a = data(200, 10);
  const b = data(200, 11);
  const lb = bootstrapCompare(a.gold, { a: a.pred, b: b.pred }, { seed: 3, samples: 1000 });
  const other = lb.rows[1];
  t.true(other.pValue! > 0.05, `p = ${other.pValue}`);
});

test('pairedBootstrap on identical systems reports no winner', (t) => {
  const { gold, pred } = data(20, 4);
  const c = sentenceCounts(encodeSequences(gold, pred));
  const r = pairedBootstrap(['x', 'y'], [c, c], { samples: 100 });
  t.is(r.pValue[0][1], null);
  t.is(r.pValue[1][0], null);
});

test('Cohen kappa: textbook example', (t) => {
  // 2x2: both yes 20, A yes B no 5, A no B yes 10, both no 15 → po 0.7, pe 0.5, kappa 0.4
  const r = cohenKappa(Float64Array.from([20, 5, 10, 15]), 2);
  t.true(Math.abs(r.observed - 0.7) < 1e-12);
  t.true(Math.abs(r.kappa - 0.4) < 1e-12);
});

test('agreement: identical annotations agree fully; entity F1 per type', (t) => {
  const a = [['B-PER', 'I-PER', 'O', 'B-LOC']];
  t.is(agreement(a, a).kappa, 1);
  const r = agreement(a, [['B-PER', 'I-PER', 'O', 'B-ORG']]);
  t.is(r.entities.types.PER.f1, 1);
  t.is(r.entities.types.LOC.f1, 0);
  t.is(r.entities.overall.f1, 0.5);
  t.is(r.observed, 0.75);
  t.true(r.kappa < 1 && r.kappa > 0);
});

test('label mapping: FROM=TO parsing, ignore to O, prefixes kept', (t) => {
  t.deepEqual(parseMapOptions(['GPE=LOC', 'NORP=MISC']), { GPE: 'LOC', NORP: 'MISC' });
  t.throws(() => parseMapOptions(['GPE']), { message: /FROM=TO/ });
  t.is(mapTag('I-GPE', { map: { GPE: 'LOC' } }), 'I-LOC');
  t.is(mapTag('B-MISC', { ignore: ['MISC'] }), 'O');
  t.is(mapTag('O', { ignore: ['MISC'] }), 'O');
  t.is(mapTag('B-PER', { map: { GPE: 'LOC' } }), 'B-PER');
});

test('evaluateTags: shape mismatch errors name the sentence', (t) => {
  t.throws(() => evaluateTags([['O', 'O']], [['O']]), { message: /sentence 1: gold has 2 tokens but the prediction has 1/ });
  t.throws(() => evaluateTags([['O']], []), { message: /1 sentences but the prediction has 0/ });
});

test('seqeval edge cases: no entities at all gives zeros and a null macro average', (t) => {
  const r = evaluateTags([['O', 'O']], [['O', 'O']]).report.seqeval.default;
  t.deepEqual(r['micro avg'], { precision: 0, recall: 0, 'f1-score': 0, support: 0 });
  t.deepEqual(r['macro avg'], { precision: null, recall: null, 'f1-score': null, support: 0 });
  t.deepEqual(r['weighted avg'], { precision: 0, recall: 0, 'f1-score': 0, support: 0 });
});
