import test from 'ava';
import { readAnnotations } from '../src/formats/index.js';
import { evaluateTags } from '../src/eval/evaluate.js';
import { Tagger } from '../src/annotate/perceptron/model.js';
import { trainPerceptron } from '../src/annotate/perceptron/train.js';
import { taggedSentences } from '../src/annotate/perceptron/docs.js';
import { loadGujaratiResources } from '../src/annotate/perceptron/gujarati.js';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';

const TRAIN = 'data/wikiann-gu/train.tsv';
const DEV = 'data/wikiann-gu/dev.tsv';
const trainFile = sharedFile(TRAIN);
const devFile = sharedFile(DEV);
const ok = trainFile !== undefined && devFile !== undefined;

(ok ? test : test.skip)(`perceptron trained on WikiANN-gu train scores dev above a floor${ok ? '' : ` (${SKIP_NO_SHARED(TRAIN)})`}`, async (t) => {
  const read = (f: string) => readAnnotations(f).flatMap((d) => taggedSentences(d));
  const train = read(trainFile!);
  const dev = read(devFile!);
  t.is(train.length, 100);
  t.is(dev.length, 100);
  const res = await loadGujaratiResources();
  const started = performance.now();
  const model = trainPerceptron(train, { epochs: 10, seed: 1, resources: res });
  const tagger = new Tagger(model, res);
  const pred = dev.map((s) => tagger.tag(s.tokens));
  const ms = performance.now() - started;
  const micro = evaluateTags(
    dev.map((s) => s.tags),
    pred,
  ).report.seqeval.default['micro avg'];
  t.log(
    `WikiANN-gu dev, seqeval default micro F1 ${micro['f1-score']?.toFixed(4)} (P ${micro.precision?.toFixed(4)}, R ${micro.recall?.toFixed(4)}, ${micro.support} entities); ` +
      `${model.weights.size} features; train+tag ${ms.toFixed(0)} ms`,
  );
  // measured 0.61 with the default features and the gazetteers of the day; the floor leaves room for feature changes, not for a broken tagger
  t.true((micro['f1-score'] ?? 0) > 0.4, `F1 ${micro['f1-score']}`);
});
