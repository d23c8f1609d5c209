/**
 * What the rules annotator knows of one token form, apart from where it
 * stands: its pieces and their lookup keys, its readings (stem + case
 * ending), script, and its membership of the cue lists. All of it depends
 * on the token's text (and whether the tokenizer called it a hashtag or a
 * mention) only, so it is computed once per form and cached: token forms
 * repeat, and normalising, ending stripping and piece cutting of every
 * token dominated tagging time.
 */
import type { TokenKind } from '../../doc/types.js';
import { isNameHyphen, namePieces, type Gazetteer, type GazetteerEntry, type Step, type TrieNode } from '../gazetteer.js';
import { stripEnding, type StemCandidate } from '../../lang/gu/endings.js';
import { normalizeKey as normalizeKeyRaw } from '../../lang/gu/normalize.js';
import { gujaratiClassSource, isGujaratiLetter } from '../../lang/gu/script.js';
import { BoundedCache, memoBounded } from '../bounded-cache.js';
import type { CueLists } from './cues.js';

/** Forms (and keys) kept per cache generation: the frequent forms of a corpus, a few MB. */
export const FORM_CACHE_SIZE = 16_384;

/** normalizeKey, memoised: the same word forms and stems recur all the time. */
export const normalizeKey = memoBounded(normalizeKeyRaw, FORM_CACHE_SIZE);

/** A piece of a form's body (hyphens dropped: they are optional inside names); offsets relative to the body. */
export interface FormPiece {
  text: string;
  key: string;
  start: number;
  end: number;
}

export interface Form {
  special: 'hashtag' | 'mention' | undefined;
  /** UTF-16 units before the body (1 for a `#`/`@` sigil, else 0). */
  cut: number;
  /** The part of the token that can be a name: the token, or what follows `#`/`@`. */
  body: string;
  pieces: FormPiece[];
  /** Readings of the body: as written first, then stems by decreasing ending length. */
  readings: StemCandidate[];
  /** The longest strippable ending (readings[1]), if any. */
  ending: StemCandidate | undefined;
  latin: boolean;
  cap: boolean;
  gujarati: boolean;
  common: boolean;
  verbLike: boolean;
  /** The token is a title or role on its own (`મંત્રી`, `President`). */
  title: boolean;
  /** A name word: Gujarati letters that are not a common word, title or verb form; or a Capitalised Latin word. */
  nameLike: boolean;
  /** The readings (if any) that are organisation, administrative and geographic heads. */
  orgHead: StemCandidate | undefined;
  locHead: StemCandidate | undefined;
  geoHead: StemCandidate | undefined;
  isHead: boolean;
  /** A gazetteer match may start here (not a mention, a word piece first, no lower-case Latin outside hashtags). */
  gazStart: boolean;
  /**
   * Stems of readings with an ending whose last piece starts where the
   * body's last piece starts (the ending only shortens the last piece): its
   * key and the stem's length, in reading order.
   */
  stemSteps: { key: string; end: number }[];
  /** Some reading is a generic head (`ક્ષેત્ર`). */
  genericHead: boolean;
  /** `Xx...`: a Capitalised word (a hashtag that continues a Latin name). */
  capWord: boolean;
  /** A known given name as written, Gujarati, no ending. */
  givenName: boolean;
  /** The reading that is a surname, for name words. */
  surname: StemCandidate | undefined;
  /** The reading whose stem ends with a glued honorific (`આનંદીબેને` → `આનંદીબેન` + `ે`), for name words. */
  honorific: StemCandidate | undefined;
  /** The body is a relation noun (`પુત્ર`). */
  kinship: boolean;
  /** The genitive reading of a Gujarati name word (`બ્રહ્માના`). */
  genitive: StemCandidate | undefined;
  /** A Latin all-capitals acronym of 2 to 6 letters (`MFA`, `BJP`). */
  acronym: boolean;
  /** A CamelCase hashtag made only of known names (`#RussiaPakistan`). */
  camelNames: boolean;
  /** The titles-trie node of the first piece's key (undefined: no title starts with it). */
  titleNode: TrieNode<true> | undefined;
  /** The gazetteer step from the root on the first piece, filled by the annotator on first use. */
  gazRoot?: PieceStep;
}

/**
 * One step of a gazetteer walk on a piece: the match ending inside it by a
 * stem (exactly, or by a fuzzy step when nothing matched exactly; `end`
 * relative to the body) and the step on the piece's key.
 */
export interface PieceStep {
  stemEnd: { end: number; entry: GazetteerEntry } | undefined;
  fuzzyStemEnd: { end: number; entry: GazetteerEntry } | undefined;
  st: Step | undefined;
}

const LATIN = /[A-Za-z]/;
const GUJARATI = new RegExp(`[${gujaratiClassSource('block')}]`);
const WORDISH = /^[\p{L}\p{M}\p{N}]/u;
const LATIN_STOP = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'at', 'with', 'to', 'a', 'an', 'by', 'from', 'pic', 'via']);
const GENITIVE = new Set(['ના', 'ની', 'નું', 'નો', 'નાં', 'નુ']);

/** The forms of one annotator's data (gazetteer, cues, endings), cached per token text and kind. */
export class FormTable {
  /** One cache per way the tokenizer's kind changes a form: hashtag, mention, anything else. */
  private readonly caches = { hashtag: new BoundedCache<Form>(FORM_CACHE_SIZE), mention: new BoundedCache<Form>(FORM_CACHE_SIZE), other: new BoundedCache<Form>(FORM_CACHE_SIZE) };

  constructor(
    private readonly gaz: Gazetteer,
    private readonly cues: CueLists,
    private readonly endings: readonly string[],
  ) {}

  /** The form of a token's text, as a token of that kind. */
  form(text: string, tokenKind: TokenKind): Form {
    const kind = tokenKind === 'hashtag' || tokenKind === 'mention' ? tokenKind : 'other';
    return this.caches[kind].getOr(text, (own) => this.compute(own, kind));
  }

  private compute(text: string, kind: 'hashtag' | 'mention' | 'other'): Form {
    const { cues } = this;
    const sigil = text.length > 1 && (text[0] === '#' || text[0] === '@') ? text[0] : '';
    const special = sigil === '#' || kind === 'hashtag' ? 'hashtag' : sigil === '@' || kind === 'mention' ? 'mention' : undefined;
    const cut = special !== undefined && sigil !== '' ? 1 : 0;
    const body = text.slice(cut);
    const pieces = namePieces(body)
      .filter((p) => !isNameHyphen(p.text))
      .map((p) => ({ text: p.text, key: normalizeKey(p.text), start: p.start, end: p.end }));
    const readings = stripEnding(body, this.endings);
    const ending = readings.length > 1 ? readings[1] : undefined;
    const latin = LATIN.test(body) && !GUJARATI.test(body);
    const cap = latin && /^[A-Z]/.test(body);
    const gujarati = GUJARATI.test(body);
    const longest = ending !== undefined ? ending.stem : body;
    const bodyKey = normalizeKey(body);
    const common = cues.commonWords.has(bodyKey) || cues.commonWords.has(normalizeKey(longest)) || (latin && LATIN_STOP.has(body.toLowerCase()));
    const verbLike = cues.nonNameSuffixes.some((s) => body.endsWith(s));
    const title = isTitle(cues.titles, body) || (readings.length > 1 && isTitle(cues.titles, readings[readings.length - 1].stem));
    let nameLike: boolean;
    if (special !== undefined || common || title || !/[\p{L}]/u.test(body)) nameLike = false;
    else if (latin) nameLike = cap;
    else nameLike = gujarati && !verbLike && /^[\p{L}\p{M}]+$/u.test(body);
    const headReading = (heads: Set<string>): StemCandidate | undefined => {
      if (special !== undefined || (latin && !cap)) return undefined;
      return readings.find((r) => heads.has(normalizeKey(r.stem)));
    };
    const orgHead = headReading(cues.orgHeads);
    const locHead = headReading(cues.locHeads);
    const geoHead = headReading(cues.geoHeads);
    const first = pieces[0];
    // Latin names are written with a capital: lower-case `us`, `who`, `male` are words, not US, WHO, Malé
    // (hashtags are often all lower case, so they are exempt)
    const gazStart = special !== 'mention' && first !== undefined && WORDISH.test(first.text) && !(special === undefined && /^[a-z]/.test(first.text));
    const stemSteps: Form['stemSteps'] = [];
    const last = pieces[pieces.length - 1];
    if (special === undefined && last !== undefined) {
      for (const r of readings) {
        if (r.ending === '') continue;
        const stemPieces = namePieces(r.stem).filter((sp) => !isNameHyphen(sp.text));
        const stemLast = stemPieces[stemPieces.length - 1];
        // the ending must only shorten the last piece of the token
        if (stemLast === undefined || stemLast.start !== last.start) continue;
        stemSteps.push({ key: normalizeKey(stemLast.text), end: r.stem.length });
      }
    }
    const nameWord = nameLike && !latin;
    const gen = !latin ? ending : undefined;
    return {
      special,
      cut,
      body,
      pieces,
      readings,
      ending,
      latin,
      cap,
      gujarati,
      common,
      verbLike,
      title,
      nameLike,
      orgHead,
      locHead,
      geoHead,
      isHead: orgHead !== undefined || locHead !== undefined || geoHead !== undefined,
      gazStart,
      stemSteps,
      genericHead: readings.some((r) => cues.genericHeads.has(normalizeKey(r.stem))),
      capWord: /^[A-Z][a-z]/.test(body),
      givenName: special === undefined && !latin && ending === undefined && cues.givenNames.has(bodyKey),
      surname: nameWord ? readings.find((r) => cues.surnames.has(normalizeKey(r.stem))) : undefined,
      honorific: nameWord ? readings.find((r) => cues.personSuffixes.some((s) => r.stem.endsWith(s) && letters(r.stem.slice(0, r.stem.length - s.length)) >= 2)) : undefined,
      kinship: cues.kinship.has(bodyKey),
      genitive: nameWord && gen !== undefined && GENITIVE.has(gen.ending) ? gen : undefined,
      acronym: special === undefined && /^[A-Z]{2,6}$/.test(body),
      camelNames: special === 'hashtag' && /^[A-Za-z]+$/.test(body) && camelNames(this.gaz, body),
      titleNode: first === undefined ? undefined : cues.titles.children.get(first.key),
    };
  }
}

function camelNames(gaz: Gazetteer, body: string): boolean {
  const parts = body.split(/(?<=[a-z])(?=[A-Z])/);
  return parts.length >= 2 && parts.every((p) => gaz.lookup(p) !== undefined);
}

function isTitle(titles: TrieNode<true>, text: string): boolean {
  const keys = namePieces(text).map((p) => normalizeKey(p.text));
  let node: TrieNode<true> | undefined = titles;
  for (const k of keys) node = node?.children.get(k);
  return node !== undefined && node !== titles && node.value === true;
}

function letters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isGujaratiLetter(s.charCodeAt(i))) n++;
  return n;
}
