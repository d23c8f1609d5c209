/**
 * Line-based annotation files (CoNLL, HF JSONL, doccano JSONL) as streams
 * of parts, read line by line with the formats' own parse functions applied
 * to one document's lines at a time: the documents, ids, problems (with
 * their true line numbers) and meta are those `readAnnotations` gives on
 * the whole file. What the whole-file reader decides from the whole file
 * (CoNLL separator and tag scheme, how many documents) comes from a first
 * pass over the lines (`prescan`), in constant memory.
 *
 * A CoNLL document longer than PART_LINES lines (a file without
 * -DOCSTART- is one document) is cut into parts at blank lines, unless it
 * has `#` comments (keyed by the whole document's sentence numbers).
 * Other formats fall back to the whole-file reader, one part per document.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Document } from '../doc/types.js';
import { statInputFile } from '../io/read-text.js';
import { readTextChunks } from '../text/utf8-chunks.js';
import { codePointLength } from '../text/offsets.js';
import { isEntityTag, stemOf, type FormatInput, type FormatName, type ParseOptions } from '../formats/common.js';
import { parseConll, type ConllMeta } from '../formats/conll.js';
import { parseHf } from '../formats/hf.js';
import { parseDoccano } from '../formats/doccano.js';
import { formatExtensions, readAnnotations } from '../formats/index.js';
import { originOf, setOrigin } from '../formats/origin.js';
import type { TagScheme } from '../tags/scheme.js';
import { guessScheme } from '../tags/guess.js';
import { throwingSink, type ProblemSink } from '../io/problem.js';
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
    const docs = readAnnotations(path, { format, scheme: opts.scheme, sink: opts.sink });
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
}

/** What parseConll decides from the whole file, in one pass over the lines. */
async function scanConll(read: string): Promise<ConllScan> {
  let sawTab = false;
  let sawSpace = false;
  let inSentence = false;
  let docs = 0;
  let open = false; // a document is open (tokens seen, or a -DOCSTART-)
  let comments = false;
  const prefixes = new Set<string>(); // the distinct tags
  for await (const [raw] of linesOf(read)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      inSentence = false;
      continue;
    }
    const hasTab = line.includes('\t');
    const cols = hasTab ? line.split('\t') : line.trim().split(/ +/);
    if (cols[0] === '-DOCSTART-') {
      docs++;
      open = true;
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
    if (!open) {
      docs++;
      open = true;
    }
    inSentence = true;
    prefixes.add(tag);
  }
  return { separator: sawTab || !sawSpace ? '\t' : ' ', scheme: guessScheme(prefixes).scheme, docs, comments };
}

async function* conllParts(read: string, file: string, stem: string, opts: FileSourceOptions): AsyncGenerator<Part> {
  const scan = await scanConll(read);
  const sink = opts.sink ?? throwingSink();
  const scheme = opts.scheme ?? scan.scheme;
  const split = opts.split !== false && !scan.comments;
  const partLines = opts.partLines ?? PART_LINES;
  let docIndex = -1;
  let buf: string[] = [];
  let bufFirstLine = 1;
  let tokensInBuf = false;
  let partOfDoc = 0; // parts of the current document emitted (or held)
  let cpBase = 0;
  let held: Part | undefined;
  const out: Part[] = [];

  const flush = (last: boolean): void => {
    const lines = buf;
    const offset = bufFirstLine - 1;
    buf = [];
    tokensInBuf = false;
    if (lines.length === 0 && !last) return;
    const id = scan.docs > 1 ? `${stem}-${docIndex + 1}` : stem;
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
      const part: Part = { doc: docIndex, id, first, last: false, document: doc, cpBase: first ? 0 : cpBase + 1, before: first ? '' : '\n', after: '' };
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
  if (docIndex < 0) docIndex = 0;
  flush(true);
  while (out.length > 0) yield out.shift()!;
}

// ---------------------------------------------------------------- HF

/** The "doc" of an HF line without parsing the rest twice (undefined when absent or unreadable). */
function hfDocOf(line: string): string | undefined | null {
  try {
    const v = JSON.parse(line) as { doc?: unknown };
    return typeof v === 'object' && v !== null && typeof v.doc === 'string' ? v.doc : undefined;
  } catch {
    return null; // a broken line stays with its neighbours; the reader reports it
  }
}

async function* hfParts(read: string, file: string, stem: string, opts: FileSourceOptions): AsyncGenerator<Part> {
  const sink = opts.sink ?? throwingSink();
  const scheme = opts.scheme ?? (await scanHfScheme(read, file));
  const siblings = new Map<string, string | undefined>();
  const sibling = (p: string): string | undefined => {
    if (!siblings.has(p)) siblings.set(p, noSibling(p));
    return siblings.get(p);
  };
  interface Group {
    doc: string | undefined;
    lines: string[];
    firstLine: number;
  }
  const groups: Group[] = [];
  let current: Group | undefined;
  let many = false;
  let index = 0;
  const seen = new Map<string, number>();
  const emit = (g: Group): Part | undefined => {
    let id = g.doc ?? (many ? `${stem}-${index + 1}` : stem);
    const k = seen.get(id) ?? 0;
    seen.set(id, k + 1);
    if (k > 0) id = `${id}-${k + 1}`;
    const offset = g.firstLine - 1;
    const docs = parseHf({ file, content: g.lines.join('\n'), sibling }, { scheme, id, sink: shifted(sink, offset) });
    const doc = docs[0];
    if (doc === undefined) return undefined;
    doc.id = id;
    shiftOrigins(doc, offset);
    return { doc: index++, id, first: true, last: true, document: doc, cpBase: 0, before: '', after: '' };
  };
  let pendingBlank: string[] = [];
  for await (const [raw, n] of linesOf(read, opts.progress)) {
    if (raw.trim() === '') {
      if (current !== undefined) pendingBlank.push(raw);
      continue;
    }
    const d = hfDocOf(raw);
    if (current !== undefined && (d === null || d === current.doc)) {
      current.lines.push(...pendingBlank, raw);
      pendingBlank = [];
      continue;
    }
    pendingBlank = [];
    if (current !== undefined) groups.push(current);
    current = { doc: d ?? undefined, lines: [raw], firstLine: n };
    if (groups.length > 0) many = true;
    // the first group waits until a second shows whether the file holds several
    while (groups.length > 0 && many) {
      const p = emit(groups.shift()!);
      if (p !== undefined) yield p;
    }
  }
  if (current !== undefined) groups.push(current);
  many ||= groups.length > 1;
  for (const g of groups) {
    const p = emit(g);
    if (p !== undefined) yield p;
  }
}

/** The tag scheme parseHf guesses from every tag of the file (integer tags through the label list). */
async function scanHfScheme(read: string, file: string): Promise<TagScheme> {
  const prefixes = new Set<string>(); // the distinct tags
  let labels: string[] | undefined;
  let labelsRead = false;
  for await (const [raw] of linesOf(read)) {
    if (raw.trim() === '') continue;
    let v: { ner_tags?: unknown };
    try {
      v = JSON.parse(raw) as { ner_tags?: unknown };
    } catch {
      continue;
    }
    if (typeof v !== 'object' || v === null || !Array.isArray(v.ner_tags)) continue;
    for (const x of v.ner_tags) {
      let t: unknown = x;
      if (typeof x === 'number') {
        if (!labelsRead) {
          labelsRead = true;
          const { labelFileCandidates } = await import('../formats/hf.js');
          for (const p of labelFileCandidates(file)) {
            const c = noSibling(p);
            if (c === undefined) continue;
            try {
              const j = JSON.parse(c) as unknown;
              if (Array.isArray(j)) labels = j as string[];
              else if (typeof j === 'object' && j !== null && 'id2label' in j) {
                const m = (j as { id2label: Record<string, string> }).id2label;
                labels = Object.keys(m)
                  .sort((a, b) => Number(a) - Number(b))
                  .map((k) => m[k]);
              }
            } catch {
              // the reader reports it
            }
            break;
          }
        }
        t = labels?.[x];
      }
      if (typeof t === 'string') prefixes.add(t);
    }
  }
  return guessScheme(prefixes).scheme;
}

// ---------------------------------------------------------------- doccano

async function* doccanoParts(read: string, file: string, stem: string, opts: FileSourceOptions): AsyncGenerator<Part> {
  const sink = opts.sink ?? throwingSink();
  const ids = new Set<string>();
  let count = 0;
  const NO_ID = '\u0000';
  for await (const [raw, n] of linesOf(read, opts.progress)) {
    if (raw.trim() === '') continue;
    const popts: ParseOptions = { id: NO_ID, sink: shifted(sink, n - 1) };
    const doc = parseDoccano({ file, content: raw, sibling: noSibling }, popts)[0];
    if (doc === undefined) continue;
    let id = doc.id === `${NO_ID}-1` ? `${stem}-${count + 1}` : doc.id;
    if (ids.has(id)) id = `${id}-line${n}`;
    ids.add(id);
    doc.id = id;
    shiftOrigins(doc, n - 1);
    yield { doc: count++, id, first: true, last: true, document: doc, cpBase: 0, before: '', after: '' };
  }
}
