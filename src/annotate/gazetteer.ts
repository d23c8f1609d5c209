/**
 * Gazetteers: `models/gazetteers/<TYPE>.<topic>.txt` (TYPE one of PER, LOC,
 * ORG, MISC), one entity per line as `Canonical | variant | variant`, `#`
 * comments, blank lines ignored. Loaded into a trie over name PIECES keyed
 * by the normalised key of `src/lang/gu/normalize.ts`, so multiword names
 * match token sequences and spelling variants meet.
 *
 * Pieces: a name (or a document token) is cut into runs of letters, marks
 * and digits, and single other characters (`જમ્મુ-કાશ્મીર` → `જમ્મુ`, `-`,
 * `કાશ્મીર`). Matching on pieces makes a gazetteer entry independent of how
 * a tokenizer treats hyphens and dots.
 *
 * Fuzzy steps (near misses of transliterated names) reach only PER/LOC
 * names of the files named in `src/lang/gu/cues/fuzzy-gazetteers.txt`
 * (foreign names); see DEFAULT_FUZZY for the similarity rule.
 *
 * Type conflicts (one name listed under two types) are settled the same
 * way on every load: (1) a name listed as the canonical form of an entry
 * beats one listed only as a variant; (2) then the type order
 * LOC > PER > ORG > MISC (places are the most frequent reading of an
 * ambiguous name in news and encyclopaedic text); (3) then the first file
 * in file-name order. Every conflict is kept in `conflicts` for review.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../io/errors.js';
import { normalizeKey } from '../lang/gu/normalize.js';
import { CANDRABINDU, VISARGA, gujaratiClassSource } from '../lang/gu/script.js';
import { guDataFile } from '../lang/gu/endings.js';

// Only the distance module: `import 'natural'` loads dotenv, which prints to stdout.
const require = createRequire(import.meta.url);
const jaroWinkler = require('natural/lib/natural/distance/jaro-winkler_distance.js') as (a: string, b: string) => number;

export const ENTITY_TYPES = ['LOC', 'PER', 'ORG', 'MISC'] as const; // also the conflict priority order
export type EntityType = (typeof ENTITY_TYPES)[number];

export const DEFAULT_GAZETTEER_DIR = fileURLToPath(new URL('../../models/gazetteers/', import.meta.url));

export interface Piece {
  text: string;
  /** UTF-16 offsets relative to the string the piece was cut from. */
  start: number;
  end: number;
}

// ZWJ/ZWNJ are part of the word around them (`પાકિ\u200cસ્તાન` is one piece)
const JOIN = gujaratiClassSource('joinControl');
const PIECE_RE = new RegExp(`[\\p{L}\\p{M}\\p{N}${JOIN}]+|[^\\s\\p{L}\\p{M}\\p{N}${JOIN}]`, 'gu');

/** Hyphens and dashes inside names: `જમ્મુ-કાશ્મીર` = `જમ્મુ કાશ્મીર`, `સ્પુટનિક-V` = `સ્પુટનિક V`. */
export const isNameHyphen = (piece: string): boolean => /^[-\u2010\u2011\u2013]$/.test(piece);

/** Cuts a name or token into pieces (see the module comment). */
export function namePieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const m of text.matchAll(PIECE_RE)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

export interface GazetteerEntry {
  type: EntityType;
  /** The canonical form of the line this name came from. */
  canonical: string;
  /** True when this name is the canonical form itself, not a variant. */
  isCanonical: boolean;
  file: string;
  line: number;
}

/** A trie over piece keys. */
export class TrieNode<V> {
  readonly children = new Map<string, TrieNode<V>>();
  value: V | undefined;
  /** True when some entry below (or here) may be reached by a fuzzy step. */
  fuzzyOk = false;
}

export interface FuzzyOptions {
  /** Minimum Jaro-Winkler similarity of the normalised keys. */
  minSimilarity: number;
  /** Minimum length of the piece (code points of its key) for a fuzzy step. */
  minLength: number;
}

/**
 * A fuzzy step needs (1) the same consonant skeleton (`skeleton`), (2) the
 * same last code point, (3) Jaro-Winkler ≥ 0.88 on the normalised keys and
 * (4) at least 5 code points. Transliterations of one foreign name differ
 * in their vowels (`લાવરોવ`/`લોવરોવ`, `મોહમ્મદ`/`મુહમ્મદ`), while
 * inflected and derived words differ at the end (`રશિયન`/`રશિયા`,
 * `દ્વારા`/`દ્વારકા`) and other names in their consonants. Measured on the
 * gazetteers' own variant lists and on UD Gujarati words in
 * test/gazetteer-fuzzy.test.ts (figures in its log and the README).
 */
export const DEFAULT_FUZZY: FuzzyOptions = { minSimilarity: 0.88, minLength: 5 };

/**
 * A key without vowel signs, virama, visarga, nukta and non-initial
 * independent vowels (`ટ્વેઇન`/`ટ્વેન`): its consonants. The anusvara stays:
 * it is a nasal consonant in the key (`ટ્રમ્પ` → `ટ્રંપ` is not `ટ્રિપ`).
 */
const SKELETON_DROP = new RegExp(`[${cp(CANDRABINDU)}${cp(VISARGA)}${gujaratiClassSource('nukta', 'vowelSign', 'virama')}]`, 'g');
const NON_INITIAL_VOWEL = new RegExp(`(?<=.)[${gujaratiClassSource('independentVowel')}]`, 'gu');
function cp(c: number): string {
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

export function skeleton(key: string): string {
  return key.replace(SKELETON_DROP, '').replace(NON_INITIAL_VOWEL, '');
}

const lastCodePoint = (s: string): string => String.fromCodePoint(s.codePointAt(s.length - 1) ?? 0);
const cpLength = (s: string): number => [...s].length;

/** Conditions (1), (2) and (4) of DEFAULT_FUZZY's comment: may `a` fuzzy-match `b` at all? */
export function fuzzyComparable(a: string, b: string, minLength: number): boolean {
  return a !== b && cpLength(a) >= minLength && cpLength(b) >= minLength && lastCodePoint(a) === lastCodePoint(b) && skeleton(a) === skeleton(b);
}

/** Entry types that fuzzy steps may reach: transliterated names of people and places. */
const FUZZY_TYPES: ReadonlySet<EntityType> = new Set(['PER', 'LOC']);

const GUJARATI_CHAR = new RegExp(`[${gujaratiClassSource('block')}]`);
const isGujaratiKey = (k: string): boolean => GUJARATI_CHAR.test(k);

/** A step down the trie: the child reached and how similar its key is (1: exact). */
export interface Step {
  node: TrieNode<GazetteerEntry>;
  similarity: number;
}

export interface GazetteerFile {
  /** File name, `<TYPE>.<topic>.txt`. */
  name: string;
  text: string;
}

export interface GazetteerOptions {
  /**
   * Which files' PER/LOC names fuzzy steps may reach (by file name); default
   * the patterns of `src/lang/gu/cues/fuzzy-gazetteers.txt`.
   */
  fuzzyFile?: (fileName: string) => boolean;
}

export const FUZZY_GAZETTEERS_FILE = guDataFile('cues/fuzzy-gazetteers.txt');

/** Parses the fuzzy-gazetteer patterns into a file-name test. */
export function fuzzyFilePredicate(text: string): (fileName: string) => boolean {
  const res = text
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l !== '')
    .map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));
  return (name) => res.some((re) => re.test(name.replace(/\.txt$/, '')));
}

let defaultFuzzyFile: ((fileName: string) => boolean) | undefined;
function loadFuzzyFile(): (fileName: string) => boolean {
  defaultFuzzyFile ??= fuzzyFilePredicate(readFileSync(FUZZY_GAZETTEERS_FILE, 'utf8'));
  return defaultFuzzyFile;
}

export class Gazetteer {
  readonly root = new TrieNode<GazetteerEntry>();
  /** Number of distinct names (canonical forms and variants) in the trie. */
  size = 0;
  /** Names found under two types, with the entry that won. */
  readonly conflicts: { name: string; kept: GazetteerEntry; dropped: GazetteerEntry }[] = [];
  /** sha256 of the files' names and contents, in name order. */
  readonly hash: string;
  /** Root children indexed by consonant skeleton, for fuzzy lookups. */
  private readonly rootBySkeleton = new Map<string, string[]>();

  private readonly fuzzyFile: (fileName: string) => boolean;

  constructor(files: GazetteerFile[], opts: GazetteerOptions = {}) {
    this.fuzzyFile = opts.fuzzyFile ?? loadFuzzyFile();
    const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const h = createHash('sha256');
    for (const f of sorted) {
      h.update(f.name + '\0' + f.text + '\0');
      this.addFile(f);
    }
    this.hash = h.digest('hex');
    for (const key of this.root.children.keys()) {
      if (!this.root.children.get(key)!.fuzzyOk || !isGujaratiKey(key)) continue;
      const sk = skeleton(key);
      const list = this.rootBySkeleton.get(sk) ?? [];
      list.push(key);
      this.rootBySkeleton.set(sk, list);
    }
  }

  /** Loads every `*.txt` file of a directory. */
  static load(dir: string = DEFAULT_GAZETTEER_DIR, opts: GazetteerOptions = {}): Gazetteer {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.txt'));
    } catch {
      throw new InputError('gazetteer directory not found', { file: dir });
    }
    return new Gazetteer(
      names.filter((n) => statSync(join(dir, n)).isFile()).map((n) => ({ name: n, text: readFileSync(join(dir, n), 'utf8') })),
      opts,
    );
  }

  private addFile(f: GazetteerFile): void {
    const type = f.name.split('.')[0] as EntityType;
    if (!ENTITY_TYPES.includes(type)) {
      throw new InputError(`gazetteer file name must start with one of ${ENTITY_TYPES.join(', ')} (TYPE.topic.txt)`, { file: f.name });
    }
    f.text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw
        .replace(/^\uFEFF/, '')
        .replace(/(^|\s)#.*$/, '')
        .trim();
      if (line === '') return;
      const names = line.split('|').map((s) => s.trim());
      if (names.some((n) => n === '')) throw new InputError('empty name between `|` separators', { file: f.name, line: i + 1 });
      names.forEach((name, k) => this.insert(name, { type, canonical: names[0], isCanonical: k === 0, file: f.name, line: i + 1 }));
    });
  }

  private insert(name: string, entry: GazetteerEntry): void {
    const keys = namePieces(name).map((p) => normalizeKey(p.text));
    // matching skips hyphens (the rules annotator steps over them), so a
    // hyphenated name is also reachable without them
    const bare = keys.filter((k) => !isNameHyphen(k));
    if (bare.length > 0 && bare.length < keys.length) this.insertKeys(bare, name, entry);
    this.insertKeys(keys, name, entry);
  }

  private insertKeys(keys: string[], name: string, entry: GazetteerEntry): void {
    if (keys.length === 0) return;
    const fuzzy = FUZZY_TYPES.has(entry.type) && this.fuzzyFile(entry.file);
    let node = this.root;
    for (const k of keys) {
      let next = node.children.get(k);
      if (next === undefined) {
        next = new TrieNode<GazetteerEntry>();
        node.children.set(k, next);
      }
      if (fuzzy) next.fuzzyOk = true;
      node = next;
    }
    const old = node.value;
    if (old === undefined) {
      node.value = entry;
      this.size++;
      return;
    }
    if (old.type === entry.type || (old.file === entry.file && old.line === entry.line)) {
      if (!old.isCanonical && entry.isCanonical) node.value = entry;
      return;
    }
    const wins = preferred(entry, old);
    node.value = wins ? entry : old;
    this.conflicts.push({ name, kept: wins ? entry : old, dropped: wins ? old : entry });
  }

  /** Exact lookup of a whole name (any text; cut into pieces and normalised; hyphens optional). */
  lookup(name: string): GazetteerEntry | undefined {
    let node: TrieNode<GazetteerEntry> | undefined = this.root;
    for (const p of namePieces(name)) {
      if (isNameHyphen(p.text)) continue;
      node = node.children.get(normalizeKey(p.text));
      if (node === undefined) return undefined;
    }
    return node === this.root ? undefined : node.value;
  }

  /**
   * Child of `node` reached by `key`, exactly or (when `fuzzy` is given) by
   * the most similar child key that passes the conditions of DEFAULT_FUZZY's
   * comment. Fuzzy steps are taken only for Gujarati-script keys, towards
   * PER/LOC entries, and never for a key that is an exact child.
   */
  step(node: TrieNode<GazetteerEntry>, key: string, fuzzy?: FuzzyOptions): Step | undefined {
    const exact = node.children.get(key);
    if (exact !== undefined) return { node: exact, similarity: 1 };
    if (fuzzy === undefined || !isGujaratiKey(key) || cpLength(key) < fuzzy.minLength) return undefined;
    const pool = node === this.root ? (this.rootBySkeleton.get(skeleton(key)) ?? []) : [...node.children.keys()];
    let best: string | undefined;
    let bestSim = 0;
    for (const cand of pool) {
      const child = node.children.get(cand)!;
      if (!child.fuzzyOk || !fuzzyComparable(key, cand, fuzzy.minLength)) continue;
      const sim = jaroWinkler(key, cand);
      if (sim > bestSim || (sim === bestSim && best !== undefined && cand < best)) {
        best = cand;
        bestSim = sim;
      }
    }
    if (best === undefined || bestSim < fuzzy.minSimilarity) return undefined;
    return { node: node.children.get(best)!, similarity: bestSim };
  }
}

/** True when `a` should win over `b` for the same name (see the module comment). */
function preferred(a: GazetteerEntry, b: GazetteerEntry): boolean {
  if (a.isCanonical !== b.isCanonical) return a.isCanonical;
  const pa = ENTITY_TYPES.indexOf(a.type);
  const pb = ENTITY_TYPES.indexOf(b.type);
  if (pa !== pb) return pa < pb;
  return a.file < b.file;
}

/** Jaro-Winkler similarity of two names' normalised keys (for threshold measurements). */
export function nameSimilarity(a: string, b: string): number {
  return jaroWinkler(normalizeKey(a), normalizeKey(b));
}
