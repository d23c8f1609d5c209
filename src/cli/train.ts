/**
 * `gujnlp train`: trains the averaged-perceptron tagger from annotation files
 * of any supported format and writes the model JSON (atomically); with
 * `--cv K`, writes k-fold cross-validated predictions instead (every
 * sentence tagged by a model not trained on it) and prints their score.
 * Progress goes to stderr; stdout stays empty.
 */
import { existsSync, statSync } from 'node:fs';
import { countMisaligned, entitiesToTags } from '../align/index.js';
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { guessFormat, readAnnotations, writeAnnotations, FORMAT_NAMES } from '../formats/index.js';
import { evaluateTags } from '../eval/evaluate.js';
import { serializeModel } from '../annotate/perceptron/model.js';
import { crossValidate, trainFromDocuments } from '../annotate/perceptron/index.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { schemeOption, seedOption } from './common-options.js';

export const command = defineCommand({
  name: 'train',
  usage: ['--train FILE [--train FILE ...] [--dev FILE ...] -o MODEL.json [options]', '--train FILE [--train FILE ...] --cv K --predictions OUT [options]'],
  description:
    "Trains the averaged-perceptron NER tagger; use it with 'gujnlp annotate --model MODEL.json'.\n" +
    'With --cv K, scores it honestly on the training data instead: the sentences are\n' +
    'dealt into K folds and each fold is tagged by a model trained on the other folds;\n' +
    'the predictions are written to OUT and their seqeval score printed on stderr.',
  options: {
    train: opt.list({ help: 'gold annotations to train on (any supported format)', metavar: 'FILE' }),
    dev: opt.list({ help: 'held-out gold annotations: keep the epoch with the best entity F1 and stop early when it does not improve', metavar: 'FILE' }),
    output: opt.path({ help: 'the model file to write (JSON)', short: 'o', metavar: 'FILE' }),
    epochs: opt.integer({ help: 'passes over the training data', default: 10, min: 1 }),
    seed: seedOption(1, 'seed of the shuffling and of the folds; same data + seed = same bytes'),
    patience: opt.integer({ help: 'with --dev: stop after N epochs without improvement', default: 3, min: 1 }),
    cv: opt.integer({ help: 'k-fold cross-validation over sentences', min: 2, metavar: 'K' }),
    predictions: opt.path({ help: 'with --cv: where to write the cross-validated predictions (format from --out-format or the file name)', metavar: 'OUT' }),
    'out-format': opt.choice(FORMAT_NAMES, { help: 'format of OUT', metavar: 'NAME' }),
    format: opt.choice(FORMAT_NAMES, { help: 'format of the input files', defaultHelp: 'guessed', metavar: 'NAME' }),
    scheme: schemeOption('tag scheme of token formats', 'guessed'),
    quiet: opt.boolean({ help: 'no progress on stderr', short: 'q' }),
  },
  positionals: { max: 0 },
});

function notADirectory(path: string, what: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) throw new InputError(`is a directory; give the ${what} file to write`, { file: path });
}

export async function run({ values }: ArgsOf<typeof command>): Promise<number> {
  const trainFiles = values.train;
  if (trainFiles.length === 0) throw new InputError('missing --train FILE (gold annotations to train on); see gujnlp train --help');
  const cv = values.cv;
  if (cv !== undefined) {
    if (values.predictions === undefined) throw new InputError('--cv needs --predictions OUT (where to write the cross-validated predictions)');
    if (values.output !== undefined) throw new InputError('--cv writes predictions, not a model: drop -o, or train the model in a separate run');
    if (values.dev.length > 0) throw new InputError('--cv does not take --dev (each fold trains for --epochs epochs)');
    notADirectory(values.predictions, 'predictions');
  } else {
    if (values.output === undefined) throw new InputError('missing -o MODEL.json (where to write the model)');
    if (values.predictions !== undefined) throw new InputError('--predictions goes with --cv K');
    notADirectory(values.output, 'model');
  }
  const { epochs, seed, patience, format, scheme } = values;
  const outFormat = values['out-format'];
  const say = (msg: string): void => {
    if (!values.quiet) process.stderr.write(`${msg}\n`);
  };
  const read = (files: readonly string[]): Document[] =>
    files.flatMap((f) => {
      const docs = readAnnotations(f, { ...(format ? { format } : {}), ...(scheme ? { scheme } : {}) });
      warnMisaligned(f, docs, say);
      return docs;
    });

  const train = read(trainFiles);
  const entities = train.reduce((n, d) => n + d.entities.length, 0);
  if (entities === 0) throw new InputError('the training data has no entities: nothing to learn', { file: trainFiles[0] });
  const sentences = train.reduce((n, d) => n + d.sentences.length, 0);
  say(
    `${cv === undefined ? 'training' : `${cv}-fold cross-validation`} on ${sentences} sentences, ${train.reduce((n, d) => n + d.tokens.length, 0)} tokens, ${entities} entities (${trainFiles.join(', ')})`,
  );
  const started = Date.now();

  if (cv !== undefined) {
    const out = values.predictions!;
    const outFmt = outFormat ?? guessFormat(out);
    const result = await crossValidate(train, { k: cv, seed, epochs, source: 'perceptron-cv', onFold: (f, k) => say(`fold ${f + 1}/${k}`) });
    const predicted = train.map((d, i) => ({ ...d, entities: result.predictions[i] }));
    writeAnnotations(out, predicted, { format: outFmt, ...(scheme ? { scheme } : {}) });
    // scored on the tokens' tags, as gujnlp evaluate --gold --pred does by default
    const tags = (docs: readonly Document[]) => docs.flatMap((d) => entitiesToTags(d, { scheme: 'IOB2', align: 'expand' }).tags);
    const micro = evaluateTags(tags(train), tags(predicted)).report.seqeval.default['micro avg'];
    const fmt = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(4));
    say(
      `cross-validated seqeval (default) micro P ${fmt(micro.precision)} R ${fmt(micro.recall)} F1 ${fmt(micro['f1-score'])} ` +
        `over ${micro.support} entities; ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${out}`,
    );
    return 0;
  }

  const dev = values.dev.length === 0 ? undefined : read(values.dev);
  const model = await trainFromDocuments(train, {
    epochs,
    seed,
    patience,
    ...(dev ? { dev } : {}),
    onEpoch: (r) => say(`epoch ${r.epoch}/${r.epochs}: train token accuracy ${(100 * r.trainAccuracy).toFixed(2)}%${r.devF1 === undefined ? '' : `, dev entity F1 ${(100 * r.devF1).toFixed(2)}`}`),
  });
  writeFileAtomic(values.output!, serializeModel(model));
  const t = model.training;
  say(
    `kept epoch ${t.bestEpoch} of ${t.epochs}${t.devF1 === undefined ? '' : ` (dev entity F1 ${(100 * t.devF1).toFixed(2)})`}; ` +
      `${model.weights.size} features, labels ${model.labels.join(' ')}; ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${values.output}`,
  );
  return 0;
}

/** Entities that do not fall on token boundaries are widened for training; say how many. */
function warnMisaligned(file: string, docs: readonly Document[], say: (m: string) => void): void {
  const misaligned = docs.flatMap((d) => entitiesToTags(d, { scheme: 'IOB2', align: 'expand' }).misaligned);
  if (misaligned.length === 0) return;
  const c = countMisaligned(misaligned);
  say(
    `${file}: ${misaligned.length} entities start or end inside a token; their tags cover whole tokens ` +
      `(${c.expanded} widened, ${c.contracted} cut, ${c.dropped} dropped), predicted spans are cut after '#' and before case endings where most gold spans were`,
  );
}
