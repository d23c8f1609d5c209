/**
 * `gujnlp dataset split|merge|status`: managing an annotated data set.
 *   split   deterministic train/dev/test files (label counts per split on stderr)
 *   merge   adjudicate two annotations (two files, or the two layers of a
 *           Label Studio export) with every conflict listed for a third person
 *   status  documents, finished/unfinished, entities per label and annotator
 * The algorithms are pure functions in src/dataset/; this file reads,
 * writes and reports.
 */
import { extname, join } from 'node:path';
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { loadSchema } from '../doc/schema.js';
import { FORMAT_NAMES, guessFormat, readAnnotations, renderAnnotations, withTokens, writeRendered, type FormatName, type FormatOptions, type ReadNotes } from '../formats/index.js';
import { hfColumns, renderDatasetCard } from '../formats/hf-card.js';
import { LS_NOTES } from '../formats/labelstudio.js';
import { checkDocuments } from '../validate/index.js';
import { problemToError } from '../io/problem.js';
import { parseRatios, splitDocuments, SPLIT_NAMES } from '../dataset/split.js';
import { layersOf, mergeDocuments, MERGE_STRATEGIES, pairForMerge, type Conflict } from '../dataset/merge.js';
import { fileStatus, type FileStatus } from '../dataset/status.js';
import { csvLines } from '../report/tables.js';
import { defineCommand, opt, type Args, type Command, type OptionSet } from './options.js';
import { alignOption, schemaOption, schemeOption, seedOption } from './common-options.js';
import { formatOptionsOf, readFormatOptions, writeFormatOptions } from './format-options.js';

const splitCommand = defineCommand({
  name: 'dataset split',
  usage: ['IN... --out DIR [options]'],
  description:
    'Splits annotated documents into train, dev and test files in DIR, the same way for the same input, ratios and seed; ' +
    'no document (or sentence, with --by sentence) is in two splits, and the layers of one Label Studio task stay together. ' +
    'Label counts per split go to stderr. With --to hf: DIR/train.jsonl, dev.jsonl, test.jsonl, labels.json and a dataset card README.md.',
  options: {
    out: opt.path({ help: 'output folder', metavar: 'DIR' }),
    ratios: opt.string({ help: 'train,dev,test ratios (sum 1, or 100)', default: '0.8,0.1,0.1', metavar: 'R,R,R' }),
    seed: seedOption(12345),
    by: opt.choice(['document', 'sentence'] as const, { help: 'unit of the split', default: 'document', metavar: 'UNIT' }),
    to: opt.choice(FORMAT_NAMES, { help: 'format of the split files', default: 'hf', metavar: 'F' }),
    scheme: schemeOption('tag scheme of token outputs', 'IOB2'),
    align: alignOption('spans off token boundaries', "the schema's, else expand"),
    schema: schemaOption,
    ...readFormatOptions,
    ...writeFormatOptions,
  },
  positionals: { min: 1, what: 'at least one annotation file' },
});

const mergeCommand = defineCommand({
  name: 'dataset merge',
  usage: ['A B -o OUT [options]', 'EXPORT.json -o OUT [options]   (the two annotators of one Label Studio export)'],
  description:
    'Adjudicates two annotations of the same documents: entities both agree on (same span and type) are kept; every conflict is ' +
    'listed with its document, sentence, span and both labels (--conflicts, CSV or JSONL by its extension) so a third person can decide.',
  options: {
    out: opt.path({ help: 'merged annotation file (format from its name, or --to)', short: 'o', metavar: 'OUT' }),
    strategy: opt.choice(MERGE_STRATEGIES, {
      help: 'what the merged file holds: a or b (that side), agreed (only agreed entities), union (agreed plus unopposed ones; overlapping disagreements left out)',
      default: 'agreed',
      metavar: 'S',
    }),
    conflicts: opt.path({ help: 'write the conflicts here (.csv or .jsonl)', metavar: 'FILE' }),
    to: opt.choice(FORMAT_NAMES, { help: 'output format', defaultHelp: 'guessed from OUT', metavar: 'F' }),
    scheme: schemeOption('tag scheme of token outputs', 'IOB2'),
    align: alignOption('spans off token boundaries', "the schema's, else expand"),
    schema: schemaOption,
    ...readFormatOptions,
    ...writeFormatOptions,
  },
  positionals: { min: 1, max: 2, what: 'A B (or one Label Studio export with two annotators)' },
});

const statusCommand = defineCommand({
  name: 'dataset status',
  usage: ['IN... [options]'],
  description: 'Documents, finished and unfinished (unannotated Label Studio tasks), entities per label and per annotator, for each file.',
  options: {
    format: opt.choice(['table', 'json'] as const, { help: 'output format', default: 'table', metavar: 'F' }),
    ...readFormatOptions,
  },
  positionals: { min: 1, what: 'at least one annotation file' },
});

const SUBCOMMANDS = { split: splitCommand, merge: mergeCommand, status: statusCommand } as const;
type SubName = keyof typeof SUBCOMMANDS;

let helpFor: SubName | undefined;

/** The group: `gujnlp dataset SUB ...` parses with the subcommand's declarations. */
export const command: Command<OptionSet> = {
  spec: { name: 'dataset', usage: ['split|merge|status ...'], description: 'Manage an annotated data set.', options: {} },
  parse(argv) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      helpFor = undefined;
      return undefined;
    }
    if (!Object.hasOwn(SUBCOMMANDS, sub)) throw new InputError(`unknown dataset command '${sub}' (one of ${Object.keys(SUBCOMMANDS).join(', ')}); see gujnlp dataset --help`);
    const parsed = (SUBCOMMANDS[sub as SubName] as Command<OptionSet>).parse(rest);
    if (parsed === undefined) {
      helpFor = sub as SubName;
      return undefined;
    }
    return { values: parsed.values, positionals: [sub, ...parsed.positionals] };
  },
  help() {
    if (helpFor !== undefined) return SUBCOMMANDS[helpFor].help();
    return [
      'usage: gujnlp dataset split IN... --out DIR [options]',
      '       gujnlp dataset merge A B -o OUT [--strategy a|b|agreed|union] [--conflicts FILE]',
      '       gujnlp dataset status IN...',
      '',
      'split   deterministic train/dev/test files, label counts per split',
      'merge   adjudicate two annotators (or the layers of one Label Studio export), conflicts listed',
      'status  documents, finished/unfinished, entities per label and per annotator',
      '',
      "Run 'gujnlp dataset COMMAND --help' for its options.",
      '',
    ].join('\n');
  },
};

const err = (s: string): void => {
  process.stderr.write(`gujnlp dataset ${s}\n`);
};

/** Reads files with the format options; ids must not repeat across files. */
function readAll(files: readonly string[], fmt: FormatOptions, onNotes?: (file: string, notes: ReadNotes) => void): Document[] {
  const seen = new Map<string, string>();
  const docs: Document[] = [];
  for (const f of files) {
    const ds = readAnnotations(f, { ...fmt, onNotes: onNotes === undefined ? undefined : (n, file) => onNotes(file, n) });
    for (const d of ds) {
      const other = seen.get(d.id);
      if (other !== undefined && other !== f) throw new InputError(`document ${d.id} is also in ${other}; document ids must be unique across the inputs`, { file: f });
      seen.set(d.id, f);
    }
    docs.push(...ds);
  }
  return docs;
}

function refuseProblems(docs: readonly Document[], schemaPath: string | undefined): ReturnType<typeof loadSchema> {
  const schema = loadSchema(schemaPath);
  const problems = checkDocuments(docs, { schema });
  if (problems.length > 0) {
    const e = problemToError(problems[0]);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: gujnlp validate)` : '';
    throw new InputError(`${e.problem}${more}`, { file: e.file, line: e.line });
  }
  return schema;
}

const EXT: Partial<Record<FormatName, string>> = { json: '.json', conll: '.conll', conllu: '.conllu', iob: '.iob', hf: '.jsonl', doccano: '.jsonl', labelstudio: '.json', csv: '.csv' };

async function runSplit(values: Record<string, unknown>, inputs: string[]): Promise<number> {
  const v = values as { out?: string; ratios: string; seed: number; by: 'document' | 'sentence'; to: FormatName; scheme?: never; align?: 'expand' | 'contract' | 'strict'; schema?: string };
  if (v.out === undefined) throw new InputError('--out DIR is required; see gujnlp dataset split --help');
  const ratios = parseRatios(v.ratios);
  const fmt = formatOptionsOf(values);
  const read = readAll(inputs, fmt);
  if (read.length === 0) throw new InputError('no finished documents to split', { file: inputs[0] });
  // sentences need tokens: standoff documents are tokenized as convert does
  const docs = v.by === 'sentence' ? withTokens(read).docs : read;
  const schema = refuseProblems(docs, v.schema);
  const r = splitDocuments(docs, { ratios, seed: v.seed, by: v.by });
  // one label list for every split, so ner_tags mean the same in each
  const found = [...new Set(docs.flatMap((d) => d.entities.map((e) => e.label)))].filter((l) => !schema.labels.includes(l)).sort();
  const labels = [...schema.labels, ...found];
  const files = new Map<string, string>();
  const rows: { split: string; path: string; rows: number }[] = [];
  let hfLabels: string[] = [];
  for (const name of SPLIT_NAMES) {
    if (r.splits[name].length === 0) continue;
    const path = v.to === 'brat' ? join(v.out, name) : join(v.out, `${name}${EXT[v.to] ?? ''}`);
    const rendered = renderAnnotations(r.splits[name], { format: v.to, scheme: v.scheme, align: v.align ?? schema.align ?? 'expand', labels, path, ...fmt });
    for (const [p, c] of rendered.files) files.set(p, c);
    if (v.to === 'hf') {
      rows.push({
        split: name === 'dev' ? 'validation' : name,
        path: `${name}.jsonl`,
        rows: rendered.files
          .get(path)!
          .split('\n')
          .filter((l) => l !== '').length,
      });
      hfLabels = JSON.parse(rendered.files.get(join(v.out, 'labels.json'))!) as string[];
    }
  }
  if (v.to === 'hf') {
    const withColumns = [...files].some(([p, c]) => p.endsWith('.jsonl') && c.includes('"columns":'));
    files.set(join(v.out, 'README.md'), renderDatasetCard(hfColumns(hfLabels, withColumns), rows, hfLabels));
  }
  writeRendered([...files]);
  const units = v.by === 'sentence' ? 'sentences' : 'documents';
  for (const name of SPLIT_NAMES) {
    const counts = Object.entries(r.labels[name])
      .map(([l, n]) => `${l} ${n}`)
      .join(', ');
    err(`split: ${name}: ${r.splits[name].length} ${units}, ${r.splits[name].reduce((n, d) => n + d.entities.length, 0)} entities${counts === '' ? '' : ` (${counts})`}`);
  }
  err(`split: wrote ${[...files.keys()].join(', ')}`);
  return 0;
}

function conflictsText(conflicts: readonly Conflict[], path: string): string {
  const cols = ['doc', 'start', 'end', 'text', 'kind', 'a', 'b', 'kept', 'sentence'] as const;
  if (extname(path).toLowerCase() === '.csv')
    return csvLines(
      cols,
      conflicts.map((c) => cols.map((k) => c[k])),
    );
  if (extname(path).toLowerCase() === '.jsonl') return conflicts.map((c) => `${JSON.stringify(c)}\n`).join('');
  throw new InputError('the conflicts file must end in .csv or .jsonl', { file: path });
}

async function runMerge(values: Record<string, unknown>, inputs: string[]): Promise<number> {
  const v = values as { out?: string; strategy: (typeof MERGE_STRATEGIES)[number]; conflicts?: string; to?: FormatName; scheme?: never; align?: 'expand' | 'contract' | 'strict'; schema?: string };
  if (v.out === undefined) throw new InputError('-o OUT is required; see gujnlp dataset merge --help');
  const fmt = formatOptionsOf(values);
  let pairs;
  let names: [string, string];
  if (inputs.length === 1) {
    const docs = readAll(inputs, { ...fmt, annotations: 'all' });
    const l = layersOf(docs, inputs[0]);
    names = l.names;
    pairs = pairForMerge(l.a, l.b, names);
  } else {
    names = [inputs[0], inputs[1]];
    pairs = pairForMerge(readAll([inputs[0]], fmt), readAll([inputs[1]], fmt), names);
  }
  const schema = refuseProblems(pairs.flat(), v.schema);
  const m = mergeDocuments(pairs, v.strategy);
  const to = v.to ?? (/\.jsonl$/i.test(v.out) ? 'doccano' : guessFormat(v.out));
  const rendered = renderAnnotations(m.docs, { format: to, scheme: v.scheme, align: v.align ?? schema.align ?? 'expand', labels: schema.labels, path: v.out, ...fmt });
  const files = [...rendered.files];
  if (v.conflicts !== undefined) files.push([v.conflicts, conflictsText(m.conflicts, v.conflicts)]);
  writeRendered(files);
  const kinds = new Map<string, number>();
  for (const c of m.conflicts) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const kept = m.docs.reduce((n, d) => n + d.entities.length, 0);
  err(
    `merge: ${m.docs.length} documents of ${names[0]} and ${names[1]}: ${m.agreed} entities agreed, ${m.conflicts.length} conflicts${kinds.size > 0 ? ` (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`,
  );
  err(`merge: strategy ${v.strategy}: ${kept} entities written to ${v.out}${v.conflicts !== undefined ? `; conflicts in ${v.conflicts}` : ''}`);
  if (v.conflicts === undefined && m.conflicts.length > 0) {
    for (const c of m.conflicts.slice(0, 10)) err(`merge:   ${c.doc} ${c.start}-${c.end} ${JSON.stringify(c.text)} ${c.kind}: A [${c.a}] B [${c.b}]`);
    if (m.conflicts.length > 10) err(`merge:   ... and ${m.conflicts.length - 10} more: give --conflicts FILE to list them all`);
  }
  return 0;
}

function renderStatus(all: readonly FileStatus[], format: 'table' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(all)}\n`;
  const out: string[] = [];
  for (const s of all) {
    out.push(`${s.file}: ${s.documents} documents (${s.finished} finished, ${s.unfinished} unfinished), ${s.entities} entities`);
    const labels = Object.entries(s.perLabel);
    if (labels.length > 0) out.push(`  per label: ${labels.map(([l, n]) => `${l} ${n}`).join(', ')}`);
    for (const [who, a] of Object.entries(s.perAnnotator)) out.push(`  annotator ${who}: ${a.documents} documents, ${a.entities} entities`);
  }
  return `${out.join('\n')}\n`;
}

async function runStatus(values: Record<string, unknown>, inputs: string[]): Promise<number> {
  const fmt = formatOptionsOf(values);
  const all: FileStatus[] = [];
  for (const f of inputs) {
    let notes: ReadNotes = new Map();
    // every annotation as a layer, so each annotator's work is counted
    const docs = readAnnotations(f, { annotations: 'all', ...fmt, onNotes: (n) => (notes = n) });
    all.push(fileStatus(f, docs, notes.get(LS_NOTES.unfinished) ?? 0));
  }
  process.stdout.write(renderStatus(all, (values as { format: 'table' | 'json' }).format));
  return 0;
}

export async function run({ values, positionals }: Args<OptionSet>): Promise<number> {
  const [sub, ...inputs] = positionals;
  const v = values as Record<string, unknown>;
  if (sub === 'split') return runSplit(v, inputs);
  if (sub === 'merge') return runMerge(v, inputs);
  return runStatus(v, inputs);
}
