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
import { FormTable, type Form, type FormPiece, type PieceStep } from './rules/forms.js';
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

/** A sentence as the rules see it: its tokens' forms and UTF-16 spans (same index). */
interface Sentence {
  forms: Form[];
  starts: number[];
  ends: number[];
}

/** Where the name part of token i starts (after a `#`/`@`). */
const bodyStart = (s: Sentence, i: number): number => s.starts[i] + s.forms[i].cut;

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
    const n = tokens.length;
    const s: Sentence = { forms: new Array<Form>(n), starts: new Array<number>(n), ends: new Array<number>(n) };
    for (let i = 0; i < n; i++) {
      const t = tokens[i];
      s.forms[i] = this.forms.form(t.text, t.kind);
      s.starts[i] = t.start;
      s.ends[i] = t.end;
    }
    return this.candidatesOf(s);
  }

  /**
   * `candidates` of a sentence given as token strings joined by single
   * spaces; `#x`/`@x` are hashtags/mentions (the statistical model's
   * stacking features, without a Token object per token).
   */
  candidatesOfTexts(texts: readonly string[]): Candidate[] {
    const n = texts.length;
    const s: Sentence = { forms: new Array<Form>(n), starts: new Array<number>(n), ends: new Array<number>(n) };
    let at = 0;
    for (let i = 0; i < n; i++) {
      const t = texts[i];
      const kind = t.length > 1 && t[0] === '#' ? 'hashtag' : t.length > 1 && t[0] === '@' ? 'mention' : 'word';
      s.forms[i] = this.forms.form(t, kind);
      s.starts[i] = at;
      s.ends[i] = at + t.length;
      at += t.length + 1;
    }
    return this.candidatesOf(s);
  }

  private candidatesOf(s: Sentence): Candidate[] {
    const n = s.forms.length;
    const cands: Candidate[] = [];
    for (let i = 0; i < n; i++) {
      const g = this.gazetteerAt(s, i);
      if (g) cands.push(g);
    }
    // each cue reads the candidates found before it (the first `n` of cands)
    const gaz = cands.length;
    this.titleCues(s, cands, gaz);
    this.headCues(s, cands, cands.length);
    this.personCues(s, cands);
    this.givenNameCues(s, cands, gaz);
    this.socialCues(s, cands, cands.length);
    return cands;
  }

  /**
   * One step of a gazetteer walk at `node` on piece `p` of a token of form
   * `f` (`last`: its last piece): a match ending inside the piece by a stem,
   * then the step on the piece's key; fuzzy steps only where nothing matched
   * exactly and none was taken before, and never on an inflected piece as
   * written (`રશિયાના` must not fuzzy-match `રશિયા`).
   */
  private pieceStep(node: TrieNode<GazetteerEntry>, f: Form, p: FormPiece, last: boolean, fuzzyUsed: boolean): PieceStep {
    const stemEnd = last ? this.stemMatch(node, f, undefined) : undefined;
    let st = this.gaz.step(node, p.key);
    let fuzzyStemEnd: PieceStep['fuzzyStemEnd'];
    if (!st && !stemEnd && !fuzzyUsed && this.fuzzy) {
      fuzzyStemEnd = last ? this.stemMatch(node, f, this.fuzzy) : undefined;
      if (!(last && f.ending)) st = this.gaz.step(node, p.key, this.fuzzy);
    }
    return { stemEnd, fuzzyStemEnd, st };
  }

  /** Longest gazetteer match starting at token i, if any. */
  private gazetteerAt(s: Sentence, i: number): Candidate | undefined {
    const f0 = s.forms[i];
    if (!f0.gazStart) return undefined;
    // the first step depends on the form alone: most tokens start no name, and stop here
    const first = (f0.gazRoot ??= this.pieceStep(this.gaz.root, f0, f0.pieces[0], f0.pieces.length === 1, false));
    if (first.st === undefined && first.stemEnd === undefined && first.fuzzyStemEnd === undefined) return undefined;
    return this.gazetteerWalk(s, i, first);
  }

  /** The walk of gazetteerAt past its first step (apart, so the common early exit allocates nothing). */
  private gazetteerWalk(s: Sentence, i: number, first: PieceStep): Candidate | undefined {
    const { forms } = s;
    let node: TrieNode<GazetteerEntry> = this.gaz.root;
    let fuzzyUsed = false;
    let best: { end: number; endTok: number; entry: GazetteerEntry; fuzzy: boolean } | undefined;
    /** The best match before the current one ended in a new token (for generic heads). */
    let shorter: typeof best;
    const setBest = (b: NonNullable<typeof best>): void => {
      if (best && best.endTok < b.endTok) shorter = best;
      best = b;
    };
    walk: for (let t = i; t < forms.length; t++) {
      const f = forms[t];
      const np = f.pieces.length;
      const base = bodyStart(s, t);
      for (let k = 0; k < np; k++) {
        // a name may run into a hashtag (`Sergey #Lavrov`: one PER, `#` inside), never into a mention
        if (f.special === 'mention') break walk;
        const p = f.pieces[k];
        const last = k === np - 1;
        const r = node === this.gaz.root ? first : this.pieceStep(node, f, p, last, fuzzyUsed);
        if (r.stemEnd && (!best || base + r.stemEnd.end > best.end)) setBest({ end: base + r.stemEnd.end, endTok: t, entry: r.stemEnd.entry, fuzzy: fuzzyUsed });
        if (r.fuzzyStemEnd && (!best || base + r.fuzzyStemEnd.end > best.end)) setBest({ end: base + r.fuzzyStemEnd.end, endTok: t, entry: r.fuzzyStemEnd.entry, fuzzy: true });
        const st = r.st;
        if (!st) break walk;
        if (st.similarity < 1) fuzzyUsed = true;
        node = st.node;
        if (last && node.value) {
          const end = base + p.end;
          if (!best || end >= best.end) setBest({ end, endTok: t, entry: node.value, fuzzy: fuzzyUsed });
        }
      }
    }
    if (!best) return undefined;
    // a generic head listed with a name (`એશિયા પેસિફિક ક્ષેત્ર`) stays outside
    // the span when the name alone is known too (guidelines 2, H10)
    if (shorter && best.endTok > shorter.endTok && forms[best.endTok].genericHead) best = shorter;
    return { startTok: i, endTok: best.endTok, start: bodyStart(s, i), end: best.end, label: best.entry.type, rule: best.fuzzy ? 'fuzzy' : 'gazetteer' };
  }

  /**
   * A match that ends inside the last piece of a token of form `f`: its stem
   * after stripping the longest ending that leads to a gazetteer name (`end`
   * relative to the body).
   */
  private stemMatch(node: TrieNode<GazetteerEntry>, f: Form, fuzzy: FuzzyOptions | undefined): { end: number; entry: GazetteerEntry } | undefined {
    for (const s of f.stemSteps) {
      const st = this.gaz.step(node, s.key, fuzzy);
      if (st?.node.value) return { end: s.end, entry: st.node.value };
    }
    return undefined;
  }

  /** Title or role, then unknown name tokens → PER. */
  private titleCues(s: Sentence, out: Candidate[], gaz: number): void {
    let gazAt: Map<number, Candidate> | undefined;
    const n = s.forms.length;
    for (let i = 0; i < n; i++) {
      let t = this.titleEnd(s, i);
      if (t === undefined) continue;
      // chained titles: `વડાપ્રધાન શ્રી ...`, `Russian Foreign Minister ...`
      for (let more = this.titleEnd(s, t + 1); more !== undefined; more = this.titleEnd(s, t + 1)) t = more;
      gazAt ??= startMap(out, gaz);
      const run = this.nameRun(s, t + 1, 3, gazAt);
      if (run) out.push({ ...run, label: 'PER', rule: 'title' });
      i = t;
    }
  }

  /** Index of the last token of a title starting at token i (written exactly, no ending). */
  private titleEnd(s: Sentence, i: number): number | undefined {
    const { forms } = s;
    if (i >= forms.length || forms[i].special !== undefined) return undefined;
    // most tokens start no title (a token without pieces walks on from the next one's)
    if (forms[i].pieces.length > 0 && forms[i].titleNode === undefined) return undefined;
    let node: TrieNode<true> | undefined = this.cues.titles;
    let end: number | undefined;
    for (let t = i; t < forms.length; t++) {
      const ps = forms[t].pieces;
      for (let k = 0; k < ps.length; k++) {
        node = node.children.get(ps[k].key);
        if (node === undefined) return end;
        if (node.value && k === ps.length - 1) end = t;
      }
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
  private nameRun(s: Sentence, j: number, max: number, gazAt: Map<number, Candidate>): { startTok: number; endTok: number; start: number; end: number } | undefined {
    const { ends, forms } = s;
    const g = gazAt.get(j);
    if (g) return undefined;
    let end: number | undefined;
    let endTok = j;
    for (let k = j; k < forms.length && k < j + max; k++) {
      const f = forms[k];
      const gk = gazAt.get(k);
      if (k > j && gk) {
        // `ડૉ. ભીમરાવ રામજી આંબેડકર`: the run ends with a known surname or name
        if (gk.label === 'PER') return { startTok: j, endTok: gk.endTok, start: bodyStart(s, j), end: gk.end };
        break;
      }
      const hashtagName = k > j && f.special === 'hashtag' && forms[k - 1].latin && f.capWord;
      if (!hashtagName && (!f.nameLike || f.isHead)) break;
      const ending = f.latin ? undefined : f.ending;
      endTok = k;
      if (ending) {
        end = bodyStart(s, k) + ending.stem.length;
        break;
      }
      end = ends[k];
    }
    if (end === undefined) return undefined;
    return { startTok: j, endTok, start: bodyStart(s, j), end };
  }

  /** Name sequence + organisation head → ORG; place + administrative head → LOC. */
  private headCues(s: Sentence, out: Candidate[], before: number): void {
    const { ends, forms } = s;
    let gazEndingAt: Map<number, Candidate> | undefined;
    let gazStartAt: Set<number> | undefined;
    for (let j = 1; j < forms.length; j++) {
      const fj = forms[j];
      if (!fj.isHead) continue;
      if (gazEndingAt === undefined) {
        gazEndingAt = new Map();
        for (let c = 0; c < before; c++) if (out[c].end === ends[out[c].endTok]) gazEndingAt.set(out[c].endTok, out[c]);
        gazStartAt = new Set(out.slice(0, before).map((c) => c.startTok));
      }
      for (const [r, label, rule, needKnown] of [
        [fj.orgHead, 'ORG', 'orgHead', false],
        [fj.locHead, 'LOC', 'locHead', false],
        [fj.geoHead, 'LOC', 'locHead', true],
      ] as const) {
        if (!r) continue;
        const end = bodyStart(s, j) + r.stem.length;
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
          const v = forms[k - 1];
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
        for (let d = k; !evidence && d < j; d++) evidence = gazEndingAt.has(d) || forms[d].cap || gazStartAt!.has(d);
        if (k < j && (label === 'LOC' || evidence)) out.push({ startTok: k, endTok: j, start: bodyStart(s, k), end, label, rule });
        else if (label === 'ORG' && fj.latin) {
          // `Ministry of Foreign Affairs`, `University of Oxford`
          let m = j + 1;
          if (forms[m]?.body === 'of') {
            m++;
            if (forms[m]?.body === 'the') m++;
            let last = -1;
            while (m < forms.length && forms[m].latin && (forms[m].cap || forms[m].body === 'and' || forms[m].body === 'of')) {
              if (forms[m].cap) last = m;
              m++;
            }
            if (last > j) out.push({ startTok: j, endTok: last, start: bodyStart(s, j), end: ends[last], label, rule });
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
  private socialCues(s: Sentence, out: Candidate[], before: number): void {
    const { ends, forms } = s;
    let gazAt: Map<number, Candidate> | undefined;
    for (let j = 0; j < forms.length; j++) {
      const f = forms[j];
      if (f.acronym && j + 1 < forms.length) {
        gazAt ??= startMap(out, before);
        const next = gazAt.get(j + 1);
        if (!gazAt.has(j) && next?.label === 'LOC' && forms[j + 1].latin && forms[j + 1].special === undefined) {
          out.push({ startTok: j, endTok: next.endTok, start: bodyStart(s, j), end: next.end, label: 'ORG', rule: 'orgHead' });
        }
      }
      if (f.camelNames) out.push({ startTok: j, endTok: j, start: bodyStart(s, j), end: ends[j], label: 'MISC', rule: 'gazetteer' });
    }
  }

  /**
   * A known given name, as written, then one or two unknown name words
   * (`જ્હોન સ્મિથ`, the last may carry a case ending) → PER over all of them.
   */
  private givenNameCues(s: Sentence, out: Candidate[], gaz: number): void {
    let gazAt: Map<number, Candidate> | undefined;
    for (let j = 0; j + 1 < s.forms.length; j++) {
      if (!s.forms[j].givenName) continue;
      gazAt ??= startMap(out, gaz);
      const run = this.nameRun(s, j + 1, 2, gazAt);
      if (run) out.push({ startTok: j, endTok: run.endTok, start: bodyStart(s, j), end: run.end, label: 'PER', rule: 'givenName' });
    }
  }

  /** Glued honorifics (`મહાદેવભાઈ`) and given name + surname (`રાજેન્દ્ર શાહ`) → PER. */
  private personCues(s: Sentence, out: Candidate[]): void {
    const { forms } = s;
    for (let j = 0; j < forms.length; j++) {
      const fj = forms[j];
      const sur = fj.surname;
      if (sur) {
        let k = j;
        while (k - 1 >= 0 && j - k < 2) {
          const v = forms[k - 1];
          if (!v.nameLike || v.latin || v.ending || v.isHead) break;
          k--;
          if (v.honorific) break; // `મહાદેવભાઈ દેસાઈ`: the honorific marks the given name, the first word
        }
        if (k < j) {
          out.push({ startTok: k, endTok: j, start: bodyStart(s, k), end: bodyStart(s, j) + sur.stem.length, label: 'PER', rule: 'surname' });
          continue;
        }
      }
      // `બ્રહ્માના પુત્ર`: a name in the genitive before a relation noun
      const gen = fj.genitive;
      if (j + 1 < forms.length && gen && forms[j + 1].kinship) {
        out.push({ startTok: j, endTok: j, start: bodyStart(s, j), end: bodyStart(s, j) + gen.stem.length, label: 'PER', rule: 'surname' });
        continue;
      }
      const h = fj.honorific;
      if (h) out.push({ startTok: j, endTok: j, start: bodyStart(s, j), end: bodyStart(s, j) + h.stem.length, label: 'PER', rule: 'honorific' });
    }
  }
}

/** The first `n` candidates by start token; a later one with the same start wins. */
function startMap(cands: Candidate[], n: number): Map<number, Candidate> {
  const m = new Map<number, Candidate>();
  for (let i = 0; i < n; i++) m.set(cands[i].startTok, cands[i]);
  return m;
}
