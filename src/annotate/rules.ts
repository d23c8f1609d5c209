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
import { DEFAULT_FUZZY, Gazetteer, type FuzzyOptions, type GazetteerEntry, type TrieNode } from './gazetteer.js';
import { caseEndings } from '../lang/gu/endings.js';
import { loadCues, type CueLists } from './rules/cues.js';
import { choose, type Candidate } from './rules/choose.js';
import { FormTable, type Form } from './rules/forms.js';
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

/** A token of the sentence: its form (cached per text) and where it stands. */
interface View {
  tok: Token;
  f: Form;
  bodyStart: number;
  /** The token's pieces in the sentence's piece list: firstPiece..lastPiece (empty when first > last). */
  firstPiece: number;
  lastPiece: number;
}

/**
 * The pieces of a sentence's tokens in order, as columns: the form's piece,
 * the token it belongs to, and whether it is that token's last piece.
 */
interface Pieces {
  piece: Form['pieces'];
  tok: number[];
  last: boolean[];
}

export class RulesAnnotator implements Annotator {
  readonly name = 'rules';
  readonly version: string;
  private readonly gaz: Gazetteer;
  private readonly cues: CueLists;
  private readonly endings: readonly string[];
  private readonly fuzzy: FuzzyOptions | undefined;
  private readonly forms: FormTable;

  constructor(opts: RulesOptions = {}) {
    this.gaz = opts.gazetteer ?? Gazetteer.load();
    this.cues = opts.cues ?? loadCues();
    this.endings = opts.endings ?? caseEndings();
    this.fuzzy = opts.fuzzy === false ? undefined : (opts.fuzzy ?? DEFAULT_FUZZY);
    this.forms = new FormTable(this.gaz, this.cues, this.endings);
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
    // each cue reads the candidates found before it (the first `n` of cands)
    const gaz = cands.length;
    this.titleCues(views, pieces, cands, gaz);
    this.headCues(views, cands, cands.length);
    this.personCues(views, cands);
    this.givenNameCues(views, cands, gaz);
    this.socialCues(views, cands, cands.length);
    return cands;
  }

  private views(tokens: Token[]): { views: View[]; pieces: Pieces } {
    const views: View[] = new Array(tokens.length);
    const pieces: Pieces = { piece: [], tok: [], last: [] };
    for (let ti = 0; ti < tokens.length; ti++) {
      const tok = tokens[ti];
      const f = this.forms.form(tok);
      const firstPiece = pieces.piece.length;
      const n = f.pieces.length;
      for (let k = 0; k < n; k++) {
        pieces.piece.push(f.pieces[k]);
        pieces.tok.push(ti);
        pieces.last.push(k === n - 1);
      }
      views[ti] = { tok, f, bodyStart: tok.start + f.cut, firstPiece, lastPiece: firstPiece + n - 1 };
    }
    return { views, pieces };
  }

  /** Longest gazetteer match starting at token i, if any. */
  private gazetteerAt(views: View[], pieces: Pieces, i: number): Candidate | undefined {
    const v = views[i];
    if (!v.f.gazStart) return undefined;
    let node: TrieNode<GazetteerEntry> = this.gaz.root;
    let fuzzyUsed = false;
    let best: { end: number; endTok: number; entry: GazetteerEntry; fuzzy: boolean } | undefined;
    /** The best match before the current one ended in a new token (for generic heads). */
    let shorter: typeof best;
    const setBest = (b: NonNullable<typeof best>): void => {
      if (best && best.endTok < b.endTok) shorter = best;
      best = b;
    };
    for (let q = v.firstPiece; q < pieces.piece.length; q++) {
      const p = pieces.piece[q];
      const tok = pieces.tok[q];
      const last = pieces.last[q];
      const pv = views[tok];
      // a name may run into a hashtag (`Sergey #Lavrov`: one PER, `#` inside), never into a mention
      if (pv.f.special === 'mention') break;
      const exactEnd = last ? this.stemMatch(node, pv, tok, undefined) : undefined;
      if (exactEnd && (!best || exactEnd.end > best.end)) setBest({ ...exactEnd, fuzzy: fuzzyUsed });
      let st = this.gaz.step(node, p.key);
      // a fuzzy step only where nothing matched exactly, and never on an
      // inflected piece as written (`રશિયાના` must not fuzzy-match `રશિયા`)
      if (!st && !exactEnd && !fuzzyUsed && this.fuzzy) {
        const fz = last ? this.stemMatch(node, pv, tok, this.fuzzy) : undefined;
        if (fz && (!best || fz.end > best.end)) setBest({ ...fz, fuzzy: true });
        if (!(last && pv.f.ending)) st = this.gaz.step(node, p.key, this.fuzzy);
      }
      if (!st) break;
      if (st.similarity < 1) fuzzyUsed = true;
      node = st.node;
      if (last && node.value) {
        const end = pv.bodyStart + p.end;
        if (!best || end >= best.end) setBest({ end, endTok: tok, entry: node.value, fuzzy: fuzzyUsed });
      }
    }
    if (!best) return undefined;
    // a generic head listed with a name (`એશિયા પેસિફિક ક્ષેત્ર`) stays outside
    // the span when the name alone is known too (guidelines 2, H10)
    if (shorter && best.endTok > shorter.endTok && views[best.endTok].f.genericHead) best = shorter;
    return { startTok: i, endTok: best.endTok, start: v.bodyStart, end: best.end, label: best.entry.type, rule: best.fuzzy ? 'fuzzy' : 'gazetteer' };
  }

  /**
   * A match that ends inside the last piece of token `pv` (number `tok`):
   * its stem after stripping the longest ending that leads to a gazetteer name.
   */
  private stemMatch(node: TrieNode<GazetteerEntry>, pv: View, tok: number, fuzzy: FuzzyOptions | undefined): { end: number; endTok: number; entry: GazetteerEntry } | undefined {
    for (const s of pv.f.stemSteps) {
      const st = this.gaz.step(node, s.key, fuzzy);
      if (st?.node.value) return { end: pv.bodyStart + s.end, endTok: tok, entry: st.node.value };
    }
    return undefined;
  }

  /** Title or role, then unknown name tokens → PER. */
  private titleCues(views: View[], pieces: Pieces, out: Candidate[], gaz: number): void {
    let gazAt: Map<number, Candidate> | undefined;
    for (let i = 0; i < views.length; i++) {
      let t = this.titleEnd(views, pieces, i);
      if (t === undefined) continue;
      // chained titles: `વડાપ્રધાન શ્રી ...`, `Russian Foreign Minister ...`
      for (let more = this.titleEnd(views, pieces, t + 1); more !== undefined; more = this.titleEnd(views, pieces, t + 1)) t = more;
      gazAt ??= startMap(out, gaz);
      const run = this.nameRun(views, t + 1, 3, gazAt);
      if (run) out.push({ ...run, label: 'PER', rule: 'title' });
      i = t;
    }
  }

  /** Index of the last token of a title starting at token i (written exactly, no ending). */
  private titleEnd(views: View[], pieces: Pieces, i: number): number | undefined {
    if (i >= views.length || views[i].f.special !== undefined) return undefined;
    let node: TrieNode<true> | undefined = this.cues.titles;
    let end: number | undefined;
    for (let q = views[i].firstPiece; q < pieces.piece.length && node; q++) {
      node = node.children.get(pieces.piece[q].key);
      if (node?.value && pieces.last[q]) end = pieces.tok[q];
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
      const hashtagName = k > j && v.f.special === 'hashtag' && views[k - 1].f.latin && v.f.capWord;
      if (!hashtagName && (!v.f.nameLike || v.f.isHead)) break;
      const ending = v.f.latin ? undefined : v.f.ending;
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

  /** Name sequence + organisation head → ORG; place + administrative head → LOC. */
  private headCues(views: View[], out: Candidate[], before: number): void {
    let gazEndingAt: Map<number, Candidate> | undefined;
    let gazStartAt: Set<number> | undefined;
    for (let j = 1; j < views.length; j++) {
      const fj = views[j].f;
      if (!fj.isHead) continue;
      if (gazEndingAt === undefined) {
        gazEndingAt = new Map();
        for (let c = 0; c < before; c++) if (out[c].end === views[out[c].endTok].tok.end) gazEndingAt.set(out[c].endTok, out[c]);
        gazStartAt = new Set(out.slice(0, before).map((c) => c.startTok));
      }
      for (const [r, label, rule, needKnown] of [
        [fj.orgHead, 'ORG', 'orgHead', false],
        [fj.locHead, 'LOC', 'locHead', false],
        [fj.geoHead, 'LOC', 'locHead', true],
      ] as const) {
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
          const v = views[k - 1].f;
          if (needKnown && !v.cap) break; // geographic heads: a known name (above) or Latin capitals only
          // titles may be part of an organisation's name (`મહારાજા સયાજીરાવ યુનિવર્સિટી`)
          const titleOk = label === 'ORG' && v.title && !v.common;
          if (!(v.nameLike || titleOk) || v.ending || v.isHead) break;
          if (label === 'LOC' && v.latin !== fj.latin) break;
          k--;
          n++;
          if (label === 'LOC') break; // an unknown place name before a head is one token
        }
        // one unknown Gujarati word + a generic head is a description more
        // often than a name (`સંશોધન સંસ્થા` 'research institute'): an ORG
        // needs two name words, or a known name, or Latin capitals
        let evidence = n >= 2;
        for (let d = k; !evidence && d < j; d++) evidence = gazEndingAt.has(d) || views[d].f.cap || gazStartAt!.has(d);
        if (k < j && (label === 'LOC' || evidence)) out.push({ startTok: k, endTok: j, start: views[k].bodyStart, end, label, rule });
        else if (label === 'ORG' && fj.latin) {
          // `Ministry of Foreign Affairs`, `University of Oxford`
          let m = j + 1;
          if (views[m]?.f.body === 'of') {
            m++;
            if (views[m]?.f.body === 'the') m++;
            let last = -1;
            while (m < views.length && views[m].f.latin && (views[m].f.cap || views[m].f.body === 'and' || views[m].f.body === 'of')) {
              if (views[m].f.cap) last = m;
              m++;
            }
            if (last > j) out.push({ startTok: j, endTok: last, start: views[j].bodyStart, end: views[last].tok.end, label, rule });
          }
        }
      }
    }
  }

  /**
   * An unknown acronym before a known place is an organisation's branch or
   * office (`MFA Russia`, `BJP Gujarat`) → ORG over both. A CamelCase
   * hashtag made only of known names (`#RussiaPakistan`) is a coined label
   * → MISC on the part after `#`.
   */
  private socialCues(views: View[], out: Candidate[], before: number): void {
    let gazAt: Map<number, Candidate> | undefined;
    for (let j = 0; j < views.length; j++) {
      const v = views[j];
      if (v.f.acronym && j + 1 < views.length) {
        gazAt ??= startMap(out, before);
        const next = gazAt.get(j + 1);
        if (!gazAt.has(j) && next?.label === 'LOC' && views[j + 1].f.latin && views[j + 1].f.special === undefined) {
          out.push({ startTok: j, endTok: next.endTok, start: v.bodyStart, end: next.end, label: 'ORG', rule: 'orgHead' });
        }
      }
      if (v.f.camelNames) out.push({ startTok: j, endTok: j, start: v.bodyStart, end: v.tok.end, label: 'MISC', rule: 'gazetteer' });
    }
  }

  /**
   * A known given name, as written, then one or two unknown name words
   * (`જ્હોન સ્મિથ`, the last may carry a case ending) → PER over all of them.
   */
  private givenNameCues(views: View[], out: Candidate[], gaz: number): void {
    let gazAt: Map<number, Candidate> | undefined;
    for (let j = 0; j + 1 < views.length; j++) {
      const v = views[j];
      if (!v.f.givenName) continue;
      gazAt ??= startMap(out, gaz);
      const run = this.nameRun(views, j + 1, 2, gazAt);
      if (run) out.push({ startTok: j, endTok: run.endTok, start: v.bodyStart, end: run.end, label: 'PER', rule: 'givenName' });
    }
  }

  /** Glued honorifics (`મહાદેવભાઈ`) and given name + surname (`રાજેન્દ્ર શાહ`) → PER. */
  private personCues(views: View[], out: Candidate[]): void {
    for (let j = 0; j < views.length; j++) {
      const fj = views[j].f;
      const s = fj.surname;
      if (s) {
        let k = j;
        while (k - 1 >= 0 && j - k < 2) {
          const v = views[k - 1].f;
          if (!v.nameLike || v.latin || v.ending || v.isHead) break;
          k--;
          if (v.honorific) break; // `મહાદેવભાઈ દેસાઈ`: the honorific marks the given name, the first word
        }
        if (k < j) {
          out.push({ startTok: k, endTok: j, start: views[k].bodyStart, end: views[j].bodyStart + s.stem.length, label: 'PER', rule: 'surname' });
          continue;
        }
      }
      // `બ્રહ્માના પુત્ર`: a name in the genitive before a relation noun
      const next = views[j + 1];
      const gen = fj.genitive;
      if (next && gen && next.f.kinship) {
        out.push({ startTok: j, endTok: j, start: views[j].bodyStart, end: views[j].bodyStart + gen.stem.length, label: 'PER', rule: 'surname' });
        continue;
      }
      const h = fj.honorific;
      if (h) out.push({ startTok: j, endTok: j, start: views[j].bodyStart, end: views[j].bodyStart + h.stem.length, label: 'PER', rule: 'honorific' });
    }
  }
}

/** The first `n` candidates by start token; a later one with the same start wins. */
function startMap(cands: Candidate[], n: number): Map<number, Candidate> {
  const m = new Map<number, Candidate>();
  for (let i = 0; i < n; i++) m.set(cands[i].startTok, cands[i]);
  return m;
}
