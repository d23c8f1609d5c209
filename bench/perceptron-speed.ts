/**
 * Speed of the averaged-perceptron annotator on the seed article repeated to
 * 10,000 sentences (sentences/s, tokens/s), plus training and model-file
 * figures. The model is trained in memory on the repository's gold
 * annotations (annotations/gold/<corpus id>.json): speed barely depends on which data
 * trained it, and no reference data is needed.
 *
 *   node --import tsx bench/perceptron-speed.ts [--sentences N] [--runs R] [--epochs E]
 *
 * Prints one JSON object on stdout (results), a readable summary on stderr.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { documentFromText } from '../src/segment/document.js';
import type { Document } from '../src/doc/types.js';
import { readAnnotations } from '../src/formats/index.js';
import { loadGujaratiResources, PerceptronAnnotator, serializeModel, trainFromDocuments } from '../src/annotate/perceptron/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    sentences: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    epochs: { type: 'string', default: '10' },
  },
});
const TARGET = Number(values.sentences);
const RUNS = Number(values.runs);

/** The corpus repeated until it has `n` sentences, cut at exactly `n`. */
function corpusOf(n: number): Document {
  const text = readFileSync(join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt'), 'utf8');
  const once = documentFromText('lavrov', text);
  const copies = Math.ceil(n / once.sentences.length);
  const big = documentFromText(`lavrov-x${copies}`, Array(copies).fill(text).join('\n\n'));
  const sentences = big.sentences.slice(0, n);
  const end = sentences[sentences.length - 1].end;
  return { ...big, sentences, tokens: big.tokens.filter((t) => t.end <= end) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// the standoff JSON of each corpus document (the other files in gold/ are exports of it)
const gold = readdirSync(join(ROOT, 'corpus'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => join(ROOT, 'annotations', 'gold', f.replace(/\.txt$/, '.json')))
  .filter((p) => existsSync(p))
  .flatMap((p) => readAnnotations(p));
if (gold.length === 0) throw new Error('no gold annotations under annotations/gold/ to train on');
const resources = await loadGujaratiResources();

let t0 = performance.now();
const model = await trainFromDocuments(gold, { epochs: Number(values.epochs), seed: 1, resources });
const trainMs = performance.now() - t0;
const file = serializeModel(model);
const annotator = new PerceptronAnnotator(model, resources);

const doc = corpusOf(TARGET);
await annotator.annotate(corpusOf(50)); // warm-up (JIT)
const times: number[] = [];
let entities = 0;
for (let r = 0; r < RUNS; r++) {
  t0 = performance.now();
  entities = (await annotator.annotate(doc)).length;
  times.push(performance.now() - t0);
}
const ms = median(times);
const result = {
  model: 'perceptron (trained in memory on annotations/gold)',
  sentences: doc.sentences.length,
  tokens: doc.tokens.length,
  runs: RUNS,
  medianMs: +ms.toFixed(1),
  sentencesPerSec: Math.round((doc.sentences.length / ms) * 1000),
  tokensPerSec: Math.round((doc.tokens.length / ms) * 1000),
  entities,
  training: {
    documents: gold.length,
    sentences: model.training.sentences,
    tokens: model.training.tokens,
    epochs: model.training.epochs,
    ms: +trainMs.toFixed(1),
    features: model.weights.size,
    modelBytes: Buffer.byteLength(file),
  },
  node: process.version,
};
process.stderr.write(
  `perceptron: ${result.sentences} sentences, ${result.tokens} tokens in ${result.medianMs} ms (median of ${RUNS}): ` +
    `${result.sentencesPerSec} sentences/s, ${result.tokensPerSec} tokens/s\n` +
    `training: ${result.training.sentences} sentences × ${result.training.epochs} epochs in ${result.training.ms} ms; ` +
    `${result.training.features} features, model file ${result.training.modelBytes} bytes\n`,
);
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
