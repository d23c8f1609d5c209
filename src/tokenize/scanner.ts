/**
 * The tokenizer's model: one pass over the text with charCodeAt and a
 * class table, no per-character allocation. Whitespace separates tokens
 * (pre-tokenization, done inline for speed); at each token start the
 * class of the first character picks a rule (word, number, emoji, punct,
 * symbol, hashtag, mention), words may turn into abbreviations, URLs or
 * emails; finally every token absorbs the grapheme extenders that follow
 * it, so no token boundary falls inside a grapheme cluster.
 */
import { KIND_CODE, TokenSpans } from './spans.js';
import { BMP_CLASS, CH, PUNCTUATION, astralClass, COMBINING_KEYCAP, VS16, isPictographic, isPrepend } from '../text/chars.js';
import type { AbbreviationSet } from '../lang/gu/abbreviations.js';
import { matchWeb } from './web.js';

const T = BMP_CLASS;
const { SPACE, LETTER, EXTEND, DIGIT, PUNCT, SYMBOL, ZWJ, EMOJI, HIGH } = CH;

/** 1 for classes that continue a word: letters, marks, digits, ZWJ. */
const WORD = new Uint8Array(16);
WORD[LETTER] = WORD[EXTEND] = WORD[DIGIT] = WORD[ZWJ] = 1;

const DOT = 0x2e;
const HYPHEN = 0x2d;
const HASH = 0x23;
const AT = 0x40;
const STAR = 0x2a;
const UNDERSCORE = 0x5f;

/** Runs of these characters are one token (`...`, `--`, `……`). */
const RUN_CHARS = new Set([...PUNCTUATION.run].map((s) => s.charCodeAt(0)));

/** Class of the code point at i (astral aware); `n` is the text length. */
function cls(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const k = T[c];
  if (k !== HIGH) return k;
  const d = text.charCodeAt(i + 1);
  if (d >= 0xdc00 && d <= 0xdfff) return astralClass(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
  return CH.OTHER;
}

/** UTF-16 length of the code point at i. */
function len(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** 1 for BMP code units that continue a word (one lookup in the hot loop). */
const WORD_UNIT = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) WORD_UNIT[c] = WORD[T[c]];

/** End of the run of word characters (letters, marks, digits, ZWJ) from i. */
function wordEnd(text: string, i: number, n: number): number {
  while (i < n) {
    const c = text.charCodeAt(i);
    if (WORD_UNIT[c] === 1) i++;
    else if (c >= 0xd800 && c <= 0xdbff && WORD[cls(text, i)] === 1) i += 2;
    else break;
  }
  return i;
}

/** Like wordEnd, plus `_` (hashtags and mentions). Stops at # and @. */
function tagEnd(text: string, i: number, n: number): number {
  for (;;) {
    i = wordEnd(text, i, n);
    if (i < n && text.charCodeAt(i) === UNDERSCORE) i++;
    else return i;
  }
}

/** Absorbs grapheme extenders (marks, ZWJ, VS, emoji modifiers, tags) after a token. */
function extendEnd(text: string, i: number, n: number): number {
  while (i < n) {
    const k = T[text.charCodeAt(i)];
    if (k === EXTEND || k === ZWJ) i++;
    else if (k === HIGH && cls(text, i) === EXTEND) i += 2;
    else break;
  }
  return i;
}

function isDigitAt(text: string, i: number): boolean {
  return i < text.length && T[text.charCodeAt(i)] === DIGIT;
}

function isAsciiUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

/** Skips spaces and tabs (not line breaks); returns the next index. */
function skipInlineSpace(text: string, i: number, n: number): number {
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || T[c] !== SPACE) break;
    i++;
  }
  return i;
}

/** A letter follows on the same line (after spaces): the context of an initial. */
function wordFollows(text: string, i: number, n: number): boolean {
  const j = skipInlineSpace(text, i, n);
  return j > i && j < n && cls(text, j) === LETTER;
}

/** End of an emoji cluster starting at i: flag pairs, modifiers, VS16, ZWJ sequences, tags. */
function emojiEnd(text: string, i: number, n: number): number {
  const cp = text.codePointAt(i)!;
  let j = i + len(text, i);
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
    const next = text.codePointAt(j);
    if (next !== undefined && next >= 0x1f1e6 && next <= 0x1f1ff) j += 2;
    return extendEnd(text, j, n);
  }
  for (;;) {
    while (j < n) {
      const k = cls(text, j);
      if (k === EXTEND) j += len(text, j);
      else break;
    }
    if (j < n && text.charCodeAt(j) === 0x200d) {
      const after = j + 1;
      // GB11: only an Extended_Pictographic character joins after ZWJ (not a flag half)
      if (after < n && isPictographic(text.codePointAt(after)!)) {
        j = after + len(text, after);
        continue;
      }
      j = after; // a ZWJ extends the cluster even when nothing joins it
      continue;
    }
    return j;
  }
}

/** Keycap sequence `1️⃣` / `#⃣` starting at i: its end, or -1. */
function keycapEnd(text: string, i: number, n: number): number {
  let j = i + 1;
  if (j < n && text.charCodeAt(j) === VS16) j++;
  return j < n && text.charCodeAt(j) === COMBINING_KEYCAP ? j + 1 : -1;
}

/**
 * End of a number at i: digits with `,` `.` `:` `/` between digits
 * (1,00,000  ૨૫.૧૭  10:30  7/4/2021), then a glued unit or case ending
 * (8GB, 2016ના), or `-` plus a single letter (૩૫-એ, article 35-A).
 */
function numberEnd(text: string, i: number, n: number): number {
  let j = i;
  for (;;) {
    while (j < n && T[text.charCodeAt(j)] === DIGIT) j++;
    const c = text.charCodeAt(j);
    if ((c === 0x2c || c === DOT || c === 0x3a || c === 0x2f) && isDigitAt(text, j + 1)) {
      j++;
      continue;
    }
    break;
  }
  const w = wordEnd(text, j, n);
  if (w > j) return w;
  if (text.charCodeAt(j) === HYPHEN && j + 1 < n && cls(text, j + 1) === LETTER) {
    const e = extendEnd(text, j + 1 + len(text, j + 1), n);
    if (e >= n || WORD[cls(text, e)] !== 1) return e;
  }
  return j;
}

/** The list entry for `part.` when it is a letter-name initial (either kind). */
function initialKind(abbr: AbbreviationSet, text: string, s: number, e: number): 'initial' | 'initial-word' | undefined {
  const cands = abbr.byFirstPart.get(text.slice(s, e));
  if (cands === undefined) return undefined;
  for (const a of cands) if ((a.kind === 'initial' || a.kind === 'initial-word') && a.form.length === e - s + 1) return a.kind;
  return undefined;
}

/** A letter-name initial `X.` starts at i (after spaces on the same line). */
function initialFollows(text: string, i: number, n: number, abbr: AbbreviationSet): boolean {
  const j = skipInlineSpace(text, i, n);
  if (j === i || j >= n || cls(text, j) !== LETTER) return false;
  const w = wordEnd(text, j, n);
  return text.charCodeAt(w) === DOT && initialKind(abbr, text, j, w) !== undefined;
}

/**
 * End of initials glued together from `i` (just after the first `X.`):
 * યુ.એસ.ના, એફ.ટી.એ., એચ.કે; a glued case ending stays in the token.
 * -1 when no second initial follows.
 */
function initialChainEnd(text: string, i: number, n: number, abbr: AbbreviationSet): number {
  let p = i;
  let count = 0;
  for (;;) {
    const w = wordEnd(text, p, n);
    if (w > p && text.charCodeAt(w) === DOT && initialKind(abbr, text, p, w) !== undefined) {
      p = w + 1;
      count++;
    } else break;
  }
  if (count === 0) {
    // a last letter name without its dot: એચ.કે
    const w = wordEnd(text, p, n);
    return w > p && initialKind(abbr, text, p, w) !== undefined ? w : -1;
  }
  return wordEnd(text, p, n);
}

/**
 * End of an abbreviation from the list or of Latin initials (U.S.A., A. P. J.)
 * for the word [s, e) followed by a dot at e; -1 when it is not one.
 * `afterInitial`: the previous token is an initial (એ. પી. જે. અબ્દુલ).
 */
function abbreviationEnd(text: string, s: number, e: number, n: number, abbr: AbbreviationSet, afterInitial: boolean): number {
  const cands = abbr.byFirstPart.get(text.slice(s, e));
  if (cands !== undefined) {
    for (const a of cands) {
      if (!text.startsWith(a.form, s)) continue;
      const after = s + a.form.length;
      const glued = after < n && WORD[cls(text, after)] === 1;
      if (a.kind === 'abbreviation' || a.kind === 'final') {
        // also when glued to the next word: ડૉ.મનમોહન, ઈ.સ.પૂર્વે
        return after;
      }
      if (glued) {
        const chain = initialChainEnd(text, after, n, abbr);
        if (chain !== -1) return chain;
        continue;
      }
      if (a.kind === 'initial' ? wordFollows(text, after, n) : afterInitial || initialFollows(text, after, n, abbr)) return after;
    }
  }
  const c = text.charCodeAt(s);
  if (e - s === 1 && isAsciiLetter(c)) {
    // dotted single letters: U.S.A., e.g., i.e.
    let j = e;
    while (text.charCodeAt(j) === DOT && isAsciiLetter(text.charCodeAt(j + 1)) && text.charCodeAt(j + 2) === DOT) j += 2;
    if (j > e && (j + 1 >= n || WORD[cls(text, j + 1)] !== 1)) return j + 1;
    // a capital initial before a capitalised word: A. P. J. Abdul, Sergey V. Lavrov
    if (isAsciiUpper(c)) {
      const k = skipInlineSpace(text, e + 1, n);
      if (k > e + 1 && k < n && isAsciiUpper(text.charCodeAt(k))) return e + 1;
    }
  }
  return -1;
}

/** Start index of the code point that ends at i. */
function cpStartBefore(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return i - 2;
  }
  return i - 1;
}

/**
 * A token ending in ZWJ after a pictograph (© ‍ 😀, text-style pictographs
 * are symbols) joins the emoji that follows, as grapheme rule GB11 does.
 */
function joinEmoji(text: string, start: number, end: number, n: number): number {
  let j = end - 1; // the ZWJ
  while (j > start && cls(text, cpStartBefore(text, j)) === EXTEND) j = cpStartBefore(text, j);
  if (j <= start) return end;
  const base = cpStartBefore(text, j);
  if (!isPictographic(text.codePointAt(base)!)) return end;
  if (!isPictographic(text.codePointAt(end)!)) return end;
  return emojiEnd(text, end, n);
}

/** High bytes of the UTF-16 units that may belong to a Prepend character (0x06.., 0x07.., 0x08.., 0x0D.., low surrogates). */
const PREPEND_MAYBE = new Uint8Array(256);
for (const hi of [0x06, 0x07, 0x08, 0x0d, 0xdc, 0xdd, 0xde, 0xdf]) PREPEND_MAYBE[hi] = 1;

/** A token that ends with a Prepend character takes the next cluster too (grapheme rule GB9b). */
function afterPrepend(text: string, end: number, n: number): number {
  while (end < n && isPrepend(text.codePointAt(cpStartBefore(text, end))!)) {
    const c = text.charCodeAt(end);
    const k = cls(text, end);
    if (k === SPACE || isControl(c)) return end;
    end = k === EMOJI ? emojiEnd(text, end, n) : extendEnd(text, end + len(text, end), n);
  }
  return end;
}

/** Grapheme Control: C0/C1 controls, line/paragraph separators, format characters that are not joiners. */
function isControl(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0xad ||
    c === 0x061c ||
    c === 0x180e ||
    c === 0x200b ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) ||
    c === 0xfeff ||
    (c >= 0xfff0 && c <= 0xfffb)
  );
}

export interface ScanOptions {
  abbreviations: AbbreviationSet;
}

const K_WORD = KIND_CODE.word;
const K_NUMBER = KIND_CODE.number;
const K_PUNCT = KIND_CODE.punct;
const K_SYMBOL = KIND_CODE.symbol;
const K_EMOJI = KIND_CODE.emoji;
const K_HASHTAG = KIND_CODE.hashtag;
const K_MENTION = KIND_CODE.mention;

/** Appends the tokens of `text` to `out` and returns it. Offsets are UTF-16 indices into `text`. */
export function scanTokens(text: string, opts: ScanOptions, out: TokenSpans = new TokenSpans(Math.max(64, text.length >> 2))): TokenSpans {
  const n = text.length;
  const abbr = opts.abbreviations;
  let i = 0;
  let prevInitial = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    let k: number = T[c];
    if (k === SPACE) {
      if (c === 0x0a) prevInitial = false; // initials never continue across lines (keeps chunked runs exact)
      i++;
      continue;
    }
    if (k === HIGH) k = cls(text, i);
    const start = i;
    let end: number;
    let kind: number;
    let initial = false; // this token is an abbreviation or initial ending in a dot
    switch (k) {
      case LETTER:
      case ZWJ: {
        end = wordEnd(text, i, n);
        kind = K_WORD;
        const next = end < n ? text.charCodeAt(end) : -1;
        if (next === DOT) {
          const a = abbreviationEnd(text, start, end, n, abbr, prevInitial);
          if (a !== -1) {
            end = a;
            initial = text.charCodeAt(a - 1) === DOT;
            break;
          }
        }
        if (next !== -1 && c < 0x80 && next < 0x80 && !isAsciiLetter(next)) {
          // web tokens start with an ASCII word followed by . : @ _ + - %
          let ascii = true;
          for (let p = start + 1; p < end; p++) if (text.charCodeAt(p) >= 0x80) ascii = false;
          if (ascii) {
            const web = matchWeb(text, start, end - start, next);
            if (web !== null) {
              end = web.end;
              kind = KIND_CODE[web.kind];
            }
          }
        }
        break;
      }
      case DIGIT: {
        if (c < 0x3a && i + 1 < n && (text.charCodeAt(i + 1) === VS16 || text.charCodeAt(i + 1) === COMBINING_KEYCAP)) {
          const kc = keycapEnd(text, i, n);
          if (kc !== -1) {
            end = kc;
            kind = K_EMOJI;
            break;
          }
        }
        end = numberEnd(text, i, n);
        kind = K_NUMBER;
        const next = end < n ? text.charCodeAt(end) : -1;
        if ((next === DOT || next === 0x40) && c < 0x80) {
          // an email or domain may start with digits (123movies.com, 9am@x.in)
          const web = matchWeb(text, start, end - start, next);
          if (web !== null && web.end > end) {
            end = web.end;
            kind = KIND_CODE[web.kind];
          }
        }
        break;
      }
      case EMOJI:
        end = emojiEnd(text, i, n);
        kind = K_EMOJI;
        break;
      case EXTEND: {
        // a mark with no base (after a space or at the start): a word of its own,
        // unless it is an emoji modifier, which then stands for its emoji
        const cp = text.codePointAt(i)!;
        if (cp >= 0x1f3fb && cp <= 0x1f3ff) {
          end = emojiEnd(text, i, n);
          kind = K_EMOJI;
        } else {
          end = wordEnd(text, i, n);
          kind = K_WORD;
        }
        break;
      }
      case PUNCT: {
        end = i + len(text, i);
        kind = K_PUNCT;
        if (RUN_CHARS.has(c)) while (end < n && text.charCodeAt(end) === c) end++;
        else if (text.charCodeAt(end) === VS16 && isPictographic(c)) kind = K_EMOJI; // ‼️ ⁉️
        break;
      }
      case SYMBOL: {
        end = i + len(text, i);
        kind = K_SYMBOL;
        if (c === HASH || c === AT) {
          if (end < n && text.charCodeAt(end) !== UNDERSCORE && WORD[cls(text, end)] === 1 && T[text.charCodeAt(end)] !== EXTEND) {
            end = tagEnd(text, end, n);
            kind = c === HASH ? K_HASHTAG : K_MENTION;
            break;
          }
        }
        if (c === HASH || c === STAR) {
          const kc = keycapEnd(text, i, n);
          if (kc !== -1) {
            end = kc;
            kind = K_EMOJI;
            break;
          }
        }
        if (end < n && text.charCodeAt(end) === VS16 && isPictographic(text.codePointAt(i)!)) kind = K_EMOJI; // ©️ ™️ ↔️
        break;
      }
      default:
        end = i + len(text, i);
        kind = K_SYMBOL;
    }
    end = extendEnd(text, end, n);
    if (end < n && text.charCodeAt(end - 1) === 0x200d) end = joinEmoji(text, start, end, n);
    if (end < n && PREPEND_MAYBE[text.charCodeAt(end - 1) >> 8] === 1) end = afterPrepend(text, end, n);
    prevInitial = initial;
    out.push(start, end, kind);
    i = end;
  }
  return out;
}

/** Exported for tests: class of the character at i as the scanner sees it. */
