/**
 * Character classes for tokenizing: one small integer class per code
 * point, looked up in a table for the BMP (one array read per UTF-16
 * unit in the tokenizer's hot loop) and computed, then cached, for astral
 * code points. Classes come from Unicode properties plus the punctuation
 * data file `src/text/punctuation.txt`.
 */
import { Buffer } from 'node:buffer';
import { readSectionedList } from './data-file.js';

/** Character classes. Numeric constants so the hot loop compares small ints. */
export const CH = {
  /** Unassigned, control, private use, format, lone surrogate: a one-character symbol token. */
  OTHER: 0,
  /** JS `\s` plus the invisible separators of the data file. */
  SPACE: 1,
  /** Any letter (\p{L}). */
  LETTER: 2,
  /** Grapheme extenders: combining marks (\p{M}), ZWNJ, variation selectors, emoji modifiers, tags. Never start a cluster. */
  EXTEND: 3,
  /** Decimal digits (\p{Nd}), any script: ASCII, Gujarati ૦–૯, ... */
  DIGIT: 4,
  /** Punctuation (\p{P}) minus the data file's symbol list. */
  PUNCT: 5,
  /** Symbols (\p{S}, other numbers \p{No} \p{Nl}) plus the data file's symbol list. */
  SYMBOL: 6,
  /** ZERO WIDTH JOINER: extends a cluster, and glues emoji ZWJ sequences. */
  ZWJ: 7,
  /** An emoji that starts a cluster (Extended_Pictographic shown as emoji, Regional_Indicator). */
  EMOJI: 8,
  /** First half of a surrogate pair: look at the whole code point. */
  HIGH: 9,
} as const;
export type CharClass = (typeof CH)[keyof typeof CH];

export interface PunctuationClasses {
  /** Sentence terminators. */
  terminal: Set<string>;
  /** Closing quotes and brackets. */
  closing: Set<string>;
  /** Po characters classed as symbols (%, #, @, ...). */
  symbol: Set<string>;
  /** Characters whose runs form one token. */
  run: Set<string>;
  /** Invisible separators treated as whitespace. */
  separator: Set<string>;
  /** Symbol-category characters classed as punctuation (|). */
  punct: Set<string>;
}

function loadPunctuation(): PunctuationClasses {
  const s = readSectionedList('src/text/punctuation.txt');
  const set = (name: string) => new Set(s.get(name) ?? []);
  return { terminal: set('terminal'), closing: set('closing'), symbol: set('symbol'), run: set('run'), separator: set('separator'), punct: set('punct') };
}

export const PUNCTUATION: PunctuationClasses = loadPunctuation();

const RE_SPACE = /^\s$/u;
const RE_LETTER = /^\p{L}$/u;
const RE_EXTEND = /^[\p{M}\p{Grapheme_Extend}\p{Emoji_Modifier}]$/u;
const RE_DIGIT = /^\p{Nd}$/u;
const RE_PUNCT = /^\p{P}$/u;
const RE_SYMBOL = /^[\p{S}\p{No}\p{Nl}]$/u;
const RE_PICTO = /^\p{Extended_Pictographic}$/u;
const RE_EMOJI_PRESENTATION = /^[\p{Emoji_Presentation}\p{Regional_Indicator}]$/u;

/**
 * Extended_Pictographic characters below this are classed by their
 * general category unless followed by VS16: © ® ™ ‼ ↔ are punctuation or
 * symbols in running text. From U+2300 on (⌚ ☀ ❤ ✈ ...) they are emoji.
 */
const EMOJI_TEXT_DEFAULT_BELOW = 0x2300;

/**
 * Code points outside \p{M} and \p{Grapheme_Extend} that never start a
 * grapheme cluster or a word: ZWNJ, the Thai/Lao AM vowels (SpacingMark),
 * and the soft hyphen, an invisible hyphenation hint inside words.
 */
const EXTEND_EXTRA = new Set([0x200c, 0x0e33, 0x0eb3, 0x00ad]);

/**
 * Grapheme_Cluster_Break=Prepend (Unicode 17): these glue to the character
 * after them (Arabic number signs, some Brahmic repha forms).
 */
export function isPrepend(cp: number): boolean {
  return (
    (cp >= 0x0600 && cp <= 0x0605) ||
    cp === 0x06dd ||
    cp === 0x070f ||
    cp === 0x0890 ||
    cp === 0x0891 ||
    cp === 0x08e2 ||
    cp === 0x0d4e ||
    cp === 0x110bd ||
    cp === 0x110cd ||
    cp === 0x111c2 ||
    cp === 0x111c3 ||
    cp === 0x1193f ||
    cp === 0x11941 ||
    cp === 0x11a3a ||
    (cp >= 0x11a84 && cp <= 0x11a89) ||
    cp === 0x11d46 ||
    cp === 0x11f02 ||
    (cp >= 0x113d1 && cp <= 0x113d1)
  );
}

/** Class of one code point (slow path: regular expressions). */
export function classifyCodePoint(cp: number): CharClass {
  if (cp === 0x200d) return CH.ZWJ;
  const ch = String.fromCodePoint(cp);
  if (RE_SPACE.test(ch) || PUNCTUATION.separator.has(ch)) return CH.SPACE;
  if (RE_EXTEND.test(ch) || EXTEND_EXTRA.has(cp)) return CH.EXTEND;
  if (RE_EMOJI_PRESENTATION.test(ch) || (RE_PICTO.test(ch) && cp >= EMOJI_TEXT_DEFAULT_BELOW)) return CH.EMOJI;
  if (RE_LETTER.test(ch)) return CH.LETTER;
  if (RE_DIGIT.test(ch)) return CH.DIGIT;
  if (RE_PUNCT.test(ch)) return PUNCTUATION.symbol.has(ch) ? CH.SYMBOL : CH.PUNCT;
  if (RE_SYMBOL.test(ch)) return PUNCTUATION.punct.has(ch) ? CH.PUNCT : CH.SYMBOL;
  return CH.OTHER;
}

/** True for a text-default pictograph (© ™ ↔ ...) that a VS16 turns into an emoji. */
export function isPictographic(cp: number): boolean {
  return RE_PICTO.test(String.fromCodePoint(cp));
}

/** Class of every BMP code unit; surrogates get HIGH (first half) or OTHER (second half). */
export const BMP_CLASS: Uint8Array = buildBmpTable();

/**
 * Builds the table with one global regex pass per class over a string of
 * all BMP characters (much faster at start-up than classifying 65536 code
 * points one by one); classes are applied from lowest to highest
 * precedence, as in classifyCodePoint, which the tests compare it with.
 */
function buildBmpTable(): Uint8Array {
  const t = new Uint8Array(0x10000); // OTHER = 0
  const units = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) units[c] = c >= 0xd800 && c <= 0xdfff ? 0 : c;
  // one native copy (String.fromCharCode over spread blocks took ~15 ms at start-up)
  const all = Buffer.from(units.buffer).toString('utf16le');
  const mark = (re: RegExp, k: CharClass, pred?: (c: number) => boolean) => {
    // `re` matches runs: one fill per run instead of one match per character
    for (let m = re.exec(all); m !== null; m = re.exec(all)) {
      const from = m.index;
      const to = from + m[0].length;
      if (pred === undefined) t.fill(k, from, to);
      else for (let c = from; c < to; c++) if (pred(c)) t[c] = k;
    }
  };
  mark(/[\p{S}\p{No}\p{Nl}]+/gu, CH.SYMBOL);
  mark(/\p{P}+/gu, CH.PUNCT);
  mark(/\p{Nd}+/gu, CH.DIGIT);
  mark(/\p{L}+/gu, CH.LETTER);
  mark(/\p{Extended_Pictographic}+/gu, CH.EMOJI, (c) => c >= EMOJI_TEXT_DEFAULT_BELOW);
  mark(/[\p{Emoji_Presentation}\p{Regional_Indicator}]+/gu, CH.EMOJI);
  mark(/[\p{M}\p{Grapheme_Extend}\p{Emoji_Modifier}]+/gu, CH.EXTEND);
  mark(/\s+/gu, CH.SPACE);
  for (const ch of PUNCTUATION.symbol) if (t[ch.charCodeAt(0)] === CH.PUNCT) t[ch.charCodeAt(0)] = CH.SYMBOL;
  for (const ch of PUNCTUATION.punct) if (t[ch.charCodeAt(0)] === CH.SYMBOL) t[ch.charCodeAt(0)] = CH.PUNCT;
  for (const cp of EXTEND_EXTRA) if (t[cp] !== CH.SPACE) t[cp] = CH.EXTEND;
  for (const ch of PUNCTUATION.separator) t[ch.charCodeAt(0)] = CH.SPACE;
  t[0x200d] = CH.ZWJ;
  for (let c = 0xd800; c <= 0xdbff; c++) t[c] = CH.HIGH;
  for (let c = 0xdc00; c <= 0xdfff; c++) t[c] = CH.OTHER;
  t[0] = CH.OTHER;
  return t;
}

const astralCache = new Map<number, CharClass>();

/** Class of an astral code point, cached. */
export function astralClass(cp: number): CharClass {
  let k = astralCache.get(cp);
  if (k === undefined) {
    k = classifyCodePoint(cp);
    if (astralCache.size < 100_000) astralCache.set(cp, k);
  }
  return k;
}

/** UTF-16 length (1 or 2) of the code point starting at `i`. */
export function cpLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Whitespace as the tokenizer sees it: JS `\s` plus the invisible separators. */
export function isSpaceAt(text: string, i: number): boolean {
  return BMP_CLASS[text.charCodeAt(i)] === CH.SPACE;
}

export const VS16 = 0xfe0f;
export const COMBINING_KEYCAP = 0x20e3;
