/**
 * `gujnlp annotate [FILE|DIR|-] [--model SPEC] [--rank uncertainty] [--format F] [-o OUT] [--map A=B]...
 *  [--aggregate first|max|average] [--input-format F]`
 *
 * Runs an NER model over raw text (tokenized and split by gujnlp) or over
 * an annotation file whose tokens and sentences are kept exactly as they
 * are (so pre-tokenized data such as WikiANN is scored on its own tokens),
 * and writes the predictions in any format of the converters. stdout
 * carries data only; progress and alignment notes go to stderr.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { documentFromText } from '../segment/document.js';
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { readTextFile } from '../io/read-text.js';
import { FORMAT_NAMES, guessFormat, readAnnotations, writeAnnotations, type AlignmentReport, type FormatName, type FormatOptions } from '../formats/index.js';
import { defaultJobs, needsWholeFiles, runAnnotateStream } from '../stream/annotate-run.js';
import { conllLine } from '../stream/annotate-input.js';
import { DEFAULT_MODEL, loadAnnotator } from '../annotate/registry.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { mapOption, schemeOption } from './common-options.js';
import { softNewlinesOption } from './text-options.js';
import { formatOptionsOf, readFormatOptions, writeFormatOptions } from './format-options.js';
import { documentsPerLine } from '../formats/doc-per-line.js';

export const command = defineCommand({
  name: 'annotate',
  usage: ['[FILE|DIR|-] [--model SPEC] [options]'],
  description:
    'Runs an NER model and writes its predictions.\n' +
    'Input: raw UTF-8 text (tokenized and split by gujnlp), or an annotation file\n' +
    'in any supported format (its tokens and sentences are kept as they are, its\n' +
    'entities replaced by the predictions); a DIR of .ann/.txt pairs is brat, any\n' +
    'other DIR is read file by file. - or no FILE reads raw text from stdin.',
  options: {
    model: opt.string({
      help: 'ner-gu (the shipped statistical model) | rules | perceptron:PATH | PATH.json | onnx:DIR | file:PATH',
      default: DEFAULT_MODEL,
      short: 'm',
      metavar: 'SPEC',
    }),
    rank: opt.choice(['uncertainty'], {
      help: "order the output documents: 'uncertainty' writes the ones the model is least sure of first (what to correct next); the order is printed on stderr",
      defaultHelp: 'input order',
      metavar: 'BY',
    }),
    format: opt.choice(FORMAT_NAMES, { help: 'output format', defaultHelp: "the input's format, json for raw text", short: 'f', metavar: 'F' }),
    output: opt.path({ help: 'output file (- = stdout; brat writes OUT.ann + OUT.txt)', default: '-', short: 'o', metavar: 'OUT' }),
    'input-format': opt.choice(['text', ...FORMAT_NAMES], { help: "read the input as this format ('text': raw text)", defaultHelp: 'guessed', metavar: 'F' }),
    map: mapOption('relabel predictions FROM to TO (repeatable); FROM=O drops type FROM'),
    scheme: schemeOption('tag scheme of token formats', 'IOB2'),
    'soft-newlines': softNewlinesOption,
    'doc-per-line': opt.boolean({ help: 'raw text input: one document per line (id = line number, or the first column of ID<TAB>text lines)' }),
    ...readFormatOptions,
    ...writeFormatOptions,
    aggregate: opt.string({ help: 'onnx: subword aggregation first|max|average', metavar: 'A' }),
    'batch-size': opt.integer({ help: 'onnx: windows per onnxruntime call', defaultHelp: '32', min: 1 }),
    stride: opt.integer({ help: 'onnx: pieces shared by overlapping windows of a long sentence', defaultHelp: 'half a window', min: 0 }),
    'max-length': opt.integer({ help: "onnx: the model's input limit in pieces (special tokens included), at most its position embeddings", min: 3 }),
    jobs: opt.integer({ help: 'worker threads for rules and perceptron models; the output is identical for any N', defaultHelp: 'every core', min: 1, short: 'j', metavar: 'N' }),
    resume: opt.boolean({ help: 'with -o DIR/: skip inputs whose output is already complete' }),
  },
  positionals: { max: 1, what: 'at most one input (FILE, DIR or -)' },
  footer:
    'Offsets in every output are Unicode code points. Token formats tag whole\n' +
    'tokens (expand alignment): a span that ends before a case ending tags the token.\n' +
    'Input is streamed: memory stays bounded by the largest document (a huge text\n' +
    'is cut at sentence ends); progress with ETA goes to stderr. With -o DIR/ (an\n' +
    'existing folder, or a path ending in /) each input file gets its own output.',
});

export async function run({ values, positionals }: ArgsOf<typeof command>): Promise<number> {
  const inputFormat = values['input-format'];
  const map = values.map;

  const input = positionals[0] ?? '-';
  const fmt = formatOptionsOf(values);
  if (values['doc-per-line'] && inputFormat !== undefined && inputFormat !== 'text') throw new InputError('--doc-per-line reads raw text; it does not go with --input-format ' + inputFormat);
  const load = {
    map,
    aggregate: values.aggregate,
    batchSize: values['batch-size'],
    stride: values.stride,
    maxLength: values['max-length'],
  };
  const bratDir = input !== '-' && inputFormat === undefined && existsSync(input) && statSync(input).isDirectory() && readdirSync(input).some((f) => f.toLowerCase().endsWith('.ann'));
  // format options (Label Studio names, doccano offsets, docstart) and --doc-per-line read whole files
  const streamable = !values['doc-per-line'] && Object.keys(fmt).length === 0;
  if (streamable && !needsWholeFiles(values.model) && !bratDir && values.rank !== 'uncertainty') {
    const reports = await runAnnotateStream({
      input,
      inputFormat,
      output: values.output,
      format: values.format,
      scheme: values.scheme,
      softNewlines: values['soft-newlines'],
      spec: values.model,
      load,
      jobs: values.jobs ?? defaultJobs(),
      resume: values.resume,
    });
    for (const report of reports) printReport(report);
    return 0;
  }
  // predictions from a file, brat folders and ranking: whole documents in memory
  if (values.resume) throw new InputError(`--resume is not available for '${values.model}', a brat folder or --rank (they read whole files)`);
  const read = values['doc-per-line']
    ? { docs: documentsPerLine(readTextFile(input), input === '-' ? '<stdin>' : input, { softNewlines: values['soft-newlines'] }), format: undefined }
    : readInput(input, inputFormat, values['soft-newlines'], fmt);
  const docs = read.docs.map((d) => withTokens(d, values['soft-newlines']));
  const readFormat = read.format;
  const format: FormatName = values.format ?? readFormat ?? 'json';

  const annotator = await loadAnnotator(values.model, load);
  const rank = values.rank === 'uncertainty';
  if (rank && annotator.annotateWithUncertainty === undefined) {
    throw new InputError(`--rank uncertainty needs a statistical model that reports its confidence (ner-gu, perceptron:PATH); '${values.model}' does not`);
  }
  let out: Document[] = [];
  const uncertainty: number[] = [];
  const started = Date.now();
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    let entities;
    if (rank) {
      const r = await annotator.annotateWithUncertainty!(doc);
      entities = r.entities;
      uncertainty.push(r.uncertainty);
    } else entities = await annotator.annotate(doc);
    out.push({ ...doc, entities: entities.map((e) => ({ ...e, text: doc.text.slice(e.start, e.end), source: e.source ?? annotator.name })) });
    if (docs.length > 1 && (i + 1) % 100 === 0) process.stderr.write(`annotate: ${i + 1}/${docs.length} documents, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  if (rank) {
    const order = rankByUncertainty(uncertainty);
    out = order.map((i) => out[i]);
    process.stderr.write(`annotate: documents most uncertain first (expected sentences tagged wrong):\n`);
    for (const i of order) process.stderr.write(`  ${docs[i].id}\t${uncertainty[i].toFixed(3)}\n`);
  }
  printReport(writeAnnotations(values.output, out, { format, scheme: values.scheme, align: 'expand', ...fmt }));
  return 0;
}

function printReport(report: AlignmentReport): void {
  const n = report.counts;
  if (n.expanded + n.contracted + n.dropped > 0) {
    process.stderr.write(`annotate: token tags hold whole tokens: ${n.expanded} entities expanded to token bounds, ${n.contracted} contracted, ${n.dropped} dropped\n`);
  }
  if (report.skipped.length > 0) process.stderr.write(`annotate: not written to stdout: ${report.skipped.join(', ')} (use -o)\n`);
}

/** Document indices, most uncertain first; ties keep the input order. */
export function rankByUncertainty(uncertainty: readonly number[]): number[] {
  return uncertainty.map((_, i) => i).sort((a, b) => uncertainty[b] - uncertainty[a] || a - b);
}

/**
 * Standoff formats without tokens (brat, doccano, Label Studio) are
 * tokenized and split by gujnlp, as raw text would be; files that carry
 * tokens (json, CoNLL, HF, CSV) keep theirs.
 */
export function withTokens(doc: Document, softNewlines: boolean): Document {
  if (doc.tokens.length > 0 || doc.text.trim() === '') return doc;
  const t = documentFromText(doc.id, doc.text, { softNewlines });
  return { ...doc, tokens: t.tokens, sentences: t.sentences };
}

/** True when a .txt file reads as token-per-line CoNLL (every non-blank line ends in a tag). */
export function looksLikeConll(content: string): boolean {
  let lines = 0;
  for (const raw of content.split(/\r?\n/)) {
    const ok = conllLine(raw);
    if (ok === false) return false;
    if (ok === true) lines++;
  }
  return lines > 0;
}

function textDoc(path: string, softNewlines: boolean): Document {
  const text = readTextFile(path);
  const id = path === '-' ? 'stdin' : basename(path, extname(path));
  return documentFromText(id, text, { softNewlines });
}

/** Reads one input; returns the documents and the annotation format read (undefined for raw text). */
export function readInput(path: string, forced: FormatName | 'text' | undefined, softNewlines: boolean, fmt: FormatOptions = {}): { docs: Document[]; format: FormatName | undefined } {
  if (forced === 'text') return { docs: [textDoc(path, softNewlines)], format: undefined };
  if (forced !== undefined) return { docs: readAnnotations(path, { format: forced, ...fmt }), format: forced };
  if (path === '-') return { docs: [textDoc(path, softNewlines)], format: undefined };
  if (!existsSync(path)) throw new InputError('no such file or directory', { file: path });
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path).sort();
    if (files.some((f) => f.toLowerCase().endsWith('.ann'))) return { docs: readAnnotations(path, { format: 'brat' }), format: 'brat' };
    const docs: Document[] = [];
    let format: FormatName | undefined;
    for (const f of files) {
      const p = join(path, f);
      // corpus metadata (`x.meta.json`) and hidden files are not inputs
      if (!statSync(p).isFile() || f.startsWith('.') || f.endsWith('.meta.json')) continue;
      const one = readInput(p, undefined, softNewlines, fmt);
      docs.push(...one.docs);
      format ??= one.format;
    }
    if (docs.length === 0) throw new InputError('directory holds no input files', { file: path });
    return { docs, format };
  }
  const lower = path.toLowerCase();
  if (lower.endsWith('.txt') && !existsSync(path.slice(0, -4) + '.ann')) {
    const content = readTextFile(path);
    if (!looksLikeConll(content)) return { docs: [textDoc(path, softNewlines)], format: undefined };
    return { docs: readAnnotations(path, { format: 'conll', ...fmt }), format: 'conll' };
  }
  let format: FormatName;
  try {
    format = guessFormat(path);
  } catch {
    return { docs: [textDoc(path, softNewlines)], format: undefined }; // not an annotation file name: raw text
  }
  return { docs: readAnnotations(path, { format, ...fmt }), format };
}
