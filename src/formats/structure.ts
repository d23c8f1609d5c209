/**
 * Rules every reader applies to the documents it returns, so `validate`
 * (which collects every problem) and `convert`/`annotate`/`train` (which
 * stop at the first error) judge a file the same way:
 *   - tokens are non-empty, hold no leading or trailing white space and do
 *     not overlap (each starts at or after the end of the one before);
 *   - entity starts and ends fall on grapheme cluster boundaries (never
 *     between the halves of a flag, a consonant and its nukta, a letter and
 *     its virama), except the documented case: a name ending before the
 *     case-ending vowel sign glued to it (`પાકિસ્તાન|ે`, GUIDELINES.md);
 *   - document ids in one file are distinct.
 */
import type { Document, Entity } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { caseEndings } from '../lang/gu/endings.js';
import { originOf } from './origin.js';
import type { ProblemSink } from '../io/problem.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Grapheme clusters longer than this (UTF-16 units) are not looked back over. */
const WINDOW = 64;

/** Is UTF-16 offset `i` a grapheme cluster boundary of `text`? */
export function isGraphemeBoundary(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  const from = Math.max(0, i - WINDOW);
  for (const seg of graphemes.segment(text.slice(from, Math.min(text.length, i + WINDOW)))) {
    const at = from + seg.index;
    if (at === i) return true;
    if (at > i) return false;
  }
  return false;
}

const isGujaratiConsonant = (c: number): boolean => c >= 0x0a95 && c <= 0x0ab9;
const isGujaratiSign = (c: number): boolean => (c >= 0x0a81 && c <= 0x0a83) || (c >= 0x0abc && c <= 0x0acd) || (c >= 0x0ae2 && c <= 0x0ae3);

/** The documented exception: an entity ends after a consonant, before a case ending that starts with a vowel sign. */
export function endsBeforeCaseEndingSign(text: string, end: number): boolean {
  if (!isGujaratiSign(text.charCodeAt(end)) || !isGujaratiConsonant(text.charCodeAt(end - 1))) return false;
  // the plural ો (અમેરિકન|ો, અમેરિકન|ોએ) is glued inflection too: the guidelines leave it outside the span
  return text.charCodeAt(end) === PLURAL_O || caseEndings().some((e) => isGujaratiSign(e.charCodeAt(0)) && text.startsWith(e, end));
}
const PLURAL_O = 0x0acb;

function entityWhere(e: Entity, file: string, i: number): { line?: number; ref: string; file: string } {
  const o = originOf(e);
  return { file: o?.file ?? file, line: o?.line, ref: o?.ref ?? `entity ${i + 1}` };
}

/** Reports every broken rule of the documents read from `file` to the sink. */
export function checkReadDocuments(docs: readonly Document[], file: string, sink: ProblemSink): void {
  const rules = new StructureRules(file, sink);
  docs.forEach((doc, k) => rules.check(doc, k));
}

/** Where a document part sits in its whole document (src/stream/ checks documents part by part). */
export interface PartPlace {
  /** Code points of the whole document before the part's text. */
  cpBase: number;
  /** Tokens of the whole document before the part's. */
  tokenBase: number;
  /** Entities of the whole document before the part's. */
  entityBase: number;
}

const WHOLE: PartPlace = { cpBase: 0, tokenBase: 0, entityBase: 0 };

/** The rules applied one document (or document part) at a time; only the ids seen are kept. */
export class StructureRules {
  private readonly ids = new Map<string, number>();
  constructor(
    private readonly file: string,
    private readonly sink: ProblemSink,
  ) {}

  /** Checks document number `k` (0-based) of the file; a part after the first (`at`) is not checked for its id again. */
  check(doc: Document, k: number, at: PartPlace = WHOLE, firstPart = true): void {
    const { file, sink } = this;
    if (firstPart) {
      const first = this.ids.get(doc.id);
      if (first !== undefined) {
        sink({ code: 'duplicate-id', message: `document id ${JSON.stringify(doc.id)} appears again (documents ${first + 1} and ${k + 1}); ids must be distinct`, file, severity: 'error' });
      } else this.ids.set(doc.id, k);
    }
    const map = new OffsetMap(doc.text);
    const cp = (u: number): number => at.cpBase + map.toCodePoint(u);
    let prevEnd = 0;
    doc.tokens.forEach((t, i) => {
      const where = { file, ref: `document ${doc.id} token ${at.tokenBase + i + 1}`, severity: 'error' as const };
      const s = doc.text.slice(t.start, t.end);
      if (t.end <= t.start) sink({ code: 'token', message: `empty token at code point ${cp(t.start)}`, ...where });
      else if (s.trim() === '') sink({ code: 'token', message: `token ${cp(t.start)}-${cp(t.end)} is only white space ${JSON.stringify(s)}`, ...where });
      else if (s.trim() !== s) sink({ code: 'token', message: `token ${cp(t.start)}-${cp(t.end)} ${JSON.stringify(s)} begins or ends with white space`, ...where });
      if (t.start < prevEnd)
        sink({ code: 'token', message: `token ${cp(t.start)}-${cp(t.end)} ${JSON.stringify(s)} overlaps or precedes the token before it (which ends at ${cp(prevEnd)})`, ...where });
      prevEnd = Math.max(prevEnd, t.end);
    });
    doc.entities.forEach((e, i) => {
      if (e.start < 0 || e.end > doc.text.length || e.start >= e.end) return; // the reader reported it
      const badStart = !isGraphemeBoundary(doc.text, e.start);
      const badEnd = !isGraphemeBoundary(doc.text, e.end) && !endsBeforeCaseEndingSign(doc.text, e.end);
      if (!badStart && !badEnd) return;
      const at2 = badStart ? e.start : e.end;
      const cluster = doc.text.slice(Math.max(0, at2 - 2), at2 + 2);
      sink({
        code: 'grapheme',
        message: `${e.label} span ${cp(e.start)}-${cp(e.end)} ${badStart ? 'starts' : 'ends'} inside a grapheme cluster (at code point ${cp(at2)}, in ${JSON.stringify(cluster)}); only the case-ending vowel sign may be cut off`,
        ...entityWhere(e, file, at.entityBase + i),
        severity: 'error',
      });
    });
  }
}
