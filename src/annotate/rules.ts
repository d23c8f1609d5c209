/**
 * The rule-and-gazetteer NER annotator (`rules`).
 *
 * Per sentence, on the document's own tokens:
 * 1. gazetteer matches over token sequences, longest first, on inflected
 *    forms: the case ending of the LAST token is stripped
 *    (`src/lang/gu/endings.ts`) and the span stops before it; spelling
 *    variants meet under the normalised key, and transliterated PER/LOC
 *    names may match with one fuzzy piece (Jaro-Winkler, see gazetteer.ts);
 * 2. context cues from `src/lang/gu/cues/`: titles before a name → PER,
 *    organisation heads after a name → ORG, administrative heads after a
 *    place → LOC, glued honorifics and surnames → PER; Latin text uses
 *    capitalisation instead of the common-word list;
 * 3. the candidates are chosen longest first (then by rule strength, then
 *    leftmost), never overlapping.
 *
 * Social media, as annotations/GUIDELINES.md section 4: a hashtag that is a
 * name is an entity after the `#` (`#Islamabad` → LOC `Islamabad`); a name
 * may run into a hashtag (`Sergey #Lavrov` → one PER, `#` inside); a
 * CamelCase hashtag gluing several known names is one MISC
 * (`#RussiaPakistan`); `@handles` are never entities.
 */
import type { Document, Entity, Token } from '../doc/types.js';
import type { Annotator } from './annotator.js';
import { DEFAULT_FUZZY, Gazetteer, isNameHyphen, namePieces, type FuzzyOptions, type GazetteerEntry, type TrieNode } from './gazetteer.js';
import { caseEndings, stripEnding, type StemCandidate } from '../lang/gu/endings.js';
import { normalizeKey as normalizeKeyRaw } from '../lang/gu/normalize.js';
import { gujaratiClassSource, isGujaratiLetter } from '../lang/gu/script.js';
import { loadCues, type CueLists } from './rules/cues.js';
import { choose, type Candidate } from './rules/choose.js';
import { tokensBySentence } from '../doc/sentences.js';

export { choose } from './rules/choose.js';
import { createHash } from 'node:crypto';

export interface RulesOptions {
  gazetteer?: Gazetteer;
  cues?: CueLists;
  endings?: readonly string[];
  /** Fuzzy matching of transliterated names; `false` turns it off. */
  fuzzy?: FuzzyOptions | false;
}

interface Piece {
  text: string;
  key: string;
  start: number;
  end: number;
  /** Index of the token (within the sentence) the piece belongs to. */
  tok: number;
  first: boolean;
  last: boolean;
}

interface View {
  tok: Token;
  /** The part of the token that can be a name: the token, or what follows `#`/`@`. */
  body: string;
  bodyStart: number;
  special: 'hashtag' | 'mention' | undefined;
  firstPiece: number;
  lastPiece: number;
  latin: boolean;
  cap: boolean;
  gujarati: boolean;
  /** Readings of the body: as written first, then stems by decreasing ending length. */
  readings: StemCandidate[];
  common: boolean;
  verbLike: boolean;
  /** The token is a title or role on its own (`મંત્રી`, `President`). */
  title: boolean;
}

/** normalizeKey, memoised: the same few thousand word forms recur all the time. */
const keyCache = new Map<string, string>();
function normalizeKey(s: string): string {
  let k = keyCache.get(s);
  if (k === undefined) {
    if (keyCache.size > 200_000) keyCache.clear();
    k = normalizeKeyRaw(s);
    keyCache.set(s, k);
  }
  return k;
}

const LATIN = /[A-Za-z]/;
const GUJARATI = new RegExp(`[${gujaratiClassSource('block')}]`);
const WORDISH = /^[\p{L}\p{M}\p{N}]/u;
const LATIN_STOP = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'at', 'with', 'to', 'a', 'an', 'by', 'from', 'pic', 'via']);

export class RulesAnnotator implements Annotator {
  readonly name = 'rules';
  readonly version: string;
  private readonly gaz: Gazetteer;
  private readonly cues: CueLists;
  private readonly endings: readonly string[];
  private readonly fuzzy: FuzzyOptions | undefined;

  constructor(opts: RulesOptions = {}) {
    this.gaz = opts.gazetteer ?? Gazetteer.load();
    this.cues = opts.cues ?? loadCues();
    this.endings = opts.endings ?? caseEndings();
    this.fuzzy = opts.fuzzy === false ? undefined : (opts.fuzzy ?? DEFAULT_FUZZY);
    const h = createHash('sha256').update(this.gaz.hash).update(this.cues.hash).update(this.endings.join('\n'));
    this.version = `data-${h.digest('hex').slice(0, 12)}`;
  }

  async annotate(doc: Document): Promise<Entity[]> {
    return this.annotateSync(doc);
  }

  /** Same as `annotate`, synchronously. */
  annotateSync(doc: Document): Entity[] {
    const out: Entity[] = [];
    for (const tokens of tokensBySentence(doc)) {
      for (const c of this.sentence(tokens)) {
        out.push({ start: c.start, end: c.end, label: c.label, text: doc.text.slice(c.start, c.end), source: this.name });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }

  private sentence(tokens: Token[]): Candidate[] {
    return choose(this.candidates(tokens));
  }

  /**
   * Every candidate of one sentence's tokens before the choice (overlapping;
   * token indices relative to `tokens`): the statistical model reads them as
   * features (stacking).
   */
  candidates(tokens: Token[]): Candidate[] {
    const { views, pieces } = this.views(tokens);
    const cands: Candidate[] = [];
    for (let i = 0; i < views.length; i++) {
      const g = this.gazetteerAt(views, pieces, i);
      if (g) cands.push(g);
    }
    cands.push(...this.titleCues(views, pieces, cands));
    cands.push(...this.headCues(views, cands));
    cands.push(...this.personCues(views));
    cands.push(...this.givenNameCues(views, cands));
    cands.push(...this.socialCues(views, cands));
    return cands;
  }

  private views(tokens: Token[]): { views: View[]; pieces: Piece[] } {
    const views: View[] = [];
    const pieces: Piece[] = [];
    tokens.forEach((tok, ti) => {
      const sigil = tok.text.length > 1 && (tok.text[0] === '#' || tok.text[0] === '@') ? tok.text[0] : '';
      const special = sigil === '#' || tok.kind === 'hashtag' ? 'hashtag' : sigil === '@' || tok.kind === 'mention' ? 'mention' : undefined;
      const cut = special !== undefined && sigil !== '' ? 1 : 0;
      const body = tok.text.slice(cut);
      const bodyStart = tok.start + cut;
      const ps = namePieces(body).filter((p) => !isNameHyphen(p.text)); // hyphens are optional inside names
      const firstPiece = pieces.length;
      ps.forEach((p, k) => pieces.push({ text: p.text, key: normalizeKey(p.text), start: bodyStart + p.start, end: bodyStart + p.end, tok: ti, first: k === 0, last: k === ps.length - 1 }));
      const readings = stripEnding(body, this.endings);
      const latin = LATIN.test(body) && !GUJARATI.test(body);
      const longest = readings.length > 1 ? readings[1].stem : body;
      views.push({
        tok,
        body,
        bodyStart,
        special,
        firstPiece,
        lastPiece: pieces.length - 1,
        latin,
        cap: latin && /^[A-Z]/.test(body),
        gujarati: GUJARATI.test(body),
        readings,
        common: this.cues.commonWords.has(normalizeKey(body)) || this.cues.commonWords.has(normalizeKey(longest)) || (latin && LATIN_STOP.has(body.toLowerCase())),
        verbLike: this.cues.nonNameSuffixes.some((s) => body.endsWith(s)),
        title: isTitle(this.cues.titles, body) || (readings.length > 1 && isTitle(this.cues.titles, readings[readings.length - 1].stem)),
      });
    });
    return { views, pieces };
  }

  /** Longest gazetteer match starting at token i, if any. */
  private gazetteerAt(views: View[], pieces: Piece[], i: number): Candidate | undefined {
    const v = views[i];
    if (v.special === 'mention' || v.firstPiece > v.lastPiece || !WORDISH.test(pieces[v.firstPiece].text)) return undefined;
    // Latin names are written with a capital: lower-case `us`, `who`, `male` are words, not US, WHO, Malé
    // (hashtags are often all lower case, so they are exempt)
    if (v.special === undefined && /^[a-z]/.test(pieces[v.firstPiece].text)) return undefined;
    let node: TrieNode<GazetteerEntry> = this.gaz.root;
    let fuzzyUsed = false;
    let best: { end: number; endTok: number; entry: GazetteerEntry; fuzzy: boolean } | undefined;
    /** The best match before the current one ended in a new token (for generic heads). */
    let shorter: typeof best;
    const setBest = (b: NonNullable<typeof best>): void => {
      if (best && best.endTok < b.endTok) shorter = best;
      best = b;
    };
    for (let q = v.firstPiece; q < pieces.length; q++) {
      const p = pieces[q];
      const pv = views[p.tok];
      // a name may run into a hashtag (`Sergey #Lavrov`: one PER, `#` inside), never into a mention
      if (pv.special === 'mention') break;
      const exactEnd = this.stemMatch(node, p, pv, undefined);
      if (exactEnd && (!best || exactEnd.end > best.end)) setBest({ ...exactEnd, fuzzy: fuzzyUsed });
      let st = this.gaz.step(node, p.key);
      // a fuzzy step only where nothing matched exactly, and never on an
      // inflected piece as written (`રશિયાના` must not fuzzy-match `રશિયા`)
      if (!st && !exactEnd && !fuzzyUsed && this.fuzzy) {
        const fz = this.stemMatch(node, p, pv, this.fuzzy);
        if (fz && (!best || fz.end > best.end)) setBest({ ...fz, fuzzy: true });
        if (!(p.last && realEnding(pv))) st = this.gaz.step(node, p.key, this.fuzzy);
      }
      if (!st) break;
      if (st.similarity < 1) fuzzyUsed = true;
      node = st.node;
      if (p.last && node.value) {
        if (!best || p.end >= best.end) setBest({ end: p.end, endTok: p.tok, entry: node.value, fuzzy: fuzzyUsed });
      }
    }
    if (!best) return undefined;
    // a generic head listed with a name (`એશિયા પેસિફિક ક્ષેત્ર`) stays outside
    // the span when the name alone is known too (guidelines 2, H10)
    if (shorter && best.endTok > shorter.endTok && views[best.endTok].readings.some((r) => this.cues.genericHeads.has(normalizeKey(r.stem)))) best = shorter;
    return { startTok: i, endTok: best.endTok, start: v.bodyStart, end: best.end, label: best.entry.type, rule: best.fuzzy ? 'fuzzy' : 'gazetteer' };
  }

  /**
   * A match that ends inside the last piece of token `pv`: its stem after
   * stripping the longest ending that leads to a gazetteer name.
   */
  private stemMatch(node: TrieNode<GazetteerEntry>, p: Piece, pv: View, fuzzy: FuzzyOptions | undefined): { end: number; endTok: number; entry: GazetteerEntry } | undefined {
    if (!p.last || pv.special !== undefined) return undefined;
    for (const r of pv.readings) {
      if (r.ending === '') continue;
      const stemPieces = namePieces(r.stem).filter((sp) => !isNameHyphen(sp.text));
      const stemLast = stemPieces[stemPieces.length - 1];
      // the ending must only shorten the last piece of the token
      if (stemLast === undefined || pv.bodyStart + stemLast.start !== p.start) continue;
      const st = this.gaz.step(node, normalizeKey(stemLast.text), fuzzy);
      if (st?.node.value) return { end: pv.bodyStart + r.stem.length, endTok: p.tok, entry: st.node.value };
    }
    return undefined;
  }

  /** Title or role, then unknown name tokens → PER. */
  private titleCues(views: View[], pieces: Piece[], gaz: Candidate[]): Candidate[] {
    const out: Candidate[] = [];
    const gazAt = new Map(gaz.map((c) => [c.startTok, c]));
    for (let i = 0; i < views.length; i++) {
      let t = this.titleEnd(views, pieces, i);
      if (t === undefined) continue;
      // chained titles: `વડાપ્રધાન શ્રી ...`, `Russian Foreign Minister ...`
      for (let more = this.titleEnd(views, pieces, t + 1); more !== undefined; more = this.titleEnd(views, pieces, t + 1)) t = more;
      const run = this.nameRun(views, t + 1, 3, gazAt);
      if (run) out.push({ ...run, label: 'PER', rule: 'title' });
      i = t;
    }
    return out;
  }

  /** Index of the last token of a title starting at token i (written exactly, no ending). */
  private titleEnd(views: View[], pieces: Piece[], i: number): number | undefined {
    if (i >= views.length || views[i].special !== undefined) return undefined;
    let node: TrieNode<true> | undefined = this.cues.titles;
    let end: number | undefined;
    for (let q = views[i].firstPiece; q < pieces.length && node; q++) {
      node = node.children.get(pieces[q].key);
      if (node?.value && pieces[q].last) end = pieces[q].tok;
    }
    return end;
  }

  /**
   * Up to `max` name tokens from token j: Gujarati tokens that are not
   * common words or verb forms, or Capitalised Latin words. The run stops
   * after an inflected token (its ending is left out of the span), before a
   * head word, and at a gazetteer name of another type; a gazetteer PER at
   * j is left to the gazetteer.
   */
  private nameRun(views: View[], j: number, max: number, gazAt: Map<number, Candidate>): { startTok: number; endTok: number; start: number; end: number } | undefined {
    const g = gazAt.get(j);
    if (g) return undefined;
    let end: number | undefined;
    let endTok = j;
    for (let k = j; k < views.length && k < j + max; k++) {
      const v = views[k];
      const gk = gazAt.get(k);
      if (k > j && gk) {
        // `ડૉ. ભીમરાવ રામજી આંબેડકર`: the run ends with a known surname or name
        if (gk.label === 'PER') return { startTok: j, endTok: gk.endTok, start: views[j].bodyStart, end: gk.end };
        break;
      }
      const hashtagName = k > j && v.special === 'hashtag' && views[k - 1].latin && /^[A-Z][a-z]/.test(v.body);
      if (!hashtagName && (!this.nameLike(v) || this.isHead(v))) break;
      const ending = v.latin ? undefined : realEnding(v);
      endTok = k;
      if (ending) {
        end = v.bodyStart + ending.stem.length;
        break;
      }
      end = v.tok.end;
    }
    if (end === undefined) return undefined;
    return { startTok: j, endTok, start: views[j].bodyStart, end };
  }

  private nameLike(v: View): boolean {
    if (v.special !== undefined || v.common || v.title || !/[\p{L}]/u.test(v.body)) return false;
    if (v.latin) return v.cap;
    return v.gujarati && !v.verbLike && /^[\p{L}\p{M}]+$/u.test(v.body);
  }

  private headReading(v: View, heads: Set<string>): StemCandidate | undefined {
    if (v.special !== undefined) return undefined;
    if (v.latin && !v.cap) return undefined;
    return v.readings.find((r) => heads.has(normalizeKey(r.stem)));
  }

  private isHead(v: View): boolean {
    return this.headReading(v, this.cues.orgHeads) !== undefined || this.headReading(v, this.cues.locHeads) !== undefined || this.headReading(v, this.cues.geoHeads) !== undefined;
  }

  /** Name sequence + organisation head → ORG; place + administrative head → LOC. */
  private headCues(views: View[], gaz: Candidate[]): Candidate[] {
    const out: Candidate[] = [];
    const gazEndingAt = new Map<number, Candidate>();
    for (const c of gaz) if (c.end === views[c.endTok].tok.end) gazEndingAt.set(c.endTok, c);
    const gazStartAt = new Set(gaz.map((c) => c.startTok));
    for (let j = 1; j < views.length; j++) {
      for (const [heads, label, rule, needKnown] of [
        [this.cues.orgHeads, 'ORG', 'orgHead', false],
        [this.cues.locHeads, 'LOC', 'locHead', false],
        [this.cues.geoHeads, 'LOC', 'locHead', true],
      ] as const) {
        const r = this.headReading(views[j], heads);
        if (!r) continue;
        const end = views[j].bodyStart + r.stem.length;
        let k = j; // first token of the name before the head
        let n = 0;
        const maxTokens = 3;
        while (k - 1 >= 0 && n < maxTokens) {
          const g = gazEndingAt.get(k - 1);
          if (g && (label === 'ORG' || g.label === 'LOC')) {
            k = g.startTok;
            n += g.endTok - g.startTok + 1;
            if (label === 'LOC') break;
            continue;
          }
          const v = views[k - 1];
          if (needKnown && !v.cap) break; // geographic heads: a known name (above) or Latin capitals only
          // titles may be part of an organisation's name (`મહારાજા સયાજીરાવ યુનિવર્સિટી`)
          const titleOk = label === 'ORG' && v.title && !v.common;
          if (!(this.nameLike(v) || titleOk) || realEnding(v) || this.isHead(v)) break;
          if (label === 'LOC' && v.latin !== views[j].latin) break;
          k--;
          n++;
          if (label === 'LOC') break; // an unknown place name before a head is one token
        }
        // one unknown Gujarati word + a generic head is a description more
        // often than a name (`સંશોધન સંસ્થા` 'research institute'): an ORG
        // needs two name words, or a known name, or Latin capitals
        const evidence = n >= 2 || [...Array(j - k).keys()].some((d) => gazEndingAt.has(k + d) || views[k + d].cap || gazStartAt.has(k + d));
        if (k < j && (label === 'LOC' || evidence)) out.push({ startTok: k, endTok: j, start: views[k].bodyStart, end, label, rule });
        else if (label === 'ORG' && views[j].latin) {
          // `Ministry of Foreign Affairs`, `University of Oxford`
          let m = j + 1;
          if (views[m]?.body === 'of') {
            m++;
            if (views[m]?.body === 'the') m++;
            let last = -1;
            while (m < views.length && views[m].latin && (views[m].cap || views[m].body === 'and' || views[m].body === 'of')) {
              if (views[m].cap) last = m;
              m++;
            }
            if (last > j) out.push({ startTok: j, endTok: last, start: views[j].bodyStart, end: views[last].tok.end, label, rule });
          }
        }
      }
    }
    return out;
  }

  /**
   * An unknown acronym before a known place is an organisation's branch or
   * office (`MFA Russia`, `BJP Gujarat`) → ORG over both. A CamelCase
   * hashtag made only of known names (`#RussiaPakistan`) is a coined label
   * → MISC on the part after `#`.
   */
  private socialCues(views: View[], gaz: Candidate[]): Candidate[] {
    const out: Candidate[] = [];
    const gazAt = new Map(gaz.map((c) => [c.startTok, c]));
    for (let j = 0; j < views.length; j++) {
      const v = views[j];
      const next = gazAt.get(j + 1);
      if (isAcronym(v) && !gazAt.has(j) && next?.label === 'LOC' && views[j + 1].latin && views[j + 1].special === undefined) {
        out.push({ startTok: j, endTok: next.endTok, start: v.bodyStart, end: next.end, label: 'ORG', rule: 'orgHead' });
      }
      if (v.special === 'hashtag' && /^[A-Za-z]+$/.test(v.body)) {
        const parts = v.body.split(/(?<=[a-z])(?=[A-Z])/);
        if (parts.length >= 2 && parts.every((p) => this.gaz.lookup(p) !== undefined)) {
          out.push({ startTok: j, endTok: j, start: v.bodyStart, end: v.tok.end, label: 'MISC', rule: 'gazetteer' });
        }
      }
    }
    return out;
  }

  /**
   * A known given name, as written, then one or two unknown name words
   * (`જ્હોન સ્મિથ`, the last may carry a case ending) → PER over all of them.
   */
  private givenNameCues(views: View[], gaz: Candidate[]): Candidate[] {
    const out: Candidate[] = [];
    const gazAt = new Map(gaz.filter((c) => c.rule === 'gazetteer' || c.rule === 'fuzzy').map((c) => [c.startTok, c]));
    for (let j = 0; j + 1 < views.length; j++) {
      const v = views[j];
      if (v.special !== undefined || v.latin || realEnding(v) || !this.cues.givenNames.has(normalizeKey(v.body))) continue;
      const run = this.nameRun(views, j + 1, 2, gazAt);
      if (run) out.push({ startTok: j, endTok: run.endTok, start: v.bodyStart, end: run.end, label: 'PER', rule: 'givenName' });
    }
    return out;
  }

  /** Glued honorifics (`મહાદેવભાઈ`) and given name + surname (`રાજેન્દ્ર શાહ`) → PER. */
  private personCues(views: View[]): Candidate[] {
    const out: Candidate[] = [];
    /** The reading whose stem ends with a glued honorific (`આનંદીબેને` → `આનંદીબેન` + `ે`), if any. */
    const honorific = (v: View): StemCandidate | undefined => {
      if (!this.nameLike(v) || v.latin) return undefined;
      return v.readings.find((r) => this.cues.personSuffixes.some((s) => r.stem.endsWith(s) && letters(r.stem.slice(0, r.stem.length - s.length)) >= 2));
    };
    const surname = (v: View): StemCandidate | undefined => (this.nameLike(v) && !v.latin ? v.readings.find((r) => this.cues.surnames.has(normalizeKey(r.stem))) : undefined);
    for (let j = 0; j < views.length; j++) {
      const s = surname(views[j]);
      if (s) {
        let k = j;
        while (k - 1 >= 0 && j - k < 2) {
          const v = views[k - 1];
          if (!this.nameLike(v) || v.latin || realEnding(v) || this.isHead(v)) break;
          k--;
          if (honorific(v)) break; // `મહાદેવભાઈ દેસાઈ`: the honorific marks the given name, the first word
        }
        if (k < j) {
          out.push({ startTok: k, endTok: j, start: views[k].bodyStart, end: views[j].bodyStart + s.stem.length, label: 'PER', rule: 'surname' });
          continue;
        }
      }
      // `બ્રહ્માના પુત્ર`: a name in the genitive before a relation noun
      const next = views[j + 1];
      const gen = realEnding(views[j]);
      if (next && gen && GENITIVE.has(gen.ending) && this.nameLike(views[j]) && !views[j].latin && this.cues.kinship.has(normalizeKey(next.body))) {
        out.push({ startTok: j, endTok: j, start: views[j].bodyStart, end: views[j].bodyStart + gen.stem.length, label: 'PER', rule: 'surname' });
        continue;
      }
      const h = honorific(views[j]);
      if (h) out.push({ startTok: j, endTok: j, start: views[j].bodyStart, end: views[j].bodyStart + h.stem.length, label: 'PER', rule: 'honorific' });
    }
    return out;
  }
}

function isTitle(titles: TrieNode<true>, text: string): boolean {
  const keys = namePieces(text).map((p) => normalizeKey(p.text));
  let node: TrieNode<true> | undefined = titles;
  for (const k of keys) node = node?.children.get(k);
  return node !== undefined && node !== titles && node.value === true;
}

const GENITIVE = new Set(['ના', 'ની', 'નું', 'નો', 'નાં', 'નુ']);

/** True for a Latin all-capitals acronym of 2 to 6 letters (`MFA`, `BJP`). */
const isAcronym = (v: View): boolean => v.special === undefined && /^[A-Z]{2,6}$/.test(v.body);

/** The longest strippable ending of a Gujarati token, if any. */
function realEnding(v: View): StemCandidate | undefined {
  return v.readings.length > 1 ? v.readings[1] : undefined;
}

function letters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isGujaratiLetter(s.charCodeAt(i))) n++;
  return n;
}
