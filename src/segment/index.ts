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

function isTerminal(t: Token): boolean {
  if (t.kind !== 'punct') return false;
  const s = t.text;
  for (let i = 0; i < s.length; i++) if (!PUNCTUATION.terminal.has(s[i])) return false;
  return true;
}

function isClosing(t: Token): boolean {
  return t.kind === 'punct' && PUNCTUATION.closing.has(t.text);
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
 * Groups `tokens` (of `text`, in order) into sentences. `abbreviations`
 * tells which tokens are `[final]` abbreviations (etc.).
 */
export function segmentTokens(text: string, tokens: Token[], opts: { softNewlines?: boolean; abbreviations?: AbbreviationSet } = {}): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const m = tokens.length;
  const soft = opts.softNewlines === true;
  const finals = finalForms(opts.abbreviations);
  let first = 0;
  let hasContent = false; // the current sentence holds something besides punctuation
  let openQuotes = 0; // double quotes seen in the current sentence (odd: one is open)
  const close = (endToken: number) => {
    const start = tokens[first].start;
    const end = tokens[endToken - 1].end;
    out.push({ text: text.slice(start, end), start, end, firstToken: first, endToken });
    first = endToken;
    hasContent = false;
    openQuotes = 0;
  };
  let j = 0;
  while (j < m) {
    const t = tokens[j];
    let last = j; // last token of a possible sentence end
    let boundary = false;
    if (isTerminal(t) && hasContent) {
      // absorb further terminators (?! or `… .`) and the closing quotes and
      // brackets that follow: glued to it, or on the same line when they
      // cannot open a sentence (” ’, or a quote that closes one left open)
      let closesQuote = false;
      let lastTerminal = t.text;
      for (;;) {
        const next = tokens[last + 1];
        if (next === undefined) break;
        const glued = next.start === tokens[last].end;
        if (!glued && lineBreaks(text, tokens[last].end, next.start) > 0) break;
        if (isTerminal(next)) lastTerminal = next.text;
        else if ((glued && isClosing(next)) || CLOSE_ONLY.has(next.text) || (QUOTES.has(next.text) && openQuotes % 2 === 1)) {
          if (QUOTES.has(next.text)) {
            if (openQuotes % 2 === 1) closesQuote = true;
            openQuotes = countQuote(openQuotes, next.text);
          }
        } else break;
        last++;
      }
      // a quoted question or exclamation goes on with its speech verb:
      // "હા !" મેં કહ્યું .  (as the UD Gujarati treebank splits)
      const quotedExclamation = closesQuote && (lastTerminal === '?' || lastTerminal === '!');
      boundary = last + 1 < m && !quotedExclamation && startsSentence(tokens[last + 1]);
    } else if (finals !== undefined && t.kind === 'word' && finals.has(t.text)) {
      boundary = last + 1 < m && UPPER_LATIN.test(tokens[last + 1].text);
    }
    if (t.kind !== 'punct') hasContent = true;
    else if (QUOTES.has(t.text)) openQuotes = countQuote(openQuotes, t.text);
    if (!boundary && last + 1 < m) {
      const breaks = lineBreaks(text, tokens[last].end, tokens[last + 1].start);
      boundary = breaks >= (soft ? 2 : 1);
    }
    if (boundary) close(last + 1);
    j = last + 1;
  }
  if (first < m) close(m);
  return out;
}

/** Quote count after `q`: a closing-only quote (”) closes an open quote, or one opened before this sentence (no change). */
function countQuote(count: number, q: string): number {
  return CLOSE_ONLY.has(q) && count % 2 === 0 ? count : count + 1;
}

/** After a terminator, a new sentence starts unless the next token continues the old one. */
function startsSentence(next: Token): boolean {
  if (next.kind === 'punct') {
    const c = next.text;
    // , ; : and dashes continue the sentence ("... હતી., " or "3. — ...")
    if (c === ',' || c === ';' || c === ':' || c === '،') return false;
  }
  return !LOWER.test(next.text);
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
  const spans = segmentTokens(text, tokenizer.tokenize(text), { softNewlines: opts.softNewlines, abbreviations: tokenizer.abbreviations });
  return spans.map((s) => ({ text: s.text, start: s.start, end: s.end }));
}
