/**
 * `gujnlp bench`: the main job (`npm start`): every model on the corpus,
 * predictions and scores written, the leaderboard printed.
 */
import { runBench } from '../bench/run.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { samplesOption, seedOption } from './common-options.js';

export const command = defineCommand({
  name: 'bench',
  usage: ['[--corpus DIR] [--gold DIR] [--models rules,perceptron,onnx:DIR,file:PATH] [--out DIR] [options]'],
  description:
    "Runs every model on the corpus, writes each model's predictions to\n" +
    '<predicted>/<model>/ and the scores to <out>/ (scores.json, leaderboard.csv,\n' +
    'leaderboard.md, report.html), and prints the leaderboard. Without --models it\n' +
    'runs rules, perceptron (k-fold cross-validation on the gold), every ONNX model\n' +
    'folder in <models-dir> and every folder in <predicted>/external/.',
  options: {
    corpus: opt.path({ help: 'corpus folder (<id>.txt)', default: 'corpus', metavar: 'DIR' }),
    gold: opt.path({ help: 'gold folder (<id>.json)', default: 'annotations/gold', metavar: 'DIR' }),
    models: opt.list({ help: 'models to run, comma-separated: rules, perceptron, onnx:DIR, file:PATH', metavar: 'LIST', split: ',' }),
    'models-dir': opt.path({ help: 'folder whose subfolders are ONNX models run by default', default: 'models', metavar: 'DIR' }),
    out: opt.path({ help: 'where the scores and the report go', default: 'results', metavar: 'DIR' }),
    predicted: opt.path({ help: "where each model's predictions go (external/ holds other systems' predictions)", default: 'annotations/predicted', metavar: 'DIR' }),
    schema: opt.path({ help: 'label schema', default: 'annotations/schema.json' }),
    samples: samplesOption(1000, 'bootstrap samples of the confidence intervals'),
    seed: seedOption(1),
    folds: opt.integer({ help: 'folds of the perceptron cross-validation', default: 5, min: 2 }),
    epochs: opt.integer({ help: 'perceptron training epochs', default: 10, min: 1 }),
  },
  positionals: { max: 0 },
  footer: 'Exit status: 0 all ran; 3 a model or document was skipped (reported on stderr).',
});

export async function run({ values }: ArgsOf<typeof command>): Promise<number> {
  const result = await runBench({
    corpus: values.corpus,
    gold: values.gold,
    models: values.models.length === 0 ? undefined : values.models.map((s) => s.trim()).filter(Boolean),
    modelsDir: values['models-dir'],
    predicted: values.predicted,
    out: values.out,
    schema: values.schema,
    samples: values.samples,
    seed: values.seed,
    folds: values.folds,
    epochs: values.epochs,
  });
  if (result.skipped.length > 0) process.stderr.write(`gujnlp bench: ${result.skipped.length} skipped: ${result.skipped.map((s) => s.spec).join(', ')}\n`);
  return result.exitCode;
}
