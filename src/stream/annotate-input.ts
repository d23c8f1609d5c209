/**
 * The inputs of `gujnlp annotate` as streams of parts: raw text, an
 * annotation file, or a directory of either, read the way the whole-file
 * `readInput` of src/cli/annotate.ts reads them (same documents, ids and
 * format), one part at a time.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError } from '../io/errors.js';
import type { FormatName } from '../formats/index.js';
import { guessFormatOf } from './format-guess.js';
import { fileParts, linesOf, PART_LINES } from './file-sources.js';
import { strictParts } from './checked.js';
import { textParts } from './text-source.js';
import type { Part } from './parts.js';

export interface InputPlan {
  /** Annotation format read (undefined: raw text). */
  format: FormatName | undefined;
  /** Input files in order, with how each is read. */
  files: { path: string; format: FormatName | 'text' }[];
  /** Bytes of all input files (undefined for stdin). */
  bytes: number | undefined;
}

const TAG_RE = /^(O|[BIESLU]-\S+)$/;

/** One line of a token-per-line CoNLL file, as `looksLikeConll` judges it: true (token line), false (not CoNLL) or null (blank or -DOCSTART-). */
export function conllLine(raw: string): boolean | null {
  const line = raw.trim();
  if (line === '' || line.startsWith('-DOCSTART-')) return null;
  const cols = line.split(/\s+/);
  return cols.length >= 2 && TAG_RE.test(cols[cols.length - 1]);
}

/** True when a .txt file reads as token-per-line CoNLL (every non-blank line ends in a tag), read line by line. */
async function looksLikeConllFile(path: string): Promise<boolean> {
  let lines = 0;
  for await (const [raw] of linesOf(path)) {
    const ok = conllLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (ok === false) return false;
    if (ok === true) lines++;
  }
  return lines > 0;
}

/** How one input path is read (the decisions of readInput). */
async function planOne(path: string, forced: FormatName | 'text' | undefined): Promise<{ path: string; format: FormatName | 'text' }> {
  if (forced !== undefined) return { path, format: forced };
  if (path === '-') return { path, format: 'text' };
  const lower = path.toLowerCase();
  if (lower.endsWith('.txt') && !existsSync(path.slice(0, -4) + '.ann')) return { path, format: (await looksLikeConllFile(path)) ? 'conll' : 'text' };
  return { path, format: (await guessFormatOf(path)) ?? 'text' };
}

/** The files of an input path (a directory is read file by file, as readInput does); undefined for a brat directory. */
export async function planInput(path: string, forced: FormatName | 'text' | undefined): Promise<InputPlan | undefined> {
  if (path !== '-' && !existsSync(path)) throw new InputError('no such file or directory', { file: path });
  if (path !== '-' && forced === undefined && statSync(path).isDirectory()) {
    const names = readdirSync(path).sort();
    if (names.some((f) => f.toLowerCase().endsWith('.ann'))) return undefined;
    const files: InputPlan['files'] = [];
    let bytes = 0;
    for (const f of names) {
      const p = join(path, f);
      // corpus metadata (`x.meta.json`) and hidden files are not inputs
      if (!statSync(p).isFile() || f.startsWith('.') || f.endsWith('.meta.json')) continue;
      files.push(await planOne(p, undefined));
      bytes += statSync(p).size;
    }
    if (files.length === 0) throw new InputError('directory holds no input files', { file: path });
    const format = files.find((f) => f.format !== 'text')?.format as FormatName | undefined;
    return { format, files, bytes };
  }
  const one = await planOne(path, forced);
  const bytes = path === '-' ? undefined : statSync(path).size;
  return { format: one.format === 'text' ? undefined : one.format, files: [one], bytes };
}

export interface PartOptions {
  softNewlines: boolean;
  /** Cut huge documents into parts (false for models that need whole documents). */
  split: boolean;
  /** Lines per part of a long CoNLL document (default PART_LINES of file-sources.ts). */
  partLines?: number;
  /** Receives the bytes read. */
  progress?: { bytes: number };
}

/** The id readInput gives raw text. */
export function textId(path: string): string {
  return path === '-' ? 'stdin' : basename(path, extname(path));
}

/** The parts of one planned file, documents numbered from `firstDoc`. */
export async function* partsOfFile(file: InputPlan['files'][number], opts: PartOptions, firstDoc = 0): AsyncGenerator<Part> {
  const src =
    file.format === 'text'
      ? textParts(file.path, textId(file.path), { softNewlines: opts.softNewlines, progress: opts.progress })
      : file.path === '-'
        ? fileParts(file.path, file.format, { split: opts.split, partLines: opts.partLines, progress: opts.progress })
        : strictParts(file.path, { format: file.format, split: opts.split, partLines: opts.partLines ?? PART_LINES, progress: opts.progress });
  for await (const p of src) {
    p.doc += firstDoc;
    yield p;
  }
}

/** The parts of every planned file, in order, documents numbered through. */
export async function* partsOfPlan(plan: InputPlan, opts: PartOptions): AsyncGenerator<Part> {
  let next = 0;
  for (const f of plan.files) {
    let last = -1;
    for await (const p of partsOfFile(f, opts, next)) {
      last = p.doc;
      yield p;
    }
    next = last + 1 > next ? last + 1 : next;
  }
}
