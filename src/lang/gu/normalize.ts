/**
 * A lookup key for Gujarati (and Latin) names that folds the spelling
 * variation normal in Gujarati text, so `ઇમરાન`/`ઈમરાન`, `પુતિન`/`પૂતીન`,
 * `સંત`/`સન્ત` and `ઍફિલ`/`એફિલ` meet in a gazetteer.
 *
 * This is a separate view used only for lookups: the document text is never
 * changed, and offsets are always taken from the original tokens. Keys are
 * not meant to be displayed.
 */

const ZWJ_ZWNJ = /[\u200c\u200d]/g;
const NUKTA = /\u0abc/g;

/** Single-character folds: long to short vowels, candra vowels, candrabindu, digits. */
const CHAR_FOLD: Record<string, string> = {
  '\u0a88': '\u0a87', // ઈ → ઇ
  '\u0a8a': '\u0a89', // ઊ → ઉ
  '\u0ac0': '\u0abf', // ી → િ
  '\u0ac2': '\u0ac1', // ૂ → ુ
  '\u0a81': '\u0a82', // candrabindu ઁ → anusvara ં
  '\u0a8d': '\u0a8f', // candra ઍ → એ
  '\u0a91': '\u0a93', // candra ઑ → ઓ
  '\u0ac5': '\u0ac7', // candra vowel sign ૅ → ે
  '\u0ac9': '\u0acb', // candra vowel sign ૉ → ો
  '\u0ab7': '\u0ab6', // ષ → શ (જોષી / જોશી)
};
for (let d = 0; d <= 9; d++) CHAR_FOLD[String.fromCharCode(0x0ae6 + d)] = String(d); // ૦-૯ → 0-9

/**
 * Nasal consonant + virama before a consonant of its own class is written
 * with anusvara just as often (`પંડિત` / `પણ્ડિત`, `સંત` / `સન્ત`). Only the
 * homorganic cases fold, so `અન્ય` keeps its `ન્ય`.
 */
const HOMORGANIC_NASAL = /([\u0a99\u0a9e\u0aa3\u0aa8\u0aae])\u0acd(?=([\u0a95-\u0ab9]))/g;
const NASAL_CLASS: Record<string, [number, number]> = {
  '\u0a99': [0x0a95, 0x0a98], // ઙ before ક-ઘ
  '\u0a9e': [0x0a9a, 0x0a9d], // ઞ before ચ-ઝ
  '\u0aa3': [0x0a9f, 0x0aa2], // ણ before ટ-ઢ
  '\u0aa8': [0x0aa4, 0x0aa7], // ન before ત-ધ
  '\u0aae': [0x0aaa, 0x0aad], // મ before પ-ભ
};

export function normalizeKey(text: string): string {
  let s = text.normalize('NFC').replace(ZWJ_ZWNJ, '').replace(NUKTA, '');
  s = s.replace(HOMORGANIC_NASAL, (whole: string, nasal: string, next: string) => {
    const [lo, hi] = NASAL_CLASS[nasal];
    const c = next.charCodeAt(0);
    return c >= lo && c <= hi ? '\u0a82' : whole;
  });
  let out = '';
  for (const ch of s) out += CHAR_FOLD[ch] ?? ch;
  return out.toLowerCase();
}
