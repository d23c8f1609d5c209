/**
 * Invariants of a gold document beyond what the JSON reader enforces:
 * sentences and tokens are ordered, non-overlapping spans of the text whose
 * `text` matches; every token lies in one sentence; entities are sorted,
 * never overlap, stay inside one sentence, carry schema labels, and their
 * edges obey the guidelines (no surrounding spaces, no edge inside a
 * conjunct or a surrogate pair; an end before a dependent vowel sign is
 * allowed: the ergative `ે` of `ખાને`, GUIDELINES.md §2.1).
 *
 * Messages name spans in code points, as in the files.
 */
import type { Document, Span } from '../doc/types.js';
import { NUKTA as NUKTA_CP, VIRAMA as VIRAMA_CP } from '../lang/gu/script.js';
import { OffsetMap } from '../text/offsets.js';

const VIRAMA = String.fromCharCode(VIRAMA_CP);
const NUKTA = String.fromCharCode(NUKTA_CP);
const RE_MARK = /^\p{M}/u;
const RE_SPACE = /^\s|\s$/u;

export function goldProblems(doc: Document, labels: readonly string[]): string[] {
  const out: string[] = [];
  const map = new OffsetMap(doc.text);
  const cp = (s: Span): string => {
    try {
      return `${map.toCodePoint(s.start)}-${map.toCodePoint(s.end)}`;
    } catch {
      return `utf16 ${s.start}-${s.end} (inside a surrogate pair)`;
    }
  };
  const spanOk = (s: Span, what: string): boolean => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start < s.end && s.end <= doc.text.length)) {
      out.push(`${what} ${cp(s)} is empty or outside the text`);
      return false;
    }
    try {
      map.toCodePoint(s.start);
      map.toCodePoint(s.end);
    } catch {
      out.push(`${what} utf16 ${s.start}-${s.end} cuts a surrogate pair`);
      return false;
    }
    return true;
  };
  const ordered = (spans: readonly Span[], what: string): void => {
    for (let i = 1; i < spans.length; i++) {
      if (spans[i].start < spans[i - 1].end) out.push(`${what} ${cp(spans[i])} starts before the previous one ${cp(spans[i - 1])} ends (overlap or wrong order)`);
    }
  };

  doc.sentences.forEach((s, i) => {
    if (!spanOk(s, `sentence ${i}`)) return;
    const t = doc.text.slice(s.start, s.end);
    if (s.text !== undefined && s.text !== t) out.push(`sentence ${i} ${cp(s)} text differs from the text at its offsets`);
    if (RE_SPACE.test(t)) out.push(`sentence ${i} ${cp(s)} starts or ends with whitespace`);
  });
  ordered(doc.sentences, 'sentence');

  let si = 0;
  doc.tokens.forEach((t, i) => {
    if (!spanOk(t, `token ${i}`)) return;
    if (t.text !== doc.text.slice(t.start, t.end)) out.push(`token ${i} ${cp(t)} text ${JSON.stringify(t.text)} differs from the text at its offsets`);
    if (/\s/u.test(t.text)) out.push(`token ${i} ${cp(t)} ${JSON.stringify(t.text)} contains whitespace`);
    while (si < doc.sentences.length && doc.sentences[si].end <= t.start) si++;
    const s = doc.sentences[si];
    if (s === undefined || t.start < s.start || t.end > s.end) out.push(`token ${i} ${cp(t)} ${JSON.stringify(t.text)} is not inside one sentence`);
  });
  ordered(doc.tokens, 'token');

  const known = new Set(labels);
  doc.entities.forEach((e, i) => {
    const what = `entity ${i} ${e.label}`;
    if (!spanOk(e, what)) return;
    const t = doc.text.slice(e.start, e.end);
    if (!known.has(e.label)) out.push(`${what} ${cp(e)} label is not in the schema (${labels.join(', ')})`);
    if (e.text !== undefined && e.text !== t) out.push(`${what} ${cp(e)} text ${JSON.stringify(e.text)} differs from the text at its offsets ${JSON.stringify(t)}`);
    if (RE_SPACE.test(t)) out.push(`${what} ${cp(e)} ${JSON.stringify(t)} starts or ends with whitespace`);
    if (RE_MARK.test(t) || doc.text[e.start - 1] === VIRAMA) out.push(`${what} ${cp(e)} ${JSON.stringify(t)} starts inside a letter (on a combining mark or after a virama)`);
    if (t.endsWith(VIRAMA) || doc.text[e.end] === NUKTA) out.push(`${what} ${cp(e)} ${JSON.stringify(t)} ends inside a conjunct or before a nukta`);
    if (!doc.sentences.some((s) => s.start <= e.start && e.end <= s.end)) out.push(`${what} ${cp(e)} ${JSON.stringify(t)} crosses a sentence boundary`);
  });
  ordered(doc.entities, 'entity');
  return out;
}
