/**
 * `gujnlp annotate [FILE|DIR|-] --model SPEC [--format F] [-o OUT] [--map A=B]...
 *  [--allow-remote] [--aggregate first|max|average] [--input-format F]`
 *
 * Runs an NER model over raw text (tokenized and split by gujnlp) or over
 * an annotation file whose tokens and sentences are kept exactly as they
 * are (so pre-tokenized data such as WikiANN is scored on its own tokens),
 * and writes the predictions in any format of the converters. stdout
 * carries data only; progress and alignment notes go to stderr.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { documentFromText } from '../segment/document.js';
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { readTextFile } from '../io/read-text.js';
import { FORMAT_NAMES, guessFormat, isFormatName, readAnnotations, writeAnnotations, type FormatName } from '../formats/index.js';
import { loadAnnotator } from '../annotate/registry.js';
import { isTagScheme, type TagScheme } from '../tags/scheme.js';

const USAGE = `usage: gujnlp annotate [FILE|DIR|-] --model SPEC [options]

Runs an NER model and writes its predictions.
Input: raw UTF-8 text (tokenized and split by gujnlp), or an annotation file
in any supported format (its tokens and sentences are kept as they are, its
entities replaced by the predictions); a DIR of .ann/.txt pairs is brat, any
other DIR is read file by file. - or no FILE reads raw text from stdin.

  --model SPEC           rules | perceptron:PATH | PATH.json | onnx:DIR | file:PATH
  --format F             output format: ${FORMAT_NAMES.join('|')}
                         (default: the input's format, json for raw text)
  -o, --output OUT       output file (default - = stdout; brat writes OUT.ann + OUT.txt)
  --input-format F       read the input as this format (or 'text' for raw text)
  --map A=B              relabel predictions (repeatable); A=O drops type A
  --scheme S             tag scheme of token formats (IOB2 default; IOB1 IOE1 IOE2 IOBES BILOU)
  --soft-newlines        raw text: a single line break does not end a sentence
  --allow-remote         onnx: allow a hub id to be fetched (never by default)
  --aggregate A          onnx: subword aggregation first|max|average
  --batch-size N         onnx: windows per onnxruntime call (default 32)
  --stride N             onnx: pieces shared by overlapping windows of a long sentence (default half a window)
  --max-length N         onnx: override the model's input limit in pieces (special tokens included)
Offsets in every output are Unicode code points. Token formats tag whole
tokens (expand alignment): a span that ends before a case ending tags the token.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      model: { type: 'string', short: 'm' },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      'input-format': { type: 'string' },
      map: { type: 'string', multiple: true },
      scheme: { type: 'string' },
      'soft-newlines': { type: 'boolean' },
      'allow-remote': { type: 'boolean' },
      aggregate: { type: 'string' },
      'batch-size': { type: 'string' },
      stride: { type: 'string' },
      'max-length': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new InputError(`expected at most one input (FILE, DIR or -), got ${positionals.length}`);
  if (values.model === undefined) throw new InputError(`--model is required (rules, perceptron:PATH, onnx:DIR, file:PATH)\n\n${USAGE}`);
  if (values.format !== undefined && !isFormatName(values.format)) throw new InputError(`unknown --format '${values.format}': use ${FORMAT_NAMES.join(', ')}`);
  const inputFormat = values['input-format'];
  if (inputFormat !== undefined && inputFormat !== 'text' && !isFormatName(inputFormat)) {
    throw new InputError(`unknown --input-format '${inputFormat}': use text, ${FORMAT_NAMES.join(', ')}`);
  }
  if (values.scheme !== undefined && !isTagScheme(values.scheme)) throw new InputError(`unknown --scheme '${values.scheme}'`);
  const map = parseMap(values.map ?? []);

  const input = positionals[0] ?? '-';
  const read = readInput(input, inputFormat as FormatName | 'text' | undefined, values['soft-newlines'] === true);
  const docs = read.docs.map((d) => withTokens(d, values['soft-newlines'] === true));
  const readFormat = read.format;
  const format: FormatName = (values.format as FormatName | undefined) ?? readFormat ?? 'json';

  const count = (flag: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InputError(`--${flag} must be an integer >= ${min}, got '${v}'`);
    return n;
  };
  const annotator = await loadAnnotator(values.model, {
    map,
    allowRemote: values['allow-remote'],
    aggregate: values.aggregate,
    batchSize: count('batch-size', values['batch-size'], 1),
    stride: count('stride', values.stride, 0),
    maxLength: count('max-length', values['max-length'], 3),
  });
  const out: Document[] = [];
  const started = Date.now();
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const entities = await annotator.annotate(doc);
    out.push({ ...doc, entities: entities.map((e) => ({ ...e, text: doc.text.slice(e.start, e.end), source: e.source ?? annotator.name })) });
    if (docs.length > 1 && (i + 1) % 100 === 0) process.stderr.write(`annotate: ${i + 1}/${docs.length} documents, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const report = writeAnnotations(values.output ?? '-', out, { format, scheme: values.scheme as TagScheme | undefined, align: 'expand' });
  const n = report.counts;
  if (n.expanded + n.contracted + n.dropped > 0) {
    process.stderr.write(`annotate: token tags hold whole tokens: ${n.expanded} entities expanded to token bounds, ${n.contracted} contracted, ${n.dropped} dropped\n`);
  }
  if (report.skipped.length > 0) process.stderr.write(`annotate: not written to stdout: ${report.skipped.join(', ')} (use -o)\n`);
  return 0;
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

/** `A=B` pairs; `A=O` drops A. */
function parseMap(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const v of values) {
    const m = /^([^=\s]+)=([^=\s]*)$/.exec(v);
    if (m === null) throw new InputError(`--map expects FROM=TO (e.g. GPE=LOC, MISC=O), got '${v}'`);
    map[m[1]] = m[2] === '' ? 'O' : m[2];
  }
  return map;
}

const TAG_RE = /^(O|[BIESLU]-\S+)$/;

/** True when a .txt file reads as token-per-line CoNLL (every non-blank line ends in a tag). */
export function looksLikeConll(content: string): boolean {
  let lines = 0;
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('-DOCSTART-')) continue;
    const cols = line.split(/\s+/);
    if (cols.length < 2 || !TAG_RE.test(cols[cols.length - 1])) return false;
    lines++;
  }
  return lines > 0;
}

function textDoc(path: string, softNewlines: boolean): Document {
  const text = readTextFile(path);
  const id = path === '-' ? 'stdin' : basename(path, extname(path));
  return documentFromText(id, text, { softNewlines });
}

/** Reads one input; returns the documents and the annotation format read (undefined for raw text). */
export function readInput(path: string, forced: FormatName | 'text' | undefined, softNewlines: boolean): { docs: Document[]; format: FormatName | undefined } {
  if (forced === 'text') return { docs: [textDoc(path, softNewlines)], format: undefined };
  if (forced !== undefined) return { docs: readAnnotations(path, { format: forced }), format: forced };
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
      const one = readInput(p, undefined, softNewlines);
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
    return { docs: readAnnotations(path, { format: 'conll' }), format: 'conll' };
  }
  let format: FormatName;
  try {
    format = guessFormat(path);
  } catch {
    return { docs: [textDoc(path, softNewlines)], format: undefined }; // not an annotation file name: raw text
  }
  return { docs: readAnnotations(path, { format }), format };
}
