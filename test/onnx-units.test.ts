import test from 'ava';
import fc from 'fast-check';
import { planWindows } from '../src/annotate/onnx/windows.js';
import { mapLabels, parseLabelMap, schemeOfLabels, splitLabel } from '../src/annotate/onnx/labels.js';
import { aggregateWord } from '../src/annotate/onnx/aggregate.js';
import { modelMaxLength } from '../src/annotate/onnx/model-folder.js';
import { pieceProbabilities } from '../scripts/tiny-onnx-model.js';
import { decodeTags } from '../src/tags/decode.js';

test('planWindows: one window when everything fits', (t) => {
  t.deepEqual(planWindows([1, 2, 3], 6, 2), { windows: [{ start: 0, end: 3 }], owner: [0, 0, 0] });
});

test('planWindows: overlapping windows, each word owned by the window where it is most central', (t) => {
  // 10 words of one piece, windows of 4 pieces sharing 2
  const plan = planWindows(new Array(10).fill(1), 4, 2);
  t.deepEqual(plan.windows, [
    { start: 0, end: 4 },
    { start: 2, end: 6 },
    { start: 4, end: 8 },
    { start: 6, end: 10 },
  ]);
  // word 3 has 3 pieces of context before it in window 0 but none after; in window 1, one on each side
  t.deepEqual(plan.owner, [0, 0, 0, 1, 1, 2, 2, 3, 3, 3]);
});

test('planWindows: stride 0 gives disjoint windows', (t) => {
  t.deepEqual(planWindows([2, 2, 2, 2, 2], 4, 0).windows, [
    { start: 0, end: 2 },
    { start: 2, end: 4 },
    { start: 4, end: 5 },
  ]);
});

test('planWindows: rejects a stride that would never advance and a word wider than a window', (t) => {
  t.throws(() => planWindows([1, 1], 4, 4), { instanceOf: RangeError });
  t.throws(() => planWindows([1, 5], 4, 1), { instanceOf: RangeError });
});

test('planWindows: properties (cover, capacity, overlap, owner inside its window)', (t) => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 5, max: 20 }), fc.integer({ min: 0, max: 19 }), (pieces, capacity, strideRaw) => {
      const stride = strideRaw % capacity;
      const { windows, owner } = planWindows(pieces, capacity, stride);
      const sum = (a: number, b: number) => pieces.slice(a, b).reduce((x, y) => x + y, 0);
      if (windows[0].start !== 0 || windows[windows.length - 1].end !== pieces.length) return false;
      for (let k = 0; k < windows.length; k++) {
        const w = windows[k];
        if (w.end <= w.start || sum(w.start, w.end) > capacity) return false;
        if (k > 0) {
          const prev = windows[k - 1];
          if (w.start <= prev.start || w.start > prev.end) return false; // advances, leaves no gap
          if (sum(w.start, prev.end) > stride) return false;
          // windows are maximal: the previous one could not take the next word
          if (prev.end < pieces.length && sum(prev.start, prev.end + 1) <= capacity) return false;
        }
      }
      return owner.every((o, i) => windows[o].start <= i && i < windows[o].end);
    }),
  );
  t.pass();
});

test('splitLabel and schemeOfLabels', (t) => {
  t.deepEqual(splitLabel('B-PER'), { prefix: 'B', type: 'PER' });
  t.deepEqual(splitLabel('I_LOC'), { prefix: 'I', type: 'LOC' });
  t.deepEqual(splitLabel('ORG'), { prefix: 'I', type: 'ORG' });
  t.is(splitLabel('O'), null);
  t.is(schemeOfLabels(['O', 'B-PER', 'I-PER']), 'IOB2');
  t.is(schemeOfLabels(['O', 'S-PER', 'E-PER', 'B-PER']), 'IOBES');
  t.is(schemeOfLabels(['O', 'U-PER', 'L-PER']), 'BILOU');
});

test('mapLabels: type and full-label maps, unknown types dropped', (t) => {
  const model = ['O', 'B-GPE', 'I-GPE', 'B-PER', 'B-DATE', 'B-FAC', 'B-ORG', 'NORP'];
  const m = mapLabels(model, ['PER', 'LOC', 'ORG', 'MISC'], { GPE: 'LOC', 'B-FAC': 'B-LOC', 'B-ORG': 'O', NORP: 'MISC' });
  t.deepEqual(
    m.map((x) => [x.tag, x.dropped]),
    [
      ['O', false],
      ['B-LOC', false],
      ['I-LOC', false],
      ['B-PER', false],
      ['O', true],
      ['B-LOC', false],
      ['O', false],
      ['I-MISC', false],
    ],
  );
});

test('parseLabelMap', (t) => {
  t.deepEqual(parseLabelMap(['GPE=LOC, FAC=LOC', 'B-DATE=O']), { GPE: 'LOC', FAC: 'LOC', 'B-DATE': 'O' });
  t.throws(() => parseLabelMap('GPE'), { message: /FROM=TO/ });
  t.throws(() => parseLabelMap('=LOC'));
});

test('aggregateWord: first, max and average differ on a crafted word', (t) => {
  const labels = ['O', 'PER', 'LOC', 'ORG'];
  const rows = [pieceProbabilities({ PER: 0.5, ORG: 0.4, O: 0.1 }, labels, 0.9), pieceProbabilities({ LOC: 0.9, ORG: 0.1 }, labels, 0.9), pieceProbabilities({ ORG: 0.6, O: 0.4 }, labels, 0.9)];
  const logits = new Float32Array(rows.flat().map((p) => Math.log(p)));
  const acc = new Float64Array(4);
  const run = (strategy: 'first' | 'max' | 'average', needProb = true) => ({ ...aggregateWord(logits, 0, 3, 4, strategy, new Uint8Array(4).fill(needProb ? 1 : 0), acc, { id: -1, prob: NaN }) });
  const first = run('first');
  const max = run('max');
  const avg = run('average');
  t.is(labels[first.id], 'PER');
  t.is(labels[max.id], 'LOC');
  t.is(labels[avg.id], 'ORG');
  t.true(Math.abs(first.prob - 0.5) < 1e-3);
  t.true(Math.abs(max.prob - 0.9) < 1e-3);
  t.true(Math.abs(avg.prob - (0.4 + 0.1 + 0.6) / 3) < 1e-3);
  t.true(Number.isNaN(run('first', false).prob), 'no probability computed when not needed');
  t.is(aggregateWord(logits, 1, 1, 4, 'average', new Uint8Array(4).fill(1), acc, { id: -1, prob: 0 }).id, 2, 'one piece: its own label');
});

test('modelMaxLength: smaller of tokenizer and position limits, RoBERTa offset, HF "unset" ignored', (t) => {
  t.is(modelMaxLength({ max_position_embeddings: 512, model_type: 'bert' }, { model_max_length: 128 }), 128);
  t.is(modelMaxLength({ max_position_embeddings: 514, model_type: 'xlm-roberta' }, { model_max_length: 1e30 }), 512);
  t.is(modelMaxLength({}, {}), 512);
});

test("joining sentences with an O does not change tags/decode.ts's chunks (the annotator decodes a document in one call)", (t) => {
  const tag = fc.constantFrom('O', 'B-PER', 'I-PER', 'E-PER', 'S-PER', 'B-LOC', 'I-LOC', 'L-LOC', 'U-LOC', 'E-LOC');
  fc.assert(
    fc.property(fc.array(fc.array(tag, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }), (sentences) => {
      const separate: string[] = [];
      let offset = 0;
      const joined: string[] = [];
      for (const s of sentences) {
        for (const c of decodeTags(s)) separate.push(`${c.type}:${c.start + offset}-${c.end + offset}`);
        joined.push(...s, 'O');
        offset += s.length + 1;
      }
      const together = decodeTags(joined).map((c) => `${c.type}:${c.start}-${c.end}`);
      return JSON.stringify(together) === JSON.stringify(separate);
    }),
  );
  t.pass();
});
