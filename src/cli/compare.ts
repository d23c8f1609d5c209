/**
 * `gujnlp compare --gold G NAME=PRED ...`: leaderboard of several systems
 * on the same gold with bootstrap confidence intervals and p-values.
 */
import { InputError } from '../io/errors.js';
import { bootstrapCompare } from '../eval/bootstrap.js';
import { LEADERBOARD_FORMATS, renderLeaderboard } from '../report/leaderboard.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { alignOption, ignoreOption, labelMapping, mapOption, modeOption, reportFormatOption, samplesOption, schemeOption, seedOption } from './common-options.js';
import { formatOptionsOf, readFormatOptions } from './format-options.js';

export const command = defineCommand({
  name: 'compare',
  usage: ['--gold GOLD NAME=PRED [NAME=PRED ...] [options]'],
  description:
    'GOLD and each PRED are annotation files of any supported format over the\n' +
    'same tokens. Prints entity P, R, F1 with a confidence interval, per-type F1\n' +
    'and the p-value of the best system being better (paired bootstrap over\n' +
    'sentences, Berg-Kirkpatrick et al. 2012).',
  options: {
    gold: opt.path({ help: 'the gold annotation file (required)', metavar: 'GOLD' }),
    samples: samplesOption(1000),
    seed: seedOption(12345),
    mode: modeOption(),
    scheme: schemeOption('tag scheme', 'IOB2 for span formats'),
    map: mapOption(),
    ignore: ignoreOption(),
    align: alignOption(),
    format: reportFormatOption(LEADERBOARD_FORMATS, 'table'),
    tokens: opt.path({ help: 'tokens for documents without them (span formats), from this token file; default: tokenized as convert does', metavar: 'FILE' }),
    ...readFormatOptions,
  },
  positionals: { min: 1, what: 'at least one NAME=PRED' },
});

export async function run({ values, positionals }: ArgsOf<typeof command>): Promise<number> {
  if (values.gold === undefined) throw new InputError('--gold is required; see gujnlp compare --help');
  const { scheme, align, samples, seed, mode } = values;

  const { readForScoring, readTokenFile, assertScorable } = await import('../formats/scoring-input.js');
  const { documentsToTags } = await import('../eval/documents.js');
  const fmt = { ...formatOptionsOf(values), scheme, tokens: values.tokens };
  const tokenDocs = readTokenFile(values.tokens, scheme);
  // span formats are tokenized exactly as convert does; never a leaderboard over zero tokens or gold entities
  const goldDocs = readForScoring(values.gold, fmt, tokenDocs);
  assertScorable(goldDocs, values.gold);
  let gold: string[][] | undefined;
  const preds: Record<string, string[][]> = {};
  for (const spec of positionals) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) throw new InputError(`expected NAME=PRED, got '${spec}'`);
    const name = spec.slice(0, eq);
    if (name in preds) throw new InputError(`system name '${name}' given twice`);
    const docs = readForScoring(spec.slice(eq + 1), fmt, tokenDocs);
    const t = documentsToTags(goldDocs, docs, { scheme, align }, `${name} (${spec.slice(eq + 1)})`);
    gold ??= t.gold;
    preds[name] = t.pred;
  }
  const lb = bootstrapCompare(gold!, preds, {
    samples,
    seed,
    mode,
    scheme: scheme ?? 'IOB2', // the tags were written from spans in this scheme
    ...labelMapping(values),
  });
  process.stdout.write(renderLeaderboard(lb, values.format));
  return 0;
}
