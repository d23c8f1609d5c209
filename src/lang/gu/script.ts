/**
 * Gujarati script facts, in one place: the code point ranges of each
 * character class of the Gujarati block (U+0A80–U+0AFF, after the Unicode
 * character database), named code points, and predicates and regular
 * expression classes built from those ranges. Code elsewhere asks these
 * questions instead of writing ranges of its own.
 *
 * The whole block is in the BMP, so every predicate takes one UTF-16 code
 * unit (`text.charCodeAt(i)`) or a code point, which is the same here.
 */

/** Inclusive code point range. */
export type CodePointRange = readonly [first: number, last: number];

export const CANDRABINDU = 0x0a81; // ઁ
export const ANUSVARA = 0x0a82; // ં
export const VISARGA = 0x0a83; // ઃ
export const NUKTA = 0x0abc; // ઼
export const AVAGRAHA = 0x0abd; // ઽ
export const VIRAMA = 0x0acd; // ્
export const OM = 0x0ad0; // ૐ
export const ABBREVIATION_SIGN = 0x0af0; // ૰
export const RUPEE_SIGN = 0x0af1; // ૱
export const DIGIT_ZERO = 0x0ae6; // ૦
export const DIGIT_NINE = 0x0aef; // ૯
export const ZWNJ = 0x200c;
export const ZWJ = 0x200d;

/** The character classes, each as a list of ranges (data, not code). */
export const GUJARATI_RANGES = {
  /** The whole Unicode block, assigned or not. */
  block: [[0x0a80, 0x0aff]],
  /** Independent vowels (અ..ઔ, ૠ ૡ). */
  independentVowel: [
    [0x0a85, 0x0a8d],
    [0x0a8f, 0x0a91],
    [0x0a93, 0x0a94],
    [0x0ae0, 0x0ae1],
  ],
  /** Consonants (ક..હ, ળ, ૹ); nukta forms are consonant + nukta. */
  consonant: [
    [0x0a95, 0x0aa8],
    [0x0aaa, 0x0ab0],
    [0x0ab2, 0x0ab3],
    [0x0ab5, 0x0ab9],
    [0x0af9, 0x0af9],
  ],
  /** Letters that are neither vowel nor consonant: avagraha, OM. */
  otherLetter: [
    [AVAGRAHA, AVAGRAHA],
    [OM, OM],
  ],
  /** Dependent vowel signs (matras), spacing and non-spacing. */
  vowelSign: [
    [0x0abe, 0x0ac5],
    [0x0ac7, 0x0ac9],
    [0x0acb, 0x0acc],
    [0x0ae2, 0x0ae3],
  ],
  /** Candrabindu, anusvara, visarga. */
  nasalOrVisarga: [[CANDRABINDU, VISARGA]],
  nukta: [[NUKTA, NUKTA]],
  virama: [[VIRAMA, VIRAMA]],
  /** Sukun, shadda, maddah and the other marks of U+0AFA–U+0AFF. */
  otherMark: [[0x0afa, 0x0aff]],
  digit: [[DIGIT_ZERO, DIGIT_NINE]],
  /** ZWNJ and ZWJ (Unicode's Join_Control): invisible, part of the word around them. */
  joinControl: [[ZWNJ, ZWJ]],
} as const satisfies Record<string, readonly CodePointRange[]>;

export type GujaratiClass = keyof typeof GUJARATI_RANGES;

/** Letters: independent vowels, consonants, avagraha, OM. */
export const LETTER_CLASSES: readonly GujaratiClass[] = ['independentVowel', 'consonant', 'otherLetter'];
/** Every combining mark: a word never splits before one. */
export const MARK_CLASSES: readonly GujaratiClass[] = ['nasalOrVisarga', 'nukta', 'vowelSign', 'virama', 'otherMark'];

const BLOCK_START = 0x0a80;
const FLAG: Record<Exclude<GujaratiClass, 'block' | 'joinControl'>, number> = {
  independentVowel: 1,
  consonant: 2,
  otherLetter: 4,
  vowelSign: 8,
  nasalOrVisarga: 16,
  nukta: 32,
  virama: 64,
  otherMark: 128,
  digit: 256,
};
const LETTER = FLAG.independentVowel | FLAG.consonant | FLAG.otherLetter;
const MARK = FLAG.nasalOrVisarga | FLAG.nukta | FLAG.vowelSign | FLAG.virama | FLAG.otherMark;

/** One flag word per code point of the block, built from the ranges above. */
const FLAGS: Uint16Array = (() => {
  const t = new Uint16Array(0x80);
  for (const [cls, bit] of Object.entries(FLAG)) {
    for (const [a, b] of GUJARATI_RANGES[cls as GujaratiClass]) for (let c = a; c <= b; c++) t[c - BLOCK_START] |= bit;
  }
  return t;
})();

const flags = (c: number): number => (c >= BLOCK_START && c <= 0x0aff ? FLAGS[c - BLOCK_START] : 0);

/** Any code point of the Gujarati block. */
export const isGujarati = (c: number): boolean => c >= BLOCK_START && c <= 0x0aff;
/** Independent vowels and consonants, avagraha and OM. */
export const isGujaratiLetter = (c: number): boolean => (flags(c) & LETTER) !== 0;
export const isGujaratiConsonant = (c: number): boolean => (flags(c) & FLAG.consonant) !== 0;
export const isGujaratiIndependentVowel = (c: number): boolean => (flags(c) & FLAG.independentVowel) !== 0;
/** Dependent vowel signs (matras). */
export const isGujaratiVowelSign = (c: number): boolean => (flags(c) & FLAG.vowelSign) !== 0;
/** Candrabindu, anusvara, visarga. */
export const isGujaratiNasalOrVisarga = (c: number): boolean => (flags(c) & FLAG.nasalOrVisarga) !== 0;
/** Vowel signs, virama, nukta, candrabindu, anusvara, visarga, U+0AFA–U+0AFF. */
export const isGujaratiMark = (c: number): boolean => (flags(c) & MARK) !== 0;
export const isGujaratiDigit = (c: number): boolean => c >= DIGIT_ZERO && c <= DIGIT_NINE;
/** ZWJ or ZWNJ (Unicode's Join_Control property). */
export const isJoinControl = (c: number): boolean => c === ZWJ || c === ZWNJ;

/** Value 0–9 of an ASCII or Gujarati digit, -1 otherwise. */
export function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (isGujaratiDigit(c)) return c - DIGIT_ZERO;
  return -1;
}

const hex = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;

/**
 * The body of a regular expression character class (what goes between `[`
 * and `]`) matching the given classes, e.g. `new RegExp(`[${gujaratiClassSource('digit')}]`)`.
 */
export function gujaratiClassSource(...classes: GujaratiClass[]): string {
  return classes
    .flatMap((k) => GUJARATI_RANGES[k] as readonly CodePointRange[])
    .map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`))
    .join('');
}
