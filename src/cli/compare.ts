/**
 * `gujnlp compare --gold G NAME=PRED ...`: leaderboard of several systems
 * on the same gold with bootstrap confidence intervals and p-values.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../io/errors.js';
import { isTagScheme, TAG_SCHEMES, type TagScheme } from '../tags/scheme.js';
import { bootstrapCompare } from '../eval/bootstrap.js';
import { parseMapOptions } from '../eval/mapping.js';
import { LEADERBOARD_FORMATS, renderLeaderboard, type LeaderboardFormat } from '../report/leaderboard.js';

const USAGE = `usage: gujnlp compare --gold GOLD NAME=PRED [NAME=PRED ...] [options]

GOLD and each PRED are annotation files of any supported format over the
same tokens. Prints entity P, R, F1 with a confidence interval, per-type F1
and the p-value of the best system being better (paired bootstrap over
sentences, Berg-Kirkpatrick et al. 2012).

options:
  --samples N             bootstrap samples (default 1000)
  --seed N                PRNG seed (default 12345)
  --mode default|strict   entity decoding (default: default)
  --scheme SCHEME         ${TAG_SCHEMES.join(', ')} (default IOB2 for span formats)
  --map FROM=TO, --ignore TYPE   label mapping, as for evaluate (repeatable)
  --align MODE            expand (default), contract or strict
  --format FORMAT         table (default), json, csv, md
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      gold: { type: 'string' },
      samples: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '12345' },
      mode: { type: 'string', default: 'default' },
      scheme: { type: 'string' },
      map: { type: 'string', multiple: true, default: [] },
      ignore: { type: 'string', multiple: true, default: [] },
      align: { type: 'string' },
      format: { type: 'string', default: 'table' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.gold === undefined) throw new InputError('--gold is required; see gujnlp compare --help');
  if (positionals.length === 0) throw new InputError('give at least one NAME=PRED');
  const mode = values.mode;
  if (mode !== 'default' && mode !== 'strict') throw new InputError(`--mode must be default or strict, got '${mode}'`);
  if (values.scheme !== undefined && !isTagScheme(values.scheme)) throw new InputError(`--scheme must be one of ${TAG_SCHEMES.join(', ')}`);
  if (!(LEADERBOARD_FORMATS as readonly string[]).includes(values.format)) throw new InputError(`--format must be one of ${LEADERBOARD_FORMATS.join(', ')}`);
  const samples = Number(values.samples);
  const seed = Number(values.seed);
  if (!Number.isInteger(samples) || samples < 1) throw new InputError(`--samples must be a positive integer, got '${values.samples}'`);
  if (!Number.isInteger(seed)) throw new InputError(`--seed must be an integer, got '${values.seed}'`);
  const align = values.align;
  if (align !== undefined && align !== 'expand' && align !== 'contract' && align !== 'strict') throw new InputError(`--align must be expand, contract or strict`);
  const scheme = values.scheme as TagScheme | undefined;

  const { readAnnotations } = await import('../formats/index.js');
  const { documentsToTags } = await import('../eval/documents.js');
  const goldDocs = readAnnotations(values.gold, { scheme });
  let gold: string[][] | undefined;
  const preds: Record<string, string[][]> = {};
  for (const spec of positionals) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) throw new InputError(`expected NAME=PRED, got '${spec}'`);
    const name = spec.slice(0, eq);
    if (name in preds) throw new InputError(`system name '${name}' given twice`);
    const docs = readAnnotations(spec.slice(eq + 1), { scheme });
    const t = documentsToTags(goldDocs, docs, { scheme, align }, `${name} (${spec.slice(eq + 1)})`);
    gold ??= t.gold;
    preds[name] = t.pred;
  }
  const lb = bootstrapCompare(gold!, preds, {
    samples,
    seed,
    mode,
    scheme: scheme ?? 'IOB2', // the tags were written from spans in this scheme
    map: parseMapOptions(values.map),
    ignore: values.ignore.flatMap((v) => v.split(',')).filter((v) => v !== ''),
  });
  process.stdout.write(renderLeaderboard(lb, values.format as LeaderboardFormat));
  return 0;
}
