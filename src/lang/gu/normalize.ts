/**
 * A lookup key for Gujarati (and Latin) names that folds the spelling
 * variation normal in Gujarati text, so `ઇમરાન`/`ઈમરાન`, `પુતિન`/`પૂતીન`,
 * `સંત`/`સન્ત` and `ઍફિલ`/`એફિલ` meet in a gazetteer.
 *
 * This is a separate view used only for lookups: the document text is never
 * changed, and offsets are always taken from the original tokens. Keys are
 * not meant to be displayed.
 */
import { DIGIT_ZERO, gujaratiClassSource } from './script.js';

const JOIN_CONTROLS = new RegExp(`[${gujaratiClassSource('joinControl')}]`, 'g');
const NUKTAS = new RegExp(`[${gujaratiClassSource('nukta')}]`, 'g');

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
for (let d = 0; d <= 9; d++) CHAR_FOLD[String.fromCharCode(DIGIT_ZERO + d)] = String(d); // ૦-૯ → 0-9

/**
 * Nasal consonant + virama before a stop is written with anusvara just as
 * often (`પંડિત` / `પણ્ડિત`, `સંત` / `સન્ત`), and in loanwords the dental
 * `ન્` stands for any nasal (`તેન્ડુલકર` / `તેંડુલકર`). So every nasal +
 * virama before a stop consonant (ક..ભ) folds to anusvara; before other
 * consonants it stays (`અન્ય`, `જન્મ`, `કન્યા`).
 */
const NASAL_BEFORE_STOP = /[\u0a99\u0a9e\u0aa3\u0aa8\u0aae]\u0acd(?=[\u0a95-\u0aad])/g;

export function normalizeKey(text: string): string {
  let s = text.normalize('NFC').replace(JOIN_CONTROLS, '').replace(NUKTAS, '');
  s = s.replace(NASAL_BEFORE_STOP, '\u0a82');
  let out = '';
  for (const ch of s) out += CHAR_FOLD[ch] ?? ch;
  return out.toLowerCase();
}
