/**
 * `gujnlp train`: trains the averaged-perceptron tagger from annotation files
 * of any supported format and writes the model JSON (atomically); with
 * `--cv K`, writes k-fold cross-validated predictions instead (every
 * sentence tagged by a model not trained on it) and prints their score.
 * Progress goes to stderr; stdout stays empty.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { countMisaligned, entitiesToTags } from '../align/index.js';
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { guessFormat, isFormatName, readAnnotations, writeAnnotations, FORMAT_NAMES, type FormatName } from '../formats/index.js';
import { evaluateTags } from '../eval/evaluate.js';
import { isTagScheme, type TagScheme } from '../tags/scheme.js';
import { serializeModel } from '../annotate/perceptron/model.js';
import { crossValidate, trainFromDocuments } from '../annotate/perceptron/index.js';

const USAGE = `usage: gujnlp train --train FILE [--train FILE ...] [--dev FILE ...] -o MODEL.json [options]
       gujnlp train --train FILE [--train FILE ...] --cv K --predictions OUT [options]

Trains the averaged-perceptron NER tagger; use it with 'gujnlp annotate --model MODEL.json'.
With --cv K, scores it honestly on the training data instead: the sentences are
dealt into K folds and each fold is tagged by a model trained on the other folds;
the predictions are written to OUT and their seqeval score printed on stderr.

options:
  --train FILE        gold annotations to train on (any supported format; repeatable)
  --dev FILE          held-out gold annotations: keep the epoch with the best entity F1
                      and stop early when it does not improve (repeatable)
  -o, --output FILE   the model file to write (JSON)
  --epochs N          passes over the training data (default 10)
  --seed S            seed of the shuffling and of the folds (default 1); same data + seed = same bytes
  --patience N        with --dev: stop after N epochs without improvement (default 3)
  --cv K              k-fold cross-validation over sentences (K >= 2)
  --predictions OUT   with --cv: where to write the cross-validated predictions
                      (format from --out-format or the file name)
  --out-format NAME   format of OUT (${FORMAT_NAMES.join(', ')})
  --format NAME       format of the input files; guessed by default
  --scheme NAME       tag scheme of token formats (IOB1, IOB2, IOE1, IOE2, IOBES, BILOU); guessed by default
  -q, --quiet         no progress on stderr
`;

function nonNegativeInt(value: string | undefined, name: string, dflt: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InputError(`--${name} must be a non-negative integer, got '${value}'`);
  return n;
}

function notADirectory(path: string, what: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) throw new InputError(`is a directory; give the ${what} file to write`, { file: path });
}

function formatOption(value: string | undefined, name: string): FormatName | undefined {
  if (value === undefined) return undefined;
  if (!isFormatName(value)) throw new InputError(`unknown --${name} '${value}' (one of ${FORMAT_NAMES.join(', ')})`);
  return value;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      train: { type: 'string', multiple: true },
      dev: { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      patience: { type: 'string' },
      cv: { type: 'string' },
      predictions: { type: 'string' },
      'out-format': { type: 'string' },
      format: { type: 'string' },
      scheme: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const trainFiles = values.train ?? [];
  if (trainFiles.length === 0) throw new InputError('missing --train FILE (gold annotations to train on); see gujnlp train --help');
  const cv = values.cv === undefined ? undefined : nonNegativeInt(values.cv, 'cv', 0);
  if (cv !== undefined) {
    if (cv < 2) throw new InputError('--cv needs at least 2 folds');
    if (values.predictions === undefined) throw new InputError('--cv needs --predictions OUT (where to write the cross-validated predictions)');
    if (values.output !== undefined) throw new InputError('--cv writes predictions, not a model: drop -o, or train the model in a separate run');
    if (values.dev !== undefined) throw new InputError('--cv does not take --dev (each fold trains for --epochs epochs)');
    notADirectory(values.predictions, 'predictions');
  } else {
    if (values.output === undefined) throw new InputError('missing -o MODEL.json (where to write the model)');
    if (values.predictions !== undefined) throw new InputError('--predictions goes with --cv K');
    notADirectory(values.output, 'model');
  }
  const epochs = nonNegativeInt(values.epochs, 'epochs', 10);
  if (epochs < 1) throw new InputError('--epochs must be at least 1');
  const seed = nonNegativeInt(values.seed, 'seed', 1);
  const patience = nonNegativeInt(values.patience, 'patience', 3);
  if (patience < 1) throw new InputError('--patience must be at least 1');
  const format = formatOption(values.format, 'format');
  const outFormat = formatOption(values['out-format'], 'out-format');
  let scheme: TagScheme | undefined;
  if (values.scheme !== undefined) {
    if (!isTagScheme(values.scheme)) throw new InputError(`unknown --scheme '${values.scheme}'`);
    scheme = values.scheme;
  }
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
  say(`${cv === undefined ? 'training' : `${cv}-fold cross-validation`} on ${sentences} sentences, ${train.reduce((n, d) => n + d.tokens.length, 0)} tokens, ${entities} entities (${trainFiles.join(', ')})`);
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

  const dev = values.dev === undefined ? undefined : read(values.dev);
  const model = await trainFromDocuments(train, {
    epochs,
    seed,
    patience,
    ...(dev ? { dev } : {}),
    onEpoch: (r) =>
      say(`epoch ${r.epoch}/${r.epochs}: train token accuracy ${(100 * r.trainAccuracy).toFixed(2)}%${r.devF1 === undefined ? '' : `, dev entity F1 ${(100 * r.devF1).toFixed(2)}`}`),
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
