/**
 * Sentence splitting on top of the tokenizer: a sentence is a run of
 * whole tokens, so no token ever crosses a sentence end, and sentences are
 * trimmed spans of the original text.
 *
 * A sentence ends after a terminator token (. ? ! । ॥ | … and runs such as
 * `?!`, from `src/text/punctuation.txt`) together with the closing quotes
 * and brackets glued to it, and at a line break (or only at a paragraph
 * break, with `softNewlines`). Abbreviations, initials, numbers, URLs and
 * emails keep their dots inside their token, so they never end a sentence,
 * except the `[final]` abbreviations (etc.) before a capital letter.
 */
import type { Sentence, Token } from '../doc/types.js';
import { PUNCTUATION } from '../text/chars.js';
import { defaultTokenizer, type Tokenizer } from '../tokenize/index.js';
import { KIND_CODE, TokenSpans } from '../tokenize/spans.js';
import type { AbbreviationSet } from '../lang/gu/abbreviations.js';

export interface SplitOptions {
  /** Treat a single line break as a space (wrapped prose); a blank line still ends a sentence. Default false. */
  softNewlines?: boolean;
  /** Tokenizer to use (its abbreviation list also drives the splitter). */
  tokenizer?: Tokenizer;
}

/** A sentence with the range of its tokens, `tokens.slice(firstToken, endToken)`. */
export interface SentenceSpan extends Sentence {
  firstToken: number;
  endToken: number;
}

const K_PUNCT = KIND_CODE.punct;
const K_WORD = KIND_CODE.word;
const K_NUMBER = KIND_CODE.number;

/** UTF-16 codes of the terminators (all are single units). */
const TERMINAL = new Uint8Array(0x10000);
for (const c of PUNCTUATION.terminal) TERMINAL[c.charCodeAt(0)] = 1;

/** A punct token made of terminators only (., ..., ?, ।, …). */
function isTerminalAt(text: string, sp: TokenSpans, i: number): boolean {
  if (sp.kinds[i] !== K_PUNCT) return false;
  for (let p = sp.starts[i], e = sp.ends[i]; p < e; p++) if (TERMINAL[text.charCodeAt(p)] !== 1) return false;
  return true;
}

/** The text of a one-unit punct token, or '' (quotes and brackets are all one unit). */
function punctChar(text: string, sp: TokenSpans, i: number): string {
  return sp.kinds[i] === K_PUNCT && sp.ends[i] - sp.starts[i] === 1 ? text[sp.starts[i]] : '';
}

/** Line breaks in the gap [from, to): 0, 1, or 2 for a paragraph break (or U+2029). */
function lineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0b || c === 0x0c || c === 0x85 || c === 0x2028) breaks++;
    else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) !== 0x0a) breaks++;
    } else if (c === 0x2029) breaks += 2;
  }
  return breaks > 2 ? 2 : breaks;
}

const LOWER = /^\p{Ll}/u;
/** Double quotes, whose direction writers mix up (“ is often typed as a closing quote). */
const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb']);
/** Closers that never open a sentence, so they stay with the sentence even after a space. */
const CLOSE_ONLY = new Set(['\u201d', '\u2019', ')', ']', '}']);
const UPPER_LATIN = /^[A-Z]/;

/**
 * Groups tokens (of `text`, in order, as columns) into sentences.
 * `abbreviations` tells which tokens are `[final]` abbreviations (etc.).
 */
export function segmentSpans(text: string, sp: TokenSpans, opts: { softNewlines?: boolean; abbreviations?: AbbreviationSet } = {}): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const m = sp.length;
  const { starts, ends, kinds } = sp;
  const soft = opts.softNewlines === true;
  const finals = finalForms(opts.abbreviations);
  let first = 0;
  let hasContent = false; // the current sentence holds something besides punctuation
  let openQuotes = 0; // double quotes seen in the current sentence (odd: one is open)
  let brackets = 0; // round and square brackets opened in the current sentence and not closed
  const close = (endToken: number) => {
    const start = starts[first];
    const end = ends[endToken - 1];
    out.push({ text: text.slice(start, end), start, end, firstToken: first, endToken });
    first = endToken;
    hasContent = false;
    openQuotes = 0;
    brackets = 0;
  };
  let j = 0;
  while (j < m) {
    const kind = kinds[j];
    let last = j; // last token of a possible sentence end
    let boundary = false;
    if (kind === K_PUNCT && hasContent && isTerminalAt(text, sp, j)) {
      // absorb further terminators (?! or `… .`) and the closing quotes and
      // brackets that follow: glued to it, or on the same line when they
      // cannot open a sentence (” ’, or a quote that closes one left open)
      let closesQuote = false;
      let lastTerminal = j; // compared by char code below: slices of a flat or a sliced string differ in kind, which deoptimizes a string compare
      while (last + 1 < m) {
        const next = last + 1;
        const glued = starts[next] === ends[last];
        if (!glued && lineBreaks(text, ends[last], starts[next]) > 0) break;
        const ch = punctChar(text, sp, next);
        if (isTerminalAt(text, sp, next)) lastTerminal = next;
        else if (ch !== '' && ((glued && PUNCTUATION.closing.has(ch)) || CLOSE_ONLY.has(ch) || (QUOTES.has(ch) && (openQuotes % 2 === 1 || loneQuote(text, sp, next))))) {
          if (QUOTES.has(ch)) {
            if (openQuotes % 2 === 1) closesQuote = true;
            openQuotes = countQuote(openQuotes, ch);
          }
        } else break;
        last++;
      }
      // a quoted question or exclamation goes on with its speech verb:
      // "હા !" મેં કહ્યું .  (as the UD Gujarati treebank splits)
      const quotedExclamation = closesQuote && ends[lastTerminal] - starts[lastTerminal] === 1 && (text.charCodeAt(starts[lastTerminal]) === 0x3f || text.charCodeAt(starts[lastTerminal]) === 0x21);
      boundary =
        last + 1 < m &&
        !quotedExclamation &&
        startsSentence(text, sp, last + 1) &&
        !gluedContinuation(text, sp, lastTerminal, last) &&
        // a numbered reference in brackets, `(પ્રકરણ ૩: ૫, ૬. અધ્યાય ૪: ૨)`: no end inside the open bracket
        // (decided on the tokens before only, so streaming gives the same sentences; a line break still ends one)
        !(brackets > 0 && j > first && kinds[j - 1] === K_NUMBER);
    } else if (finals !== undefined && kind === K_WORD && text.charCodeAt(ends[j] - 1) === 0x2e && finals.has(text.slice(starts[j], ends[j]))) {
      boundary = last + 1 < m && UPPER_LATIN.test(text[starts[last + 1]]);
    }
    if (kind !== K_PUNCT) hasContent = true;
    else {
      const ch = punctChar(text, sp, j);
      if (ch !== '' && QUOTES.has(ch)) openQuotes = countQuote(openQuotes, ch);
      else if (ch === '(' || ch === '[') brackets++;
      else if ((ch === ')' || ch === ']') && brackets > 0) brackets--;
    }
    if (!boundary && last + 1 < m) {
      const from = ends[last];
      const to = starts[last + 1];
      // the common gap, one space, holds no line break
      if (to - from > 1 || text.charCodeAt(from) !== 0x20) boundary = lineBreaks(text, from, to) >= (soft ? 2 : 1);
    }
    if (boundary) close(last + 1);
    j = last + 1;
  }
  if (first < m) close(m);
  return out;
}

/** Like segmentSpans, for Token objects (UTF-16 offsets into `text`). */
export function segmentTokens(text: string, tokens: readonly Token[], opts: { softNewlines?: boolean; abbreviations?: AbbreviationSet } = {}): SentenceSpan[] {
  return segmentSpans(text, TokenSpans.fromTokens(tokens), opts);
}

/** Quote count after `q`: a closing-only quote (”) closes an open quote, or one opened before this sentence (no change). */
function countQuote(count: number, q: string): number {
  return CLOSE_ONLY.has(q) && count % 2 === 0 ? count : count + 1;
}

/**
 * A quote after a sentence end, apart from it by a space, with nothing
 * after it on its line (`… પૂરું થયું . "` at the end of a line or of the
 * text) closes the sentence before it: a lone quote is never a sentence of
 * its own. A quote followed by words on its line may open the next one
 * (`. " હા ! “`, as UD Gujarati writes quoted speech).
 */
function loneQuote(text: string, sp: TokenSpans, i: number): boolean {
  return i + 1 >= sp.length || lineBreaks(text, sp.ends[i], sp.starts[i + 1]) > 0;
}

/**
 * A terminator glued on both sides to what follows it without a space, and
 * the next token a number or a sign (`પેટિશનમાં1.2`, `સી.+1`), is inside a
 * number or a formula, not at a sentence end.
 */
function gluedContinuation(text: string, sp: TokenSpans, terminal: number, last: number): boolean {
  if (last !== terminal || terminal === 0 || last + 1 >= sp.length) return false;
  if (sp.starts[terminal] !== sp.ends[terminal - 1] || sp.starts[last + 1] !== sp.ends[last]) return false;
  const c = text.charCodeAt(sp.starts[last + 1]);
  return sp.kinds[last + 1] === K_NUMBER || c === 0x2b || c === 0x2d || c === 0x3d || c === 0x25 || (c >= 0x30 && c <= 0x39) || (c >= 0x0ae6 && c <= 0x0aef);
}

/** After a terminator, a new sentence starts unless the next token continues the old one. */
function startsSentence(text: string, sp: TokenSpans, i: number): boolean {
  const c = punctChar(text, sp, i);
  // , ; : continue the sentence ("... હતી., ")
  if (c === ',' || c === ';' || c === ':' || c === '،') return false;
  return !LOWER.test(text.slice(sp.starts[i], Math.min(sp.ends[i], sp.starts[i] + 2)));
}

const finalCache = new WeakMap<AbbreviationSet, Set<string>>();
function finalForms(abbr: AbbreviationSet | undefined): Set<string> | undefined {
  if (abbr === undefined) return undefined;
  let s = finalCache.get(abbr);
  if (s === undefined) {
    s = new Set();
    for (const list of abbr.byFirstPart.values()) for (const a of list) if (a.kind === 'final') s.add(a.form);
    finalCache.set(abbr, s);
  }
  return s.size === 0 ? undefined : s;
}

/** Sentences of `text`: trimmed spans in UTF-16 offsets. */
export function splitSentences(text: string, opts: SplitOptions = {}): Sentence[] {
  const tokenizer = opts.tokenizer ?? defaultTokenizer();
  const spans = segmentSpans(text, tokenizer.spans(text), { softNewlines: opts.softNewlines, abbreviations: tokenizer.abbreviations });
  return spans.map((s) => ({ text: s.text, start: s.start, end: s.end }));
}
