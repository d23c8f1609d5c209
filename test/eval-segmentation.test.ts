import test from 'ava';
import { segmentationScores } from '../src/eval/segmentation.js';

const sp = (...xs: Array<[number, number]>) => xs.map(([start, end]) => ({ start, end }));

test('identical segmentations score 1', (t) => {
  const r = segmentationScores('ab cd.', sp([0, 2], [3, 5], [5, 6]), sp([0, 2], [3, 5], [5, 6]));
  t.deepEqual([r.spans.precision, r.spans.recall, r.spans.f1], [1, 1, 1]);
});

test('whitespace inside or around a span does not matter (UD style)', (t) => {
  // system includes the trailing space in the first token
  const r = segmentationScores('ab cd.', sp([0, 2], [3, 5], [5, 6]), sp([0, 3], [3, 5], [5, 6]));
  t.is(r.spans.correct, 3);
});

test('a missed split costs precision and recall', (t) => {
  const r = segmentationScores('ab cd.', sp([0, 2], [3, 5], [5, 6]), sp([0, 2], [3, 6]));
  t.is(r.spans.correct, 1);
  t.is(r.spans.precision, 1 / 2);
  t.is(r.spans.recall, 1 / 3);
  t.is(r.boundaries.correct, 2);
  t.is(r.boundaries.recall, 2 / 3);
});

test('texts that differ only in whitespace can be compared; others cannot', (t) => {
  const r = segmentationScores('ab  cd', sp([0, 2], [4, 6]), sp([0, 2], [3, 5]), 'ab\ncd');
  t.is(r.spans.f1, 1);
  t.throws(() => segmentationScores('abcd', sp([0, 4]), sp([0, 4]), 'abce'), { message: /differ/ });
});

test('no system spans gives zeros, not NaN', (t) => {
  const r = segmentationScores('ab', sp([0, 2]), []);
  t.deepEqual([r.spans.precision, r.spans.recall, r.spans.f1], [0, 0, 0]);
});
