/**
 * `gujnlp bench`: the main job (`npm start`): every model on the corpus,
 * predictions and scores written, the leaderboard printed. With `--gold
 * PATH` (and no `--corpus`) the same on any gold set of any format.
 */
import { runBench } from '../bench/run.js';
import { parseModelList } from '../bench/models.js';
import { DEFAULT_CMD_TIMEOUT } from '../annotate/cmd.js';
import { BOOTSTRAP_DEFAULTS } from '../eval/bootstrap.js';
import { DEFAULT_SCHEMA_PATH } from '../doc/schema.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { ignoreOption, labelMapping, mapOption, samplesOption, seedOption } from './common-options.js';

export const command = defineCommand({
  name: 'bench',
  usage: ['[--corpus DIR] [--gold DIR] [--models LIST] [--out DIR] [options]', '--gold PATH [--models LIST] [--ignore TYPE] [--map FROM=TO] [--out DIR] [options]'],
  description:
    "Runs every model on the corpus, writes each model's predictions to\n" +
    '<predicted>/<model>/ and the scores to <out>/ (scores.json, leaderboard.csv,\n' +
    'leaderboard.md, report.html), and prints the leaderboard. Without --models it\n' +
    'runs rules, ner-gu (the shipped model), perceptron (k-fold cross-validation on\n' +
    'the gold), every ONNX model folder in <models-dir> (except generated test\n' +
    'models, which run only when named) and every folder in <predicted>/external/.\n' +
    '\n' +
    'With --gold PATH and no --corpus, PATH is any gold set: an annotation file or\n' +
    'folder of any supported format (CoNLL, HF, JSON, CSV, doccano, Label Studio,\n' +
    'brat); the text comes from the gold, models run on its tokens and sentences,\n' +
    "and gujnlp's segmentation is scored only where the gold gives raw text and\n" +
    'tokens. Name models with NAME=SPEC:\n' +
    '  --models rules,mine=perceptron:m.json,xlmr=onnx:DIR,py=cmd:"python3 tag.py"',
  options: {
    corpus: opt.path({ help: 'corpus folder (<id>.txt)', defaultHelp: 'corpus, unless --gold is given alone', metavar: 'DIR' }),
    gold: opt.path({ help: 'gold folder (<id>.json) of the corpus; alone, a gold file or folder of any format', defaultHelp: 'annotations/gold', metavar: 'PATH' }),
    models: opt.list({
      help: 'models to run, comma-separated, each SPEC or NAME=SPEC: rules, ner-gu, perceptron, perceptron:PATH, onnx:DIR, file:PATH, cmd:COMMAND (repeatable; double quotes keep commas in a spec)',
      metavar: 'LIST',
    }),
    'models-dir': opt.path({ help: 'folder whose subfolders are ONNX models run by default', default: 'models', metavar: 'DIR' }),
    out: opt.path({ help: 'where the scores and the report go', default: 'results', metavar: 'DIR' }),
    predicted: opt.path({ help: "where each model's predictions go (external/ holds other systems' predictions)", default: 'annotations/predicted', metavar: 'DIR' }),
    schema: opt.path({ help: 'label schema (types and their column order)', defaultHelp: `${DEFAULT_SCHEMA_PATH} with a corpus; the gold's types with --gold alone` }),
    map: mapOption(),
    ignore: ignoreOption(),
    train: opt.path({ help: 'training data of the models (any format): seen/unseen entities in the error analysis', metavar: 'PATH' }),
    samples: samplesOption(BOOTSTRAP_DEFAULTS.samples, 'bootstrap samples of the confidence intervals'),
    seed: seedOption(BOOTSTRAP_DEFAULTS.seed, 'seed of the bootstrap (as gujnlp compare)'),
    folds: opt.integer({ help: 'folds of the perceptron cross-validation', default: 5, min: 2 }),
    epochs: opt.integer({ help: 'perceptron training epochs', default: 10, min: 1 }),
    'cv-seed': opt.integer({ help: "seed of the perceptron's folds and training", default: 1, min: 0 }),
    timeout: opt.number({ help: `cmd: models: seconds to wait for each reply (0: forever)`, default: DEFAULT_CMD_TIMEOUT, min: 0, metavar: 'S' }),
    'batch-size': opt.integer({ help: 'cmd: models: sentences written before their replies are read', min: 1 }),
  },
  positionals: { max: 0 },
  footer: 'Exit status: 0 all ran; 3 a model or document was skipped (reported on stderr, one line each).',
});

export async function run({ values }: ArgsOf<typeof command>): Promise<number> {
  // --gold without --corpus: a gold set of any format; otherwise the corpus and its gold folder
  const goldSet = values.gold !== undefined && values.corpus === undefined;
  const result = await runBench({
    input: goldSet ? 'gold' : 'corpus',
    corpus: values.corpus ?? 'corpus',
    gold: values.gold ?? 'annotations/gold',
    models: values.models.length === 0 ? undefined : parseModelList(values.models.join(',')),
    modelsDir: values['models-dir'],
    predicted: values.predicted,
    out: values.out,
    schema: values.schema ?? (goldSet ? undefined : DEFAULT_SCHEMA_PATH),
    ...labelMapping(values),
    train: values.train,
    samples: values.samples,
    seed: values.seed,
    folds: values.folds,
    epochs: values.epochs,
    cvSeed: values['cv-seed'],
    timeout: values.timeout,
    batchSize: values['batch-size'],
  });
  if (result.skipped.length > 0) process.stderr.write(`gujnlp bench: ${result.skipped.length} skipped: ${result.skipped.map((s) => s.spec).join(', ')}\n`);
  return result.exitCode;
}
