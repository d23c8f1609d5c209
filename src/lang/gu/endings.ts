/**
 * Stripping Gujarati case endings and clitics from a token, from the data
 * file `case-endings.txt` beside this module (adding an ending touches no
 * code).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../io/errors.js';
import { isGujaratiConsonant, isGujaratiLetter, isGujaratiMark, VIRAMA } from './script.js';

export interface StemCandidate {
  /** The token without the ending (a prefix of the token, same UTF-16 offsets). */
  stem: string;
  /** The stripped ending; '' for the token as it is. */
  ending: string;
}

/**
 * Path of a data file of `src/lang/gu/` (`case-endings.txt`, `cues/...`).
 * Built code runs from `dist/lang/gu/`, where tsc copies no data: fall back
 * to the sources beside it.
 */
export function guDataFile(rel: string): string {
  const here = fileURLToPath(new URL(rel, import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL(`../../../src/lang/gu/${rel}`, import.meta.url));
}

export const CASE_ENDINGS_FILE = guDataFile('case-endings.txt');

/** Parses the endings data: one per line, `#` comments; longest first. */
export function parseEndings(text: string, file = '<endings>'): string[] {
  const out = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    if (/\s/.test(line)) throw new InputError(`an ending must be one glued string, got '${line}'`, { file, line: i + 1 });
    out.add(line.normalize('NFC'));
  });
  return [...out].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

let cached: string[] | undefined;
/** The project's endings list (loaded once). */
export function caseEndings(): string[] {
  cached ??= parseEndings(readFileSync(CASE_ENDINGS_FILE, 'utf8'), CASE_ENDINGS_FILE);
  return cached;
}

const isLatinOrDigit = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/**
 * A stem is kept only when it still looks like a name: at least two
 * Gujarati letters (so `સેના` does not become `સે` + `ના`), or any Latin
 * letter or digit before a Gujarati ending (`Vના` → `V`).
 */
function plausibleStem(stem: string): boolean {
  let letters = 0;
  for (let i = 0; i < stem.length; i++) {
    const c = stem.charCodeAt(i);
    if (isLatinOrDigit(c)) return true;
    if (isGujaratiLetter(c)) letters++;
  }
  return letters >= 2;
}

/**
 * Candidate (stem, ending) readings of a token, in order of preference: the
 * token as it is first (a name may end like an ending: `પુના`), then stems
 * by decreasing ending length. An ending that starts with a vowel sign
 * strips only after a consonant (`ખાને` → `ખાન` + `ે`).
 */
export function stripEnding(token: string, endings: readonly string[] = caseEndings()): StemCandidate[] {
  const t = token; // never normalised here: the stem must stay a prefix of the written token
  const out: StemCandidate[] = [{ stem: t, ending: '' }];
  for (const e of endings) {
    if (e.length >= t.length || !t.endsWith(e)) continue;
    const stem = t.slice(0, t.length - e.length);
    const last = stem.charCodeAt(stem.length - 1);
    if (isGujaratiMark(e.charCodeAt(0)) && !isGujaratiConsonant(last)) continue;
    // never split a consonant from its own vowel sign or virama: the ending must start a new syllable
    if (!isGujaratiMark(e.charCodeAt(0)) && stem.length > 0 && last === VIRAMA) continue;
    if (!plausibleStem(stem)) continue;
    out.push({ stem, ending: e });
  }
  return out;
}
