/**
 * Loads the context-cue lists of `src/lang/gu/cues/` (see its README):
 * phrase lists become tries over normalised piece keys, word lists sets of
 * normalised keys.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { InputError } from '../../io/errors.js';
import { guDataFile } from '../../lang/gu/endings.js';
import { normalizeKey } from '../../lang/gu/normalize.js';
import { namePieces, TrieNode } from '../gazetteer.js';

export interface CueLists {
  /** Titles and roles before a person's name (multiword). */
  titles: TrieNode<true>;
  orgHeads: Set<string>;
  locHeads: Set<string>;
  /** Geographic heads: part of a LOC only after a known name. */
  geoHeads: Set<string>;
  /** Glued honorifics (`ભાઈ`, `બેન`), raw text, longest first. */
  personSuffixes: string[];
  surnames: Set<string>;
  /** Given names of people (mostly foreign, transliterated): with a name word after them, a PER. */
  givenNames: Set<string>;
  /** Generic head nouns kept outside a known name (`ક્ષેત્ર`). */
  genericHeads: Set<string>;
  /** Relation nouns after a genitive name (`પુત્ર`). */
  kinship: Set<string>;
  commonWords: Set<string>;
  /** Verb-form endings (`્યા`), raw text. */
  nonNameSuffixes: string[];
  /** sha256 of all cue files, for the annotator's version. */
  hash: string;
}

export const CUE_FILES = [
  'titles-roles.txt',
  'org-heads.txt',
  'loc-heads.txt',
  'geo-heads.txt',
  'person-suffixes.txt',
  'surnames.txt',
  'given-names.txt',
  'kinship.txt',
  'generic-heads.txt',
  'common-words.txt',
  'non-name-suffixes.txt',
] as const;
export type CueFile = (typeof CUE_FILES)[number];

/** Entries of a cue list: one per line, `#` comments, NFC. */
export function parseList(text: string, file: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    if (line.includes('|')) throw new InputError('cue lists hold one entry per line, no `|` variants', { file, line: i + 1 });
    out.push(line.normalize('NFC'));
  });
  return out;
}

export const pieceKeys = (phrase: string): string[] => namePieces(phrase).map((p) => normalizeKey(p.text));

function phraseTrie(entries: string[]): TrieNode<true> {
  const root = new TrieNode<true>();
  for (const e of entries) {
    let node = root;
    for (const k of pieceKeys(e)) {
      let next = node.children.get(k);
      if (next === undefined) node.children.set(k, (next = new TrieNode<true>()));
      node = next;
    }
    if (node !== root) node.value = true;
  }
  return root;
}

const keySet = (entries: string[]): Set<string> => new Set(entries.map((e) => pieceKeys(e).join(' ')));

/** Builds the cue lists from file contents (tests pass their own). */
export function buildCues(texts: Record<CueFile, string>): CueLists {
  const list = (f: CueFile): string[] => parseList(texts[f], f);
  const h = createHash('sha256');
  for (const f of CUE_FILES) h.update(f + '\0' + texts[f] + '\0');
  return {
    titles: phraseTrie(list('titles-roles.txt')),
    orgHeads: keySet(list('org-heads.txt')),
    locHeads: keySet(list('loc-heads.txt')),
    geoHeads: keySet(list('geo-heads.txt')),
    personSuffixes: list('person-suffixes.txt').sort((a, b) => b.length - a.length),
    surnames: keySet(list('surnames.txt')),
    givenNames: keySet(list('given-names.txt')),
    kinship: keySet(list('kinship.txt')),
    genericHeads: keySet(list('generic-heads.txt')),
    commonWords: keySet(list('common-words.txt')),
    nonNameSuffixes: list('non-name-suffixes.txt'),
    hash: h.digest('hex'),
  };
}

let cached: CueLists | undefined;
/** The project's cue lists from `src/lang/gu/cues/` (loaded once). */
export function loadCues(): CueLists {
  if (cached) return cached;
  const texts = {} as Record<CueFile, string>;
  for (const f of CUE_FILES) texts[f] = readFileSync(guDataFile(`cues/${f}`), 'utf8');
  cached = buildCues(texts);
  return cached;
}
