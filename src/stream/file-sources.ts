/**
 * Line-based annotation files (CoNLL, HF JSONL, doccano JSONL) as streams
 * of parts, read line by line with the formats' own parse functions applied
 * to one document's lines at a time: the documents, ids, problems (with
 * their true line numbers) and meta are those `readAnnotations` gives on
 * the whole file. What the whole-file reader decides from the whole file
 * (CoNLL separator and tag scheme, how many documents) comes from a first
 * pass over the lines (`prescan`), in constant memory.
 *
 * The document of a one-document file longer than PART_LINES lines (a
 * CoNLL file without -DOCSTART-, an HF file written from one) is cut into
 * parts at sentence ends, unless it has CoNLL `#` comments (keyed by the
 * whole document's sentence numbers) or HF rows that depend on each other
 * (see scanHf); documents of other files are read whole, one part each.
 * Other formats fall back to the whole-file reader, one part per document.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Document } from '../doc/types.js';
import { readTextFile, statInputFile } from '../io/read-text.js';
import { readTextChunks } from '../text/utf8-chunks.js';
import { codePointLength, OffsetMap } from '../text/offsets.js';
import { isEntityTag, stemOf, type FormatInput, type FormatName, type OffsetUnit } from '../formats/common.js';
import { parseConll, type ConllMeta } from '../formats/conll.js';
import { hfGroupDocument, parseHfLine, type HfLine, type HfLineContext } from '../formats/hf.js';
import { parseDoccanoLine } from '../formats/doccano.js';
import { formatExtensions, readAnnotations } from '../formats/index.js';
import { originOf, setOrigin } from '../formats/origin.js';
import type { TagScheme } from '../tags/scheme.js';
import { guessScheme } from '../tags/guess.js';
import { throwingSink, type Problem, type ProblemSink } from '../io/problem.js';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { Spool } from './out.js';
import type { Part } from './parts.js';
import { wholePart } from './parts.js';

/** Lines of a CoNLL document per part when it is cut. */
export const PART_LINES = 20_000;

/** Formats read line by line. */
export const LINE_FORMATS: ReadonlySet<FormatName> = new Set(['conll', 'hf', 'doccano']);

export interface FileSourceOptions {
  scheme?: TagScheme;
  sink?: ProblemSink;
  /** Cut long CoNLL documents into parts (default true)... */
  split?: boolean;
  /** ...of this many lines (default PART_LINES). */
  partLines?: number;
  /** Receives the bytes read (of the second pass, for files read twice). */
  progress?: { bytes: number };
  /**
   * Receives every problem (instead of `sink`) with its reader phase: the
   * whole-file reader reports all problems of an earlier phase (CoNLL: 0
   * the line syntax, 1 empty -DOCSTART- warnings, 2 per document; HF: 0
   * the rows, 1 per document; doccano: 0) before any of a later one, so a
   * consumer can restore the whole-file order (src/stream/checked.ts).
   */
  phased?: (p: Problem, phase: number) => void;
  /** doccano offsets (default UTF-16). */
  offsets?: OffsetUnit;
}

/** The sink of reader phase `phase` (the throwing sink when neither is given). */
function phaseSink(opts: FileSourceOptions, phase: number | ((p: Problem) => number)): ProblemSink {
  const phased = opts.phased;
  if (phased === undefined) return opts.sink ?? throwingSink();
  return typeof phase === 'number' ? (p) => phased(p, phase) : (p) => phased(p, phase(p));
}

export function fileId(path: string, format: FormatName): string {
  return path === '-' ? 'stdin' : stemOf(path, [...formatExtensions(format), '.tokens.csv', '.entities.csv']);
}

/** The lines of a file with their numbers (1-based); a final empty line (after the last \n) is not one. */
export async function* linesOf(path: string, progress?: { bytes: number }): AsyncGenerator<[string, number]> {
  let rest = '';
  let n = 0;
  for await (const chunk of readTextChunks(path, 1 << 20)) {
    if (progress !== undefined) progress.bytes += Buffer.byteLength(chunk);
    const text = rest + chunk;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      yield [text.slice(from, nl), ++n];
      from = nl + 1;
    }
    rest = text.slice(from);
  }
  if (rest !== '') yield [rest, n + 1];
}

/** stdin copied to a temp file (read twice: prescan, then parts); removed by the returned function. */
function spoolStdin(): { path: string; remove: () => void } {
  const s = new Spool('stdin');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(s.path, 'w');
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(0, buf, 0, buf.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((err as NodeJS.ErrnoException).code === 'EOF') break;
        throw err;
      }
      if (n === 0) break;
      writeSync(fd, buf, 0, n);
    }
  } finally {
    closeSync(fd);
  }
  return { path: s.path, remove: () => s.discard() };
}

/** Problems of a part re-numbered to the lines of the whole file. */
function shifted(sink: ProblemSink, offset: number): ProblemSink {
  return offset === 0 ? sink : (p) => sink({ ...p, line: p.line === undefined ? undefined : p.line + offset });
}

function shiftOrigins(doc: Document, offset: number): void {
  if (offset === 0) return;
  for (const e of doc.entities) {
    const o = originOf(e);
    if (o?.line !== undefined) setOrigin(e, { ...o, line: o.line + offset });
  }
}

const noSibling = (p: string): string | undefined => (existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined);

/**
 * The parts of an annotation file: line by line for CoNLL, HF and doccano,
 * whole documents (read at once) for the other formats.
 */
export async function* fileParts(path: string, format: FormatName, opts: FileSourceOptions = {}): AsyncGenerator<Part> {
  if (!LINE_FORMATS.has(format)) {
    const docs = readAnnotations(path, { format, scheme: opts.scheme, sink: phaseSink(opts, 0), offsets: opts.offsets });
    for (let i = 0; i < docs.length; i++) yield wholePart(docs[i], i);
    return;
  }
  if (path !== '-') statInputFile(path);
  const stdin = path === '-' ? spoolStdin() : undefined;
  const read = stdin?.path ?? path;
  const file = path === '-' ? '<stdin>' : path;
  try {
    const id = fileId(path, format);
    if (format === 'conll') yield* conllParts(read, file, id, opts);
    else if (format === 'hf') yield* hfParts(read, file, id, opts);
    else yield* doccanoParts(read, file, id, opts);
  } finally {
    stdin?.remove();
  }
}

// ---------------------------------------------------------------- CoNLL

interface ConllScan {
  separator: '\t' | ' ';
  scheme: TagScheme;
  docs: number;
  comments: boolean;
  /** A carriage return inside a line (parseConll breaks lines there too; lines are then counted otherwise). */
  loneCr: boolean;
}

/** What parseConll decides from the whole file, in one pass over the lines. */
async function scanConll(read: string): Promise<ConllScan> {
  let sawTab = false;
  let sawSpace = false;
  let inSentence = false;
  let docs = 0;
  let counted = false; // the current document has a token line (one without is no document, as in parseConll)
  let comments = false;
  const prefixes = new Set<string>(); // the distinct tags
  let loneCr = false;
  for await (const [raw] of linesOf(read)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.includes('\r')) loneCr = true;
    if (line.trim() === '') {
      inSentence = false;
      continue;
    }
    const hasTab = line.includes('\t');
    const cols = hasTab ? line.split('\t') : line.trim().split(/ +/);
    if (cols[0] === '-DOCSTART-') {
      counted = false;
      inSentence = false;
      continue;
    }
    const tag = cols[cols.length - 1];
    if (line.startsWith('#') && !inSentence && (cols.length < 2 || !isEntityTag(tag))) {
      comments = true;
      continue;
    }
    if (hasTab) sawTab = true;
    else sawSpace = true;
    if (cols.length < 2 || !isEntityTag(tag) || cols[0] === '') continue;
    if (!counted) {
      docs++;
      counted = true;
    }
    inSentence = true;
    prefixes.add(tag);
  }
  return { separator: sawTab || !sawSpace ? '\t' : ' ', scheme: guessScheme(prefixes).scheme, docs, comments, loneCr };
}

async function* conllParts(read: string, file: string, stem: string, opts: FileSourceOptions): AsyncGenerator<Part> {
  const scan = await scanConll(read);
  // parseConll reports the line syntax first, then empty -DOCSTART- warnings, then per document
  const sink = phaseSink(opts, (p) => (p.code === 'syntax' ? 0 : p.severity === 'warning' && p.code === 'structure' ? 1 : 2));
  const scheme = opts.scheme ?? scan.scheme;
  if (scan.loneCr) {
    // old Mac line breaks: read whole, as parseConll counts lines
    const docs = parseConll({ file, content: readTextFile(read), sibling: noSibling }, { scheme: opts.scheme, id: stem, sink });
    for (let i = 0; i < docs.length; i++) yield wholePart(docs[i], i);
    return;
  }
  // only a file of one document is cut (writers lay out a document in parts as the only one)
  const split = opts.split !== false && !scan.comments && scan.docs <= 1;
  const partLines = opts.partLines ?? PART_LINES;
  let docIndex = -1;
  let buf: string[] = [];
  let bufFirstLine = 1;
  let tokensInBuf = false;
  let partOfDoc = 0; // parts of the current document emitted (or held)
  let kept = 0; // documents begun (a -DOCSTART- without sentences is none, as in parseConll)
  let cpBase = 0;
  let held: Part | undefined;
  const out: Part[] = [];

  const flush = (last: boolean): void => {
    const lines = buf;
    const offset = bufFirstLine - 1;
    buf = [];
    tokensInBuf = false;
    if (lines.length === 0 && !last) return;
    const index = partOfDoc === 0 ? kept : kept - 1;
    const id = scan.docs > 1 ? `${stem}-${index + 1}` : stem;
    const input: FormatInput = { file, content: lines.join('\n'), sibling: noSibling };
    const docs = parseConll(input, { scheme, id, sink: shifted(sink, offset) });
    for (const d of docs) {
      shiftOrigins(d, offset);
      const meta = d.meta?.conll as ConllMeta | undefined;
      if (meta !== undefined) meta.separator = scan.separator;
    }
    const doc = docs[0];
    if (doc !== undefined) {
      const first = partOfDoc === 0;
      if (first) kept++;
      const part: Part = { doc: index, id, first, last: false, document: doc, cpBase: first ? 0 : cpBase + 1, before: first ? '' : '\n', after: '' };
      cpBase = part.cpBase + codePointLength(doc.text);
      if (held !== undefined) out.push(held);
      held = part;
      partOfDoc++;
    }
    if (last && held !== undefined) {
      held.last = true;
      out.push(held);
      held = undefined;
    }
  };

  for await (const [raw, n] of linesOf(read, opts.progress)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const isDocstart = line.startsWith('-DOCSTART-') && (line.length === 10 || line[10] === ' ' || line[10] === '\t');
    if (isDocstart) {
      if (docIndex >= 0) flush(true);
      docIndex++;
      partOfDoc = 0;
      cpBase = 0;
      if (buf.length === 0) bufFirstLine = n; // (blank or comment lines before the first -DOCSTART- stay with it)
      buf.push(raw);
    } else {
      if (buf.length === 0) bufFirstLine = n;
      if (docIndex < 0 && line.trim() !== '' && !line.startsWith('#')) docIndex = 0;
      buf.push(raw);
      if (line.trim() !== '') tokensInBuf = true;
      else if (split && tokensInBuf && buf.length >= partLines) flush(false);
    }
    while (out.length > 0) yield out.shift()!;
  }
  flush(true);
  while (out.length > 0) yield out.shift()!;
}

// ---------------------------------------------------------------- HF

/**
 * HF rows parsed with parseHf's own line parser (one label list context for
 * the file); consecutive rows with the same "doc" (rows that fail to parse
 * are left out, as parseHf leaves them out) form a document. A document of
 * many rows (an HF file written from one CoNLL document) is cut into parts
 * of rows where that changes nothing (`cuttable`).
 */
async function* hfParts(read: string, file: string, stem: string, opts: FileSourceOptions): AsyncGenerator<Part> {
  const rowSink = phaseSink(opts, 0);
  const docSink = phaseSink(opts, 1);
  const input: FormatInput = { file, content: '', sibling: noSibling };
  const scan = await scanHf(read, input);
  const scheme = opts.scheme ?? scan.scheme;
  const many = scan.groups > 1;
  // rows per part: about as many tokens as a CoNLL part; only a file of one document is cut (as CoNLL)
  const partRows = opts.split === false || many ? Infinity : Math.max(1, Math.round((opts.partLines ?? PART_LINES) / 20));
  const ctx: HfLineContext = { input, labelsRead: false };
  let group: HfLine[] | undefined;
  let groupDoc: string | undefined;
  let index = -1; // the current group's number
  let id = '';
  let partOfDoc = 0;
  let cpBase = 0;
  let rowsCp = 0; // code points of the group's rows already emitted, with their line breaks
  let meta: HfLine['meta'];
  const seen = new Map<string, number>();
  const begin = (row: HfLine): void => {
    index++;
    id = row.doc ?? (many ? `${stem}-${index + 1}` : stem);
    const k = seen.get(id) ?? 0;
    seen.set(id, k + 1);
    if (k > 0) id = `${id}-${k + 1}`;
    partOfDoc = 0;
    cpBase = 0;
    rowsCp = 0;
    meta = row.meta;
    groupDoc = row.doc;
    group = [row];
  };
  const build = (rows: HfLine[], last: boolean): Part => {
    const first = partOfDoc === 0;
    // a later part: its rows' offsets shifted into its own text (cuttable rows hold only their own sentence), the group's meta
    const shift = rowsCp;
    const own = first ? rows : rows.map((r, i) => shiftRow(r, shift, i === 0 ? meta : r.meta));
    const doc = hfGroupDocument(own, id, scheme, file, { id: stem, sink: docSink });
    const part: Part = { doc: index, id, first, last, document: doc, cpBase: first ? 0 : cpBase + 1, before: first ? '' : '\n', after: '' };
    cpBase = part.cpBase + codePointLength(doc.text);
    for (const r of rows) rowsCp += rowLength(r) + 1;
    partOfDoc++;
    return part;
  };
  for await (const [raw, n] of linesOf(read, opts.progress)) {
    if (raw.trim() === '') continue;
    const row = parseHfLine(raw, n, ctx, { id: stem, sink: rowSink });
    if (row === null) continue;
    if (group !== undefined && groupDoc === row.doc) {
      // cut only when another row follows, so a part is never empty
      if (group.length >= partRows && scan.cuttable[index] === 1) {
        yield build(group, false);
        group = [];
      }
      group.push(row);
      continue;
    }
    if (group !== undefined) yield build(group, true);
    begin(row);
  }
  if (group !== undefined) yield build(group, true);
}

/** Code points of a row's sentence in its document's text (its "text", else its tokens joined by spaces). */
function rowLength(r: HfLine): number {
  return r.offsets !== undefined && r.text !== undefined ? codePointLength(r.text) : codePointLength(r.tokens.join(' '));
}

/** A row of a later part: offsets, sentence start and spans moved back by the code points before the part. */
function shiftRow(r: HfLine, by: number, meta: HfLine['meta']): HfLine {
  const out: HfLine = { ...r, meta };
  if (meta === undefined) delete out.meta;
  if (r.offsets !== undefined) out.offsets = r.offsets.map(([a, b]) => [a - by, b - by]);
  if (r.start !== undefined) out.start = r.start - by;
  if (r.spans !== undefined)
    out.spans = r.spans.map((sp) =>
      Array.isArray(sp) ? [(sp[0] as number) - by, (sp[1] as number) - by, ...sp.slice(2)] : { ...(sp as object), start: (sp as { start: number }).start - by, end: (sp as { end: number }).end - by },
    );
  return out;
}

interface HfScan {
  /** The tag scheme parseHf guesses from the tags of every row it reads (integer tags through the label list). */
  scheme: TagScheme;
  groups: number;
  /** Per group: 1 when it may be cut into parts of rows (see groupCuttable). */
  cuttable: Uint8Array;
}

/**
 * One pass over the rows as parseHf reads them: the tag scheme, the
 * groups, and which groups can be cut between rows with no change to the
 * document, its entities or the problems found: no doc_text and no CoNLL
 * columns; spans on every row or none; rows with offsets each hold their
 * own sentence (its "start" where the rows before it end, offsets and
 * spans inside it, tokens equal to the text at their offsets), or no row
 * has all its offsets (the text is then rebuilt from the tokens).
 */
async function scanHf(read: string, input: FormatInput): Promise<HfScan> {
  const prefixes = new Set<string>(); // the distinct tags
  const ctx: HfLineContext = { input, labelsRead: false };
  const quiet: ProblemSink = () => {}; // the second pass reports them
  let cuttable = new Uint8Array(64);
  let groups = 0;
  let doc: string | undefined;
  let g: { ok: boolean; offsets: boolean; spans: boolean; rows: number; cp: number } | undefined;
  const close = (): void => {
    if (g === undefined) return;
    if (groups >= cuttable.length) {
      const next = new Uint8Array(cuttable.length * 2);
      next.set(cuttable);
      cuttable = next;
    }
    cuttable[groups - 1] = g.ok ? 1 : 0;
  };
  for await (const [raw, n] of linesOf(read)) {
    if (raw.trim() === '') continue;
    const row = parseHfLine(raw, n, ctx, { id: '', sink: quiet });
    if (row === null) continue;
    for (const t of row.tags) prefixes.add(t);
    if (g === undefined || row.doc !== doc) {
      close();
      groups++;
      doc = row.doc;
      g = { ok: row.docText === undefined, offsets: row.offsets !== undefined, spans: row.spans !== undefined, rows: 0, cp: 0 };
    }
    if (!g.ok) continue;
    const first = g.rows++ === 0;
    if (row.columns !== undefined || (!first && row.spans !== undefined) !== (!first && g.spans) || (!first && (row.offsets !== undefined) !== g.offsets)) g.ok = false;
    else if (g.offsets) g.ok = selfContained(row, g.cp);
    g.cp += rowLength(row) + 1;
  }
  close();
  return { scheme: guessScheme(prefixes).scheme, groups, cuttable };
}

/** A row with offsets that holds its own sentence, starting at code point `at` of its document. */
function selfContained(r: HfLine, at: number): boolean {
  if (r.text === undefined || r.start !== at || r.offsets === undefined) return false;
  const map = new OffsetMap(r.text);
  const n = map.codePointLength;
  const inside = (s: unknown, e: unknown): boolean => Number.isInteger(s) && Number.isInteger(e) && (s as number) >= at && (s as number) < (e as number) && (e as number) <= at + n;
  for (let i = 0; i < r.offsets.length; i++) {
    const [s, e] = r.offsets[i];
    if (!inside(s, e) || r.text.slice(map.toUtf16(s - at), map.toUtf16(e - at)) !== r.tokens[i]) return false;
  }
  for (const sp of r.spans ?? []) {
    const o = Array.isArray(sp) ? { start: sp[0] as unknown, end: sp[1] as unknown, label: sp[2] as unknown } : typeof sp === 'object' && sp !== null ? (sp as Record<string, unknown>) : undefined;
    if (o === undefined || !inside(o.start, o.end) || typeof o.label !== 'string' || o.label === '' || 'text' in o) return false;
  }
  return true;
}

// ---------------------------------------------------------------- doccano

/** doccano lines with parseDoccano's own line parser: ids kept distinct across the file (a repeat is reported), documents numbered as it numbers them. */
async function* doccanoParts(read: string, file: string, stem: string, opts: FileSourceOptions): AsyncGenerator<Part> {
  const sink = phaseSink(opts, 0);
  const ids = new Set<string>();
  let count = 0;
  for await (const [raw, n] of linesOf(read, opts.progress)) {
    if (raw.trim() === '') continue;
    const doc = parseDoccanoLine(raw, file, n, { id: stem, sink, offsets: opts.offsets }, ids, count + 1);
    if (doc === null) continue;
    yield { doc: count++, id: doc.id, first: true, last: true, document: doc, cpBase: 0, before: '', after: '' };
  }
}
