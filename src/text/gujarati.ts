/**
 * Character classes of the Gujarati block (U+0A80–U+0AFF), after the
 * Unicode character database. Pure predicates on one UTF-16 code unit
 * (the whole block is in the BMP).
 */

export const GUJARATI_BLOCK_START = 0x0a80;
export const GUJARATI_BLOCK_END = 0x0aff;

export const CANDRABINDU = 0x0a81;
export const ANUSVARA = 0x0a82;
export const VISARGA = 0x0a83;
export const NUKTA = 0x0abc;
export const AVAGRAHA = 0x0abd;
export const VIRAMA = 0x0acd;
export const OM = 0x0ad0;
export const ABBREVIATION_SIGN = 0x0af0; // ૰
export const RUPEE_SIGN = 0x0af1; // ૱
export const DIGIT_ZERO = 0x0ae6; // ૦
export const DIGIT_NINE = 0x0aef; // ૯
export const ZWNJ = 0x200c;
export const ZWJ = 0x200d;

export function isGujarati(c: number): boolean {
  return c >= GUJARATI_BLOCK_START && c <= GUJARATI_BLOCK_END;
}

/** Independent vowels and consonants (Lo), avagraha and OM included. */
export function isGujaratiLetter(c: number): boolean {
  return (
    (c >= 0x0a85 && c <= 0x0a8d) ||
    (c >= 0x0a8f && c <= 0x0a91) ||
    (c >= 0x0a93 && c <= 0x0aa8) ||
    (c >= 0x0aaa && c <= 0x0ab0) ||
    c === 0x0ab2 ||
    c === 0x0ab3 ||
    (c >= 0x0ab5 && c <= 0x0ab9) ||
    c === AVAGRAHA ||
    c === OM ||
    c === 0x0ae0 ||
    c === 0x0ae1 ||
    c === 0x0af9
  );
}

/** Consonants only (ક–હ, ળ, ઝ઼-style nukta forms are consonant + nukta). */
export function isGujaratiConsonant(c: number): boolean {
  return (c >= 0x0a95 && c <= 0x0aa8) || (c >= 0x0aaa && c <= 0x0ab0) || c === 0x0ab2 || c === 0x0ab3 || (c >= 0x0ab5 && c <= 0x0ab9) || c === 0x0af9;
}

/** Dependent vowel signs (matras), spacing and non-spacing. */
export function isGujaratiVowelSign(c: number): boolean {
  return (c >= 0x0abe && c <= 0x0ac5) || (c >= 0x0ac7 && c <= 0x0ac9) || c === 0x0acb || c === 0x0acc || c === 0x0ae2 || c === 0x0ae3;
}

/** Candrabindu, anusvara, visarga. */
export function isGujaratiNasalOrVisarga(c: number): boolean {
  return c >= CANDRABINDU && c <= VISARGA;
}

/**
 * Every Gujarati combining mark: vowel signs, virama, nukta, candrabindu,
 * anusvara, visarga and the U+0AFA–U+0AFF marks. A word never splits before one.
 */
export function isGujaratiMark(c: number): boolean {
  return isGujaratiNasalOrVisarga(c) || c === NUKTA || isGujaratiVowelSign(c) || c === VIRAMA || (c >= 0x0afa && c <= 0x0aff);
}

export function isGujaratiDigit(c: number): boolean {
  return c >= DIGIT_ZERO && c <= DIGIT_NINE;
}

/** Value 0–9 of an ASCII or Gujarati digit, -1 otherwise. */
export function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (isGujaratiDigit(c)) return c - DIGIT_ZERO;
  return -1;
}

/** ZWJ and ZWNJ: invisible joiners that belong to the word around them. */
export function isJoiner(c: number): boolean {
  return c === ZWJ || c === ZWNJ;
}
