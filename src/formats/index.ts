/**
 * Reading and writing annotation files in every supported format, with the
 * format guessed from the file when not given. Files hold code point
 * offsets; the Documents returned hold UTF-16 offsets (see src/text/offsets.ts).
 *
 *   readAnnotations(path, {format?, text?, scheme?}) → Document[]
 *   renderAnnotations(docs, {format, scheme?, align?, path?}) → files by path (no disk)
 *   writeAnnotations(path | '-', docs, {format, scheme?, align?}) → AlignmentReport
 */
import { writeFilesAtomic } from '../io/atomic-write.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Document } from '../doc/types.js';
import { DEFAULT_SCHEMA } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { readTextFile } from '../io/read-text.js';
import type { TagScheme } from '../tags/scheme.js';
import { countMisaligned, type AlignMode, type Misaligned, type MisalignKind } from '../align/index.js';
import { throwingSink, type ProblemSink } from '../io/problem.js';
import { checkReadDocuments } from './structure.js';
import { FORMAT_NAMES, stemOf, type FormatInput, type FormatName, type FormatOptions, type ParseOptions, type ReadNotes, type Rendered, type RenderOptions } from './common.js';
import { parseJsonFile, renderJson } from './json.js';
import { parseConll, renderConll } from './conll.js';
import { parseHf, renderHf } from './hf.js';
import { discontinuousSpans, parseBrat, renderBrat } from './brat.js';
import { parseDoccano, renderDoccano } from './doccano.js';
import { parseLabelStudio, renderLabelStudio } from './labelstudio.js';
import { parseCsvFiles, renderCsv } from './csv.js';
import { parseConllu, renderConllu } from './conllu.js';
import { parseSpacyIob, renderSpacyIob } from './spacy-iob.js';
import { documentFromText } from '../segment/document.js';
import { CARD_MARKER } from './hf-card.js';

export { FORMAT_NAMES, DOCSTART_STYLES, isFormatName, type FormatName, type FormatOptions, type ReadNotes, type OffsetUnit, type DocstartStyle, type AnnotationLayers } from './common.js';

export interface ReadOptions extends FormatOptions {
  format?: FormatName;
  /** Original text for token formats without text (CoNLL): tokens are located in it. */
  text?: string;
  /** Tag scheme of token formats; guessed from the tags when absent. */
  scheme?: TagScheme;
  /** Receives every problem; default: throw fatal ones as InputError, ignore the rest. */
  sink?: ProblemSink;
  /**
   * Receives the counts of what the reader skipped or repaired (unfinished
   * Label Studio tasks, UTF-16 repairs, relation results); default: one
   * line each on stderr naming the file.
   */
  onNotes?: (notes: ReadNotes, file: string) => void;
}

/** Prints reader notes as `gujnlp: FILE: N what` lines on stderr. */
export function printNotes(notes: ReadNotes, file: string): void {
  for (const [what, n] of notes) process.stderr.write(`gujnlp: ${file}: ${n} ${what}\n`);
}

export interface WriteOptions extends FormatOptions {
  format: FormatName;
  /** Tag scheme for token formats (default: the scheme read, else IOB2). */
  scheme?: TagScheme;
  align?: AlignMode;
  /** Label order for label lists (HF labels.json); default the schema's labels. */
  labels?: readonly string[];
}

export interface AlignmentReport {
  /** Entities that token tags could not hold exactly (expanded, contracted or dropped). */
  misaligned: Misaligned[];
  counts: Record<MisalignKind, number>;
  /** Files written (or, for '-', the one printed as '-'). */
  files: string[];
  /** Companion files not written because the output went to stdout. */
  skipped: string[];
  /** Ids of documents without tokens that were tokenized for a token format. */
  tokenized: string[];
}

interface FormatModule {
  /** Main file extensions, lowercase, longest first. */
  exts: readonly string[];
  parse(input: FormatInput, opts: ParseOptions): Document[];
  render(docs: readonly Document[], out: string, opts: Partial<RenderOptions>): Rendered;
}

const FORMATS: Record<FormatName, FormatModule> = {
  json: { exts: ['.json'], parse: parseJsonFile, render: (d, out) => renderJson(d, out) },
  conll: { exts: ['.conll', '.tsv', '.txt', '.iob', '.bio'], parse: parseConll, render: renderConll },
  conllu: { exts: ['.conllu'], parse: parseConllu, render: renderConllu },
  iob: { exts: ['.iob'], parse: parseSpacyIob, render: renderSpacyIob },
  hf: { exts: ['.jsonl'], parse: parseHf, render: renderHf },
  brat: { exts: ['.ann'], parse: parseBrat, render: (d, out, o) => renderBrat(d, out, o.labels, o.sidecars !== false) },
  doccano: { exts: ['.jsonl'], parse: parseDoccano, render: (d, out, o) => renderDoccano(d, out, o.offsets) },
  labelstudio: { exts: ['.json'], parse: parseLabelStudio, render: renderLabelStudio },
  csv: { exts: ['.tokens.csv', '.entities.csv', '.csv'], parse: parseCsvFiles, render: renderCsv },
};

/** Formats whose files hold token tags (documents without tokens are tokenized first). */
export const TOKEN_FORMATS: ReadonlySet<FormatName> = new Set(['conll', 'conllu', 'iob', 'hf', 'csv']);

/** A format's file extensions, main one first. */
export function formatExtensions(format: FormatName): readonly string[] {
  return FORMATS[format].exts;
}

function moduleOf(format: FormatName): FormatModule {
  return FORMATS[format];
}

/**
 * Documents read from standoff formats (brat, doccano, Label Studio) have
 * no tokens; token formats need them, so such documents are tokenized with
 * gujnlp's tokenizer and sentence splitter (entities and meta kept).
 */
export function withTokens(docs: readonly Document[]): { docs: Document[]; tokenized: string[] } {
  const tokenized: string[] = [];
  const out = docs.map((d) => {
    if (d.tokens.length > 0 || d.text.trim() === '') return d;
    tokenized.push(d.id);
    const t = documentFromText(d.id, d.text);
    return { ...d, sentences: t.sentences, tokens: t.tokens };
  });
  return { docs: out, tokenized };
}

function firstNonBlankLine(content: string): string | undefined {
  for (const l of content.split('\n')) if (l.trim() !== '') return l;
  return undefined;
}

/**
 * The format of a file from its name and, where the name is ambiguous
 * (.json, .jsonl), its content. Throws InputError when it cannot tell.
 */
export function guessFormat(path: string, content?: string): FormatName {
  const lower = path.toLowerCase();
  if (path !== '-' && existsSync(path) && statSync(path).isDirectory()) return 'brat';
  if (lower.endsWith('.ann')) return 'brat';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
    const first = content ?? (existsSync(path) ? readTextFile(path) : undefined);
    const line = first === undefined ? undefined : firstNonBlankLine(first);
    if (line !== undefined) {
      try {
        const o = JSON.parse(line) as Record<string, unknown>;
        if (o !== null && typeof o === 'object' && ('ner_tags' in o || 'tokens' in o)) return 'hf';
        if (o !== null && typeof o === 'object' && 'text' in o) return 'doccano';
      } catch {
        // fall through: the reader of the default gives the line's error
      }
    }
    return 'doccano';
  }
  if (lower.endsWith('.json')) {
    const text = content ?? (existsSync(path) ? readTextFile(path) : undefined);
    if (text !== undefined && /^\s*\[?\s*\{\s*"(?:data|annotations|predictions)"/.test(text.slice(0, 200))) return 'labelstudio';
    if (text !== undefined && /"annotations"\s*:|"predictions"\s*:/.test(text) && !/"offsets"\s*:\s*"codepoint"/.test(text)) return 'labelstudio';
    // Label Studio's JSON-MIN export: flat records naming the annotator
    if (text !== undefined && /"annotation_id"\s*:|"annotator"\s*:/.test(text) && !/"offsets"\s*:\s*"codepoint"/.test(text)) return 'labelstudio';
    return 'json';
  }
  if (lower.endsWith('.txt') && path !== '-' && existsSync(path.slice(0, -4) + '.ann')) return 'brat';
  if (lower.endsWith('.conllu')) return 'conllu';
  if (lower.endsWith('.iob')) {
    // spaCy's .iob holds word|TAG tokens on one line; otherwise a column file
    const text = content ?? (existsSync(path) ? readTextFile(path) : undefined);
    const line = text === undefined ? undefined : firstNonBlankLine(text);
    if (line === undefined || /^\S+\|\S+(?:\s|$)/.test(line.trim())) return 'iob';
  }
  for (const ext of ['.conll', '.conll03', '.conllx', '.tsv', '.iob', '.bio', '.bioes', '.txt']) if (lower.endsWith(ext)) return 'conll';
  throw new InputError(`cannot tell the annotation format from the file name; name it (--from/--to: ${FORMAT_NAMES.join(', ')})`, { file: path });
}

function siblingReader(p: string): string | undefined {
  return existsSync(p) && statSync(p).isFile() ? readTextFile(p) : undefined;
}

/** Reads every document of an annotation file (a directory of .ann/.txt pairs for brat). */
export function readAnnotations(path: string, opts: ReadOptions = {}): Document[] {
  const sink = opts.sink ?? throwingSink();
  const isDir = path !== '-' && existsSync(path) && statSync(path).isDirectory();
  if (isDir) {
    const format = opts.format ?? 'brat';
    if (format !== 'brat') throw new InputError(`is a directory; only brat reads a directory of .ann files`, { file: path });
    const anns = readdirSync(path)
      .filter((f) => f.toLowerCase().endsWith('.ann'))
      .sort();
    if (anns.length === 0) throw new InputError('directory holds no .ann files', { file: path });
    return anns.flatMap((f) => readAnnotations(join(path, f), { ...opts, format: 'brat', sink }));
  }
  // a CSV pair may be named by its stem (x.csv) without such a file existing
  const csvByStem = path.toLowerCase().endsWith('.csv') && !existsSync(path) && (opts.format ?? 'csv') === 'csv';
  const content = csvByStem ? '' : readTextFile(path);
  const format = opts.format ?? guessFormat(path, content);
  const mod = moduleOf(format);
  const id = path === '-' ? 'stdin' : stemOf(path, [...mod.exts, '.tokens.csv', '.entities.csv']);
  const file = path === '-' ? '<stdin>' : path;
  const notes: ReadNotes = new Map();
  const docs = mod.parse({ file, content, sibling: siblingReader }, { ...formatOptions(opts), text: opts.text, scheme: opts.scheme, id, sink, notes });
  if (notes.size > 0) (opts.onNotes ?? printNotes)(notes, file);
  checkReadDocuments(docs, file, sink); // the rules validate applies, for every reader
  return docs;
}

/** The format-specific options of a larger options object. */
function formatOptions(o: FormatOptions): FormatOptions {
  return { offsets: o.offsets, labelstudio: o.labelstudio, annotations: o.annotations, docstart: o.docstart, sidecars: o.sidecars };
}

/** Renders documents to file contents by path, without touching the disk. */
export function renderAnnotations(docs: readonly Document[], opts: WriteOptions & { path?: string }): Rendered & { tokenized: string[] } {
  const mod = moduleOf(opts.format);
  if (opts.format !== 'brat' && opts.format !== 'json') {
    // never a covering span in place of a discontinuous one
    for (const d of docs) {
      const x = discontinuousSpans(d)[0];
      if (x !== undefined) {
        const n = discontinuousSpans(d).length;
        throw new InputError(
          `document ${d.id}: discontinuous ${x.label} span ${x.id} (${x.fragments.map(([a, b]) => `${a}-${b}`).join(', ')}: ${JSON.stringify(x.text)})${n > 1 ? ` and ${n - 1} more` : ''} cannot be written to ${opts.format}, which holds only continuous spans; keep it in brat or json, or remove it`,
        );
      }
    }
  }
  const out = opts.path ?? `annotations${mod.exts[0]}`;
  const labels = opts.labels ?? DEFAULT_SCHEMA.labels;
  const prepared = TOKEN_FORMATS.has(opts.format) ? withTokens(docs) : { docs: [...docs], tokenized: [] };
  const r = mod.render(prepared.docs, out, { ...formatOptions(opts), scheme: opts.scheme, align: opts.align ?? 'expand', labels });
  return { ...r, tokenized: prepared.tokenized };
}

/**
 * Writes documents atomically: every file is first written to a temp file
 * beside its target and renamed only when all are written, so a failure
 * leaves the old files intact and no temp file behind. `-` prints the main
 * file to stdout (companion files are listed in `skipped`).
 */
export function writeAnnotations(path: string, docs: readonly Document[], opts: WriteOptions): AlignmentReport {
  const rendered = renderAnnotations(docs, { ...opts, path: path === '-' ? 'stdout' : path });
  const entries = [...rendered.files];
  const report: AlignmentReport = {
    misaligned: rendered.misaligned,
    counts: countMisaligned(rendered.misaligned),
    files: [],
    skipped: [],
    tokenized: rendered.tokenized,
  };
  if (path === '-') {
    const [main, ...rest] = entries;
    if (main !== undefined) process.stdout.write(main[1]);
    report.files.push('-');
    report.skipped = rest.map(([p]) => p);
    return report;
  }
  const safe = keepUnrelatedFiles(entries);
  writeRendered(safe);
  report.files = safe.map(([p]) => p);
  return report;
}

function differsOnDisk(p: string, content: string): boolean {
  if (!existsSync(p) || !statSync(p).isFile()) return false;
  return readFileSync(p, 'utf8') !== content;
}

/**
 * Companion files (brat .txt, CSV .entities.csv, HF labels.json) never
 * silently replace an unrelated file: a companion that exists with other
 * content while its own main file does not is refused; an HF labels.json
 * of another dataset in the folder is kept and this output's labels go to
 * `<stem>.labels.json`, which the HF reader looks for first.
 */
export function keepUnrelatedFiles(entries: [string, string][]): [string, string][] {
  const [main] = entries;
  return entries.map(([p, content], k): [string, string] => {
    // only these companions belong to one output; a dataset card (README.md) and brat's annotation.conf are shared by the folder
    const companion = /\.txt$|\.entities\.csv$/i.test(p) || basename(p) === 'labels.json';
    if (k === 0 || !companion || !differsOnDisk(p, content)) return [p, content];
    if (basename(p) === 'labels.json' && main !== undefined) return [join(dirname(p), `${stemOf(main[0], ['.jsonl'])}.labels.json`), content];
    const owner = /\.txt$/i.test(p) ? p.replace(/\.txt$/i, '.ann') : /\.entities\.csv$/i.test(p) ? p.replace(/\.entities\.csv$/i, '.tokens.csv') : main[0];
    if (owner !== p && !existsSync(owner)) {
      throw new InputError(`exists and is not an output of an earlier conversion to ${basename(owner)}; writing ${basename(owner)} would replace it: remove it or choose another output name`, {
        file: p,
      });
    }
    return [p, content];
  });
}

export { writeFilesAtomic } from '../io/atomic-write.js';

/**
 * Writes rendered files atomically (all or none), refusing to replace a
 * README.md that is not a dataset card gujnlp wrote (HF output beside a
 * project's own README).
 */
export function writeRendered(entries: readonly (readonly [string, string])[]): void {
  checkReplaceable(entries);
  writeFilesAtomic(entries);
}

/** Refuses to replace a README.md that is not a dataset card gujnlp wrote (the check of writeRendered, before anything is written). */
export function checkReplaceable(entries: readonly (readonly [string, string])[]): void {
  for (const [p] of entries) {
    if (/(^|[\\/])README\.md$/.test(p) && existsSync(p) && !readTextFile(p).includes(CARD_MARKER)) {
      throw new InputError('exists and is not a dataset card written by gujnlp; write the HF files into a folder of their own', { file: p });
    }
  }
}
