/**
 * `gujnlp compare --gold G NAME=PRED ...`: leaderboard of several systems
 * on the same gold with bootstrap confidence intervals and p-values.
 */
import { InputError } from '../io/errors.js';
import { BOOTSTRAP_DEFAULTS, bootstrapCompare, compareCorpora } from '../eval/bootstrap.js';
import { assertScorableCorpus, type TagCorpus } from '../eval/corpus.js';
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
    'sentences, Berg-Kirkpatrick et al. 2012).\n' +
    '\n' +
    '--format html prints the report of gujnlp bench (leaderboard, error analysis,\n' +
    "confusion, the texts with every system's predictions); --out DIR writes\n" +
    'what bench writes there (scores.json, leaderboard.csv, leaderboard.md,\n' +
    'report.html), with the same figures as bench on the same predictions.',
  options: {
    gold: opt.path({ help: 'the gold annotation file (required)', metavar: 'GOLD' }),
    samples: samplesOption(BOOTSTRAP_DEFAULTS.samples),
    seed: seedOption(BOOTSTRAP_DEFAULTS.seed),
    mode: modeOption(),
    scheme: schemeOption('tag scheme', 'IOB2 for span formats'),
    map: mapOption(),
    ignore: ignoreOption(),
    align: alignOption(),
    format: reportFormatOption([...LEADERBOARD_FORMATS, 'html'], 'table'),
    out: opt.path({ help: 'also write scores.json, leaderboard.csv, leaderboard.md and report.html here, as bench does', metavar: 'DIR' }),
    schema: opt.path({ help: 'label schema: the types and their column order in the report', defaultHelp: "the gold's types" }),
    tokens: opt.path({ help: 'tokens for documents without them (span formats), from this token file; default: tokenized as convert does', metavar: 'FILE' }),
    ...readFormatOptions,
  },
  positionals: { min: 1, what: 'at least one NAME=PRED' },
});

export async function run({ values, positionals }: ArgsOf<typeof command>): Promise<number> {
  if (values.gold === undefined) throw new InputError('--gold is required; see gujnlp compare --help');
  const { scheme, align, samples, seed, mode } = values;
  const systems = positionals.map(parseSystem);
  const names = new Set<string>();
  for (const s of systems) {
    if (names.has(s.name)) throw new InputError(`system name '${s.name}' given twice`);
    names.add(s.name);
  }
  const format = values.format;
  const report = format === 'html' || values.out !== undefined;
  if (report && (mode !== 'default' || (align !== undefined && align !== 'expand'))) {
    throw new InputError('the report (--format html, --out) scores as gujnlp bench does: default mode, expand alignment; drop --mode/--align');
  }
  const compareOpts = { samples, seed, mode, scheme: scheme ?? 'IOB2', ...labelMapping(values) } as const;

  // line-based files are read in step, gold beside each prediction (memory: one byte per token and side)
  const { canReadInStep, pairedCorpus, NotInStep } = await import('../stream/pairs.js');
  if (format !== 'html' && values.out === undefined && values.tokens === undefined && (await canReadInStep(values.gold, ...systems.map((s) => s.path)))) {
    try {
      const corpora: Record<string, TagCorpus> = {};
      for (const s of systems) {
        const { corpus } = await pairedCorpus(values.gold, s.path, { scheme, align });
        corpora[s.name] = assertScorableCorpus(corpus, values.gold);
      }
      process.stdout.write(renderLeaderboard(compareCorpora(corpora, compareOpts), format));
      return 0;
    } catch (err) {
      if (!(err instanceof NotInStep)) throw err;
      // documents in another order: paired by id below
    }
  }

  const { readForScoring, readTokenFile, assertScorable } = await import('../formats/scoring-input.js');
  const { documentsToTags } = await import('../eval/documents.js');
  const fmt = { ...formatOptionsOf(values), scheme, tokens: values.tokens };
  const tokenDocs = readTokenFile(values.tokens, scheme);
  // span formats are tokenized exactly as convert does; never a leaderboard over zero tokens or gold entities
  const goldDocs = readForScoring(values.gold, fmt, tokenDocs);
  assertScorable(goldDocs, values.gold);
  if (format === 'html' || values.out !== undefined) {
    // the report's scoring (bench/score.ts) gives the leaderboard too: computed once
    const { compareReport } = await import('../bench/compare-report.js');
    const read = systems.map(({ name, path }) => ({ name, path, docs: readForScoring(path, fmt, tokenDocs) }));
    const scored = compareReport({ gold: values.gold, goldDocs, systems: read, mapping: labelMapping(values), samples, seed, schema: values.schema });
    if (values.out !== undefined) {
      const { join } = await import('node:path');
      const { writeFilesAtomic } = await import('../io/atomic-write.js');
      const { guardOutputs } = await import('../io/output-guard.js');
      const files = [...scored.files].map(([f, content]) => [join(values.out!, f), content] as const);
      guardOutputs(
        files.map(([f]) => f),
        { inputs: [values.gold, ...systems.map((s) => s.path)] },
      );
      writeFilesAtomic(files);
    }
    process.stdout.write(format === 'html' ? scored.files.get('report.html')! : renderLeaderboard(scored.leaderboard, format));
    return 0;
  }
  let gold: string[][] | undefined;
  const preds: Record<string, string[][]> = {};
  for (const { name, path } of systems) {
    const t = documentsToTags(goldDocs, readForScoring(path, fmt, tokenDocs), { scheme, align }, `${name} (${path})`);
    gold ??= t.gold;
    preds[name] = t.pred;
  }
  // the tags were written from spans in compareOpts.scheme
  process.stdout.write(renderLeaderboard(bootstrapCompare(gold!, preds, compareOpts), format));
  return 0;
}

/** `NAME=PRED` → its name and path. */
function parseSystem(spec: string): { name: string; path: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) throw new InputError(`expected NAME=PRED, got '${spec}'`);
  return { name: spec.slice(0, eq), path: spec.slice(eq + 1) };
}
