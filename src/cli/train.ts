/**
 * `gujnlp train`: trains the averaged-perceptron tagger from annotation files
 * of any supported format and writes the model JSON (atomically).
 * Progress goes to stderr; stdout stays empty.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { countMisaligned, entitiesToTags } from '../align/index.js';
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { isFormatName, readAnnotations, FORMAT_NAMES, type FormatName } from '../formats/index.js';
import { isTagScheme, type TagScheme } from '../tags/scheme.js';
import { serializeModel } from '../annotate/perceptron/model.js';
import { trainFromDocuments } from '../annotate/perceptron/index.js';

const USAGE = `usage: gujnlp train --train FILE [--train FILE ...] [--dev FILE ...] -o MODEL.json [options]

Trains the averaged-perceptron NER tagger; use it with 'gujnlp annotate --model MODEL.json'.

options:
  --train FILE      gold annotations to train on (any supported format; repeatable)
  --dev FILE        held-out gold annotations: keep the epoch with the best entity F1
                    and stop early when it does not improve (repeatable)
  -o, --output FILE the model file to write (JSON)
  --epochs N        passes over the training data (default 10)
  --seed S          seed of the shuffling (default 1); same data + seed = same bytes
  --patience N      with --dev: stop after N epochs without improvement (default 3)
  --format NAME     format of the input files (${FORMAT_NAMES.join(', ')}); guessed by default
  --scheme NAME     tag scheme of token formats (IOB1, IOB2, IOE1, IOE2, IOBES, BILOU); guessed by default
  -q, --quiet       no progress on stderr
`;

function positiveInt(value: string | undefined, name: string, dflt: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InputError(`--${name} must be a non-negative integer, got '${value}'`);
  return n;
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
  if (values.output === undefined) throw new InputError('missing -o MODEL.json (where to write the model)');
  if (existsSync(values.output) && statSync(values.output).isDirectory()) {
    throw new InputError('is a directory; give the model file to write, e.g. models/NAME.json', { file: values.output });
  }
  const epochs = positiveInt(values.epochs, 'epochs', 10);
  if (epochs < 1) throw new InputError('--epochs must be at least 1');
  const seed = positiveInt(values.seed, 'seed', 1);
  const patience = positiveInt(values.patience, 'patience', 3);
  if (patience < 1) throw new InputError('--patience must be at least 1');
  let format: FormatName | undefined;
  if (values.format !== undefined) {
    if (!isFormatName(values.format)) throw new InputError(`unknown --format '${values.format}' (one of ${FORMAT_NAMES.join(', ')})`);
    format = values.format;
  }
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
  const dev = values.dev === undefined ? undefined : read(values.dev);
  const entities = train.reduce((n, d) => n + d.entities.length, 0);
  if (entities === 0) throw new InputError('the training data has no entities: nothing to learn', { file: trainFiles[0] });
  const sentences = train.reduce((n, d) => n + d.sentences.length, 0);
  say(`training on ${sentences} sentences, ${train.reduce((n, d) => n + d.tokens.length, 0)} tokens, ${entities} entities (${trainFiles.join(', ')})`);
  const started = Date.now();
  const model = await trainFromDocuments(train, {
    epochs,
    seed,
    patience,
    ...(dev ? { dev } : {}),
    onEpoch: (r) =>
      say(`epoch ${r.epoch}/${r.epochs}: train token accuracy ${(100 * r.trainAccuracy).toFixed(2)}%${r.devF1 === undefined ? '' : `, dev entity F1 ${(100 * r.devF1).toFixed(2)}`}`),
  });
  writeFileAtomic(values.output, serializeModel(model));
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
  say(`${file}: ${misaligned.length} entities do not fall on token boundaries (${c.expanded} widened, ${c.contracted} cut, ${c.dropped} dropped for training)`);
}
