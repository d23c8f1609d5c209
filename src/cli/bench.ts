import { parseArgs } from 'node:util';
import { runBench } from '../bench/run.js';

const USAGE = `usage: gujnlp bench [--corpus corpus/] [--gold annotations/gold/] [--models rules,perceptron,onnx:DIR,file:PATH]
                    [--out results/] [--predicted annotations/predicted/] [--samples 1000] [--seed 1]
                    [--folds 5] [--epochs 10] [--schema annotations/schema.json]

Runs every model on the corpus, writes each model's predictions to
<predicted>/<model>/ and the scores to <out>/ (scores.json, leaderboard.csv,
leaderboard.md, report.html), and prints the leaderboard. Without --models it
runs rules, perceptron (k-fold cross-validation on the gold), every ONNX model
folder in models/ and every folder in <predicted>/external/.
Exit status: 0 all ran; 3 a model or document was skipped (reported on stderr).
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string', default: 'corpus' },
      gold: { type: 'string', default: 'annotations/gold' },
      models: { type: 'string' },
      'models-dir': { type: 'string', default: 'models' },
      out: { type: 'string', default: 'results' },
      predicted: { type: 'string', default: 'annotations/predicted' },
      schema: { type: 'string', default: 'annotations/schema.json' },
      samples: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      folds: { type: 'string', default: '5' },
      epochs: { type: 'string', default: '10' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const int = (name: string, v: string, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got '${v}'`);
    return n;
  };
  const result = await runBench({
    corpus: values.corpus!,
    gold: values.gold!,
    models: values.models === undefined ? undefined : values.models.split(',').map((s) => s.trim()).filter(Boolean),
    modelsDir: values['models-dir']!,
    predicted: values.predicted!,
    out: values.out!,
    schema: values.schema!,
    samples: int('samples', values.samples!, 1),
    seed: int('seed', values.seed!, 0),
    folds: int('folds', values.folds!, 2),
    epochs: int('epochs', values.epochs!, 1),
  });
  if (result.skipped.length > 0) process.stderr.write(`gujnlp bench: ${result.skipped.length} skipped: ${result.skipped.map((s) => s.spec).join(', ')}\n`);
  return result.exitCode;
}
