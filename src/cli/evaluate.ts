/**
 * `gujnlp evaluate FILE` (conlleval-style columns, last two = gold, pred)
 * `gujnlp evaluate --gold G --pred P` (any annotation format)
 * Prints seqeval, nervaluate and conlleval figures from one pass.
 */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../io/errors.js';
import type { AlignMode, TagScheme } from '../tags/scheme.js';
import type { Document } from '../doc/types.js';
import { parseConllBytes, readConllFile } from '../eval/conll-tags.js';
import { assertScorableCorpus, encodeSequences, type TagCorpus } from '../eval/corpus.js';
import { evaluateCorpus, type EvalMode } from '../eval/evaluate.js';
import { renderEvaluation as renderReport, REPORT_FORMATS, type ReportFormat } from '../report/evaluation.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { alignOption, ignoreOption, mapOption, modeOption, reportFormatOption, schemeOption } from './common-options.js';
import { formatOptionsOf, readFormatOptions } from './format-options.js';
import type { FormatOptions } from '../formats/index.js';

export const command = defineCommand({
  name: 'evaluate',
  usage: ['FILE [options]', '--gold GOLD --pred PRED [options]'],
  description:
    'FILE is conlleval-style: whitespace-separated columns, the last two are the\n' +
    'gold and the predicted tag; a blank line or a -X- / -DOCSTART- line ends a\n' +
    "sentence ('-' reads stdin). GOLD and PRED are annotation files of any\n" +
    'supported format with the same tokens.',
  options: {
    gold: opt.path({ help: 'gold annotation file (with --pred)', metavar: 'GOLD' }),
    pred: opt.path({ help: 'predicted annotation file (with --gold)', metavar: 'PRED' }),
    mode: modeOption('entities nervaluate scores'),
    scheme: schemeOption('tag scheme (strict decoding)', 'guessed from the tags'),
    map: mapOption('rename a type before scoring (repeatable), e.g. --map GPE=LOC; FROM=O drops the type'),
    ignore: ignoreOption(),
    format: reportFormatOption(REPORT_FORMATS, 'table'),
    align: alignOption('with --gold/--pred: spans off token boundaries'),
    spans: opt.choice(['exact', 'overlap'] as const, {
      help: 'with --gold/--pred: score character spans of the documents instead of tags (no tokens involved); prints P/R/F1 per label',
      metavar: 'M',
    }),
    'ignore-unannotated': opt.boolean({
      help: "with --spans: leave out predictions outside the gold's annotated regions (meta.annotated, else sentences holding a gold entity)",
    }),
    tokens: opt.path({ help: 'with --gold/--pred: tokens for documents without them (span formats), from this token file; default: tokenized as convert does', metavar: 'FILE' }),
    'conlleval-input': opt.path({ help: "with --gold/--pred: also write conlleval.pl's input (token gold pred, space-separated) to this file", metavar: 'FILE' }),
    ...readFormatOptions,
  },
  footer: 'figures: seqeval = seqeval 1.2.2 classification_report; nervaluate = nervaluate 1.1.0\n' + 'counts with SemEval-2013 scores; conlleval = conlleval.pl (2004-01-26).',
});

export interface EvaluateArgs {
  file?: string;
  gold?: string;
  pred?: string;
  mode: EvalMode;
  scheme?: TagScheme;
  map: Record<string, string>;
  ignore: string[];
  format: ReportFormat;
  align?: AlignMode;
  spans?: 'exact' | 'overlap';
  ignoreUnannotated: boolean;
  tokens?: string;
  conllevalInput?: string;
  formats: FormatOptions;
}

/** The checks across options of the parsed command line. */
export function evaluateArgs({ values, positionals }: ArgsOf<typeof command>): EvaluateArgs {
  const spans = values.spans;
  if (spans !== undefined && values.format === 'conlleval') throw new InputError('--spans prints a span report: use --format table, json, csv or md');
  if (values['ignore-unannotated'] && spans === undefined) throw new InputError('--ignore-unannotated goes with --spans');
  const args: EvaluateArgs = {
    mode: values.mode,
    scheme: values.scheme,
    map: values.map,
    ignore: values.ignore,
    format: values.format,
    align: values.align,
    spans,
    ignoreUnannotated: values['ignore-unannotated'],
    tokens: values.tokens,
    conllevalInput: values['conlleval-input'],
    formats: formatOptionsOf(values),
  };
  if ((values.tokens !== undefined || values['conlleval-input'] !== undefined) && values.gold === undefined) throw new InputError('--tokens and --conlleval-input go with --gold and --pred');
  if (values.gold !== undefined || values.pred !== undefined) {
    if (values.gold === undefined || values.pred === undefined) throw new InputError('--gold and --pred go together');
    if (positionals.length > 0) throw new InputError('give either FILE or --gold/--pred, not both');
    args.gold = values.gold;
    args.pred = values.pred;
  } else {
    if (positionals.length !== 1) throw new InputError('expected one FILE (or --gold G --pred P); see gujnlp evaluate --help');
    if (spans !== undefined) throw new InputError('--spans needs --gold and --pred annotation files');
    args.file = positionals[0];
  }
  return args;
}

/** The tags of a conlleval-style file or stdin ('-'), with clear errors. */
export function readConllTags(path: string): TagCorpus {
  if (path === '-') return parseConllBytes(readFileSync(0), '<stdin>');
  try {
    if (statSync(path).isDirectory()) throw new InputError('is a directory, expected a file', { file: path });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('no such file', { file: path });
  }
  return readConllFile(path);
}

async function readDocumentPair(args: EvaluateArgs): Promise<TagCorpus> {
  // line-based files are read in step, sentence by sentence (memory: one byte per token and side)
  const { canReadInStep, pairedCorpus, NotInStep } = await import('../stream/pairs.js');
  if (args.tokens === undefined && args.conllevalInput === undefined && (await canReadInStep(args.gold!, args.pred!))) {
    try {
      const { corpus, misaligned } = await pairedCorpus(args.gold!, args.pred!, { scheme: args.scheme, align: args.align });
      assertScorableCorpus(corpus, args.gold!);
      if (misaligned.gold > 0 || misaligned.pred > 0) {
        process.stderr.write(`gujnlp evaluate: entities not on token boundaries (aligned with --align ${args.align ?? 'expand'}): gold ${misaligned.gold}, prediction ${misaligned.pred}\n`);
      }
      return corpus;
    } catch (err) {
      if (!(err instanceof NotInStep)) throw err;
      // documents in another order: paired by id below
    }
  }
  const { readScoringPair, readTokenFile } = await import('../formats/scoring-input.js');
  const { documentsToTags } = await import('../eval/documents.js');
  // span formats are tokenized exactly as convert does (or take --tokens); nothing scored over zero tokens
  const { gold, pred } = readScoringPair(args.gold!, args.pred!, { ...args.formats, scheme: args.scheme, tokens: args.tokens, command: 'evaluate' }, readTokenFile(args.tokens, args.scheme));
  const t = documentsToTags(gold, pred, { scheme: args.scheme, align: args.align });
  if (args.conllevalInput !== undefined) {
    const { renderConllevalInput } = await import('../formats/conlleval-input.js');
    const { writeFileAtomic } = await import('../io/atomic-write.js');
    writeFileAtomic(args.conllevalInput, renderConllevalInput(gold, pred, { scheme: args.scheme, align: args.align }));
  }
  if (t.misaligned.gold > 0 || t.misaligned.pred > 0) {
    process.stderr.write(`gujnlp evaluate: entities not on token boundaries (aligned with --align ${args.align ?? 'expand'}): gold ${t.misaligned.gold}, prediction ${t.misaligned.pred}\n`);
  }
  return encodeSequences(t.gold, t.pred);
}

/** Character-span evaluation of the two annotation files. */
async function spanReport(args: EvaluateArgs): Promise<string> {
  const { evaluateSpans } = await import('../eval/spans.js');
  const { mapDocument } = await import('../eval/mapping.js');
  const { csvLines, ratio, renderMarkdown, renderText } = await import('../report/tables.js');
  const mapping = { map: args.map, ignore: args.ignore };
  const relabel = (docs: readonly Document[]) => docs.map((d) => mapDocument(d, mapping));
  const { readScoringPair } = await import('../formats/scoring-input.js');
  const pair = readScoringPair(args.gold!, args.pred!, { ...args.formats, scheme: args.scheme, command: 'evaluate', needTokens: false });
  const gold = relabel(pair.gold);
  const pred = relabel(pair.pred);
  const r = evaluateSpans(gold, pred, { match: args.spans, ignoreUnannotated: args.ignoreUnannotated });
  if (args.format === 'json') return JSON.stringify(r) + '\n';
  const rows = [...Object.entries(r.types), ['overall', r.overall] as const];
  if (args.format === 'csv') {
    return csvLines(
      ['label', 'gold', 'predicted', 'correct', 'precision', 'recall', 'f1'],
      rows.map(([k, v]) => [k, v.gold, v.system, v.correct, v.precision, v.recall, v.f1]),
    );
  }
  const table = {
    title: `character spans, ${r.match} match${args.ignoreUnannotated ? `; ${r.ignored} predictions outside annotated regions left out` : ''}`,
    header: ['label', 'gold', 'predicted', 'correct', 'precision', 'recall', 'f1'],
    rows: rows.map(([k, v]) => [k, String(v.gold), String(v.system), String(v.correct), ratio(v.precision), ratio(v.recall), ratio(v.f1)]),
  };
  return args.format === 'md' ? renderMarkdown([table]) : renderText([table]);
}

export async function run(parsed: ArgsOf<typeof command>): Promise<number> {
  const args = evaluateArgs(parsed);
  if (args.spans !== undefined) {
    process.stdout.write(await spanReport(args));
    return 0;
  }
  const opts = { mode: args.mode, scheme: args.scheme ?? 'auto', map: args.map, ignore: args.ignore } as const;
  const ev = args.file !== undefined ? evaluateCorpus(assertScorableCorpus(readConllTags(args.file), args.file), opts) : evaluateCorpus(await readDocumentPair(args), opts);
  if (ev.schemeGuessed && args.format !== 'json' && args.format !== 'conlleval' && args.format !== 'csv') {
    process.stderr.write(`gujnlp evaluate: tag scheme ${ev.scheme ?? '(none fits)'} guessed from the tags; name it with --scheme\n`);
  }
  process.stdout.write(renderReport(ev, args.format));
  return 0;
}
