/**
 * Helpers shared by the format readers and writers: code point ↔ UTF-16
 * entity conversion with checks, documents rebuilt from token lines, and the
 * types every format module implements.
 */
import type { Document, Entity, Sentence, Token, TokenKind } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import type { TagScheme } from '../tags/scheme.js';
import type { AlignMode, Misaligned } from '../align/index.js';
import type { Problem, ProblemCode, ProblemSink } from '../io/problem.js';
import { setOrigin } from './origin.js';
import { NO_TYPE, parseTag } from '../tags/decode.js';

/** `O` or a prefix (B I E S L U), a dash and a type: the tags token files may hold. */
export function isEntityTag(tag: string): boolean {
  const p = parseTag(tag);
  return p !== undefined && (tag === 'O' || (p.type !== NO_TYPE && tag[1] === '-'));
}

export const FORMAT_NAMES = ['json', 'conll', 'conllu', 'iob', 'hf', 'brat', 'doccano', 'labelstudio', 'csv'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormatName(s: string): s is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(s);
}

/** One file handed to a reader; companions (brat .txt, HF labels.json) come through `sibling`. */
export interface FormatInput {
  file: string;
  content: string;
  /** Reads a companion file by path; undefined when it does not exist. */
  sibling(path: string): string | undefined;
}

/** How a format's files count offsets: code points (Python tools) or UTF-16 units (doccano's UI). */
export type OffsetUnit = 'codepoint' | 'utf16';

/** Names a Label Studio project uses: `<Labels name=fromName toName=toName>`, `<Text name=toName value="$dataKey">`. */
export interface LabelStudioNames {
  fromName: string;
  toName: string;
  dataKey: string;
}

/** Which -DOCSTART- lines a CoNLL writer puts between documents. */
export const DOCSTART_STYLES = ['conll2003', 'spacy', 'none'] as const;
export type DocstartStyle = (typeof DOCSTART_STYLES)[number];

/** Which Label Studio annotations become documents. */
export type AnnotationLayers = 'selected' | 'all' | 'predictions';

/** Options only some formats use; each reader and writer takes what applies to it. */
export interface FormatOptions {
  /** doccano offsets (default utf16, as its UI stores them). */
  offsets?: OffsetUnit;
  /** Label Studio control and data names (default label, text, text). */
  labelstudio?: Partial<LabelStudioNames>;
  /** Label Studio: the selected annotation per task (ground truth, else most recent), every one as a layer, or the predictions instead. */
  annotations?: AnnotationLayers;
  /** CoNLL writer: document separators (default: as read, else `-DOCSTART-` between several documents). */
  docstart?: DocstartStyle;
  /**
   * Companion files a tool needs beside the main file (HF dataset card
   * README.md, brat annotation.conf, Label Studio labeling config); default
   * true. The gold exports leave them out (one set per document would clash).
   */
  sidecars?: boolean;
}

/**
 * Counts of things a reader left out or repaired (unfinished tasks, UTF-16
 * repairs, skipped relation results), keyed by a description; printed on
 * stderr with the file name so nothing is dropped without a word.
 */
export type ReadNotes = Map<string, number>;

export function addNote(notes: ReadNotes | undefined, what: string, n = 1): void {
  if (notes === undefined || n === 0) return;
  notes.set(what, (notes.get(what) ?? 0) + n);
}

export interface ParseOptions extends FormatOptions {
  /** Receives the counts of what was skipped or repaired. */
  notes?: ReadNotes;
  /** Original text for token formats (CoNLL, HF without text): tokens are located in it. */
  text?: string;
  /** Tag scheme of token formats; guessed from the tags when absent. */
  scheme?: TagScheme;
  /** Document id when the file does not name one. */
  id: string;
  sink: ProblemSink;
}

export interface RenderOptions extends FormatOptions {
  scheme: TagScheme;
  align: AlignMode;
  /** Labels in schema order (HF labels.json); labels found in the documents are appended. */
  labels: readonly string[];
}

/** Files a writer produces, by path (the first is the main file), and what alignment did. */
export interface Rendered {
  files: Map<string, string>;
  misaligned: Misaligned[];
}

/** Reports a problem with the file name filled in. */
export function report(sink: ProblemSink, file: string, code: ProblemCode, message: string, where: { line?: number; ref?: string } = {}, severity: Problem['severity'] = 'error'): void {
  sink({ code, message, file, line: where.line, ref: where.ref, severity });
}

type RawEntity = { start: unknown; end: unknown; label: unknown; text?: unknown; source?: unknown; score?: unknown };

/** The checks every span reader makes first, whatever its offset unit: a non-empty label and integer offsets. */
function labelAndOffsets(raw: RawEntity, where: { file: string; line?: number; ref?: string }, sink: ProblemSink): { label: string; s: number; e: number } | null {
  const { start, end, label } = raw;
  if (typeof label !== 'string' || label === '') {
    report(sink, where.file, 'structure', `entity label must be a non-empty string, got ${JSON.stringify(label)}`, where);
    return null;
  }
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    report(sink, where.file, 'offsets', `entity offsets must be integers, got ${JSON.stringify(start)}, ${JSON.stringify(end)}`, where);
    return null;
  }
  return { label, s: start as number, e: end as number };
}

/**
 * An entity from code point offsets, checked against the text: integer
 * offsets inside the text, start < end, and `text` (when the file gives it)
 * equal to the text at the offsets. Returns null after reporting a problem.
 */
export function entityFromCodePoints(map: OffsetMap, raw: RawEntity, where: { file: string; line?: number; ref?: string }, sink: ProblemSink): Entity | null {
  const checked = labelAndOffsets(raw, where, sink);
  if (checked === null) return null;
  const { label, s, e } = checked;
  const n = map.codePointLength;
  if (s < 0 || e > n || s >= e) {
    const why = s >= e ? 'start is not before end' : `outside the text of ${n} code points`;
    report(sink, where.file, 'offsets', `${label} span ${s}-${e} ${why}`, where);
    return null;
  }
  const u = { start: map.toUtf16(s), end: map.toUtf16(e) };
  const actual = map.text.slice(u.start, u.end);
  if (raw.text !== undefined && raw.text !== null && raw.text !== actual) {
    // a tool that counted UTF-16 units (JavaScript) instead of code points gives this
    const asUtf16 = e <= map.text.length ? map.text.slice(s, e) : undefined;
    const hint = asUtf16 === raw.text ? ' (the offsets fit as UTF-16 units: the file was written by a tool that does not count code points)' : '';
    report(sink, where.file, 'text-mismatch', `${label} span ${s}-${e} text ${JSON.stringify(raw.text)} differs from the text at those code point offsets ${JSON.stringify(actual)}${hint}`, where);
    return null;
  }
  const ent: Entity = { start: u.start, end: u.end, label, text: actual };
  if (typeof raw.source === 'string' && raw.source !== '') ent.source = raw.source;
  if (typeof raw.score === 'number') ent.score = raw.score;
  setOrigin(ent, where);
  return ent;
}

/**
 * An entity from UTF-16 unit offsets (doccano's UI, JavaScript tools),
 * checked like {@link entityFromCodePoints}; an offset inside a surrogate
 * pair is an offsets problem. Returns null after reporting a problem.
 */
export function entityFromUtf16(map: OffsetMap, raw: RawEntity, where: { file: string; line?: number; ref?: string }, sink: ProblemSink): Entity | null {
  const checked = labelAndOffsets(raw, where, sink);
  if (checked === null) return null;
  const { label, s, e } = checked;
  if (s < 0 || e > map.text.length || s >= e) {
    const why = s >= e ? 'start is not before end' : `outside the text of ${map.text.length} UTF-16 units`;
    report(sink, where.file, 'offsets', `${label} span ${s}-${e} (UTF-16 units) ${why}`, where);
    return null;
  }
  // convert back and forth only to find offsets that cut a surrogate pair
  const cp = (u: number): number | undefined => {
    try {
      return map.toCodePoint(u);
    } catch {
      return undefined;
    }
  };
  if (cp(s) === undefined || cp(e) === undefined) {
    const asCp = e <= map.codePointLength ? map.text.slice(map.toUtf16(s), map.toUtf16(e)) : undefined;
    const hint = asCp === undefined ? '' : `; read as code points it would be ${JSON.stringify(asCp)}: if the file was written by a program that counts code points, give --offsets codepoint`;
    report(sink, where.file, 'offsets', `${label} span ${s}-${e} (UTF-16 units) falls inside a surrogate pair (an emoji or other character outside the BMP is cut)${hint}`, where);
    return null;
  }
  const actual = map.text.slice(s, e);
  if (raw.text !== undefined && raw.text !== null && raw.text !== actual) {
    report(sink, where.file, 'text-mismatch', `${label} span ${s}-${e} text ${JSON.stringify(raw.text)} differs from the text at those UTF-16 offsets ${JSON.stringify(actual)}`, where);
    return null;
  }
  const ent: Entity = { start: s, end: e, label, text: actual };
  if (typeof raw.source === 'string' && raw.source !== '') ent.source = raw.source;
  if (typeof raw.score === 'number') ent.score = raw.score;
  setOrigin(ent, where);
  return ent;
}

/** Records the file line of each entity decoded from tags: the line of its first token (`lines` parallel to doc.tokens). */
export function setTokenOrigins(doc: Document, lines: readonly number[], file: string): void {
  const lineAt = new Map<number, number>();
  doc.tokens.forEach((t, i) => lineAt.set(t.start, lines[i]));
  for (const e of doc.entities) setOrigin(e, { file, line: lineAt.get(e.start) });
}

/** An entity as written to files: code point offsets and the covered text. */
export function entityToCodePoints(map: OffsetMap, e: Entity): { start: number; end: number; label: string; text: string; source?: string; score?: number } {
  const out: { start: number; end: number; label: string; text: string; source?: string; score?: number } = {
    start: map.toCodePoint(e.start),
    end: map.toCodePoint(e.end),
    label: e.label,
    text: map.text.slice(e.start, e.end),
  };
  if (e.source !== undefined) out.source = e.source;
  if (e.score !== undefined) out.score = e.score;
  return out;
}

const RE_NUMBER = /^[\p{Nd}]+(?:[.,:/-][\p{Nd}]+)*$/u;
// ZWNJ and ZWJ are listed as single characters of a word, not as a joined sequence
// eslint-disable-next-line no-misleading-character-class
const RE_WORD = /^[\p{L}\p{M}\p{Nd}\u200c\u200d'’-]+$/u;
const RE_PUNCT = /^\p{P}+$/u;
const RE_EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** Token kind for tokens read from token files, which do not record it. */
export function guessTokenKind(t: string): TokenKind {
  if (RE_NUMBER.test(t)) return 'number';
  if (/^(?:https?:\/\/|www\.|pic\.twitter\.com\/)/i.test(t)) return 'url';
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return 'email';
  if (/^#[\p{L}\p{M}\p{Nd}_]+$/u.test(t)) return 'hashtag';
  if (/^@[\p{L}\p{M}\p{Nd}_]+$/u.test(t)) return 'mention';
  if (RE_WORD.test(t)) return 'word';
  if (RE_PUNCT.test(t)) return 'punct';
  if (RE_EMOJI.test(t)) return 'emoji';
  return 'symbol';
}

export interface TokenLine {
  text: string;
  /** 1-based line (or row) in the file, for error messages. */
  line: number;
  kind?: TokenKind;
}

/**
 * Builds text, sentences and tokens from sentences of token strings. Without
 * `text` the text is the tokens joined by single spaces, sentences joined by
 * newlines; with `text` each token is found in it in order (a token not found
 * is reported with its line).
 */
export function documentFromTokenLines(id: string, sentences: readonly (readonly TokenLine[])[], file: string, sink: ProblemSink, text?: string): Document {
  const tokens: Token[] = [];
  const sents: Sentence[] = [];
  if (text === undefined) {
    let pos = 0;
    const parts: string[] = [];
    sentences.forEach((sent, k) => {
      if (k > 0) {
        parts.push('\n');
        pos += 1;
      }
      const sStart = pos;
      sent.forEach((t, j) => {
        if (j > 0) {
          parts.push(' ');
          pos += 1;
        }
        tokens.push({ start: pos, end: pos + t.text.length, text: t.text, kind: t.kind ?? guessTokenKind(t.text) });
        parts.push(t.text);
        pos += t.text.length;
      });
      sents.push({ start: sStart, end: pos, text: '' });
    });
    const full = parts.join('');
    for (const s of sents) s.text = full.slice(s.start, s.end);
    return { id, text: full, sentences: sents, tokens, entities: [] };
  }
  const map = new OffsetMap(text);
  let pos = 0;
  for (const sent of sentences) {
    let sStart = -1;
    for (const t of sent) {
      const at = t.text === '' ? -1 : text.indexOf(t.text, pos);
      if (at < 0) {
        report(sink, file, 'token-not-found', `token ${JSON.stringify(t.text)} not found in the supplied text after code point ${map.toCodePoint(pos)}`, { line: t.line });
        continue;
      }
      if (sStart < 0) sStart = at;
      tokens.push({ start: at, end: at + t.text.length, text: t.text, kind: t.kind ?? guessTokenKind(t.text) });
      pos = at + t.text.length;
    }
    if (sStart >= 0) sents.push({ start: sStart, end: pos, text: text.slice(sStart, pos) });
  }
  return { id, text, sentences: sents, tokens, entities: [] };
}

/** The stem of a path's base name without the given extension(s). */
export function stemOf(path: string, exts: readonly string[]): string {
  const base = path.replace(/^.*[\\/]/, '');
  for (const x of exts) if (base.toLowerCase().endsWith(x)) return base.slice(0, base.length - x.length);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
