/**
 * Every tag-level metric from one pass over the corpus: seqeval default
 * and strict reports, nervaluate's four schemes, conlleval's figures, token
 * accuracy and the token confusion matrix.
 *
 * Which entities each figure uses:
 * - seqeval.default: default-mode decoding (seqeval get_entities);
 * - seqeval.strict: strict decoding under the scheme (null without one);
 * - nervaluate: the entities of `mode` (default, or strict);
 * - conlleval: conlleval.pl's own chunking (same as default on B/I/O tags).
 */
import { chunkDefault, chunkStrict, allowedPrefixes, SCHEME_RULES, TagError, PB, PI, PO, tagInfo, type TagIds } from '../tags/decode.js';
import type { TagScheme } from '../tags/scheme.js';
import { fittingScheme } from '../tags/guess.js';
import { InputError } from '../io/errors.js';
import { addMatches, ChunkList } from './chunks.js';
import { bioTypeMap, conllevalTags, ConllevalAccumulator, conllevalResult, mergeConllevalRaw, type ConllevalRaw, type ConllevalResult } from './conlleval.js';
import { encodeSequences, locate, type TagCorpus } from './corpus.js';
import { applyLabelMapping, type LabelMapping } from './mapping.js';
import { NervaluateAccumulator, mergeNervaluateRaw, nervaluateResult, type NervaluateRaw, type NervaluateResult } from './nervaluate.js';
import { seqevalReport, type SeqevalReport, type TypeCounts } from './seqeval.js';
import { confusionOf, mergeTokenRaw, TokenAccumulator, type Confusion, type TokenRaw } from './token.js';

export type EvalMode = 'default' | 'strict';

export interface EvaluateOptions extends LabelMapping {
  /** Entities nervaluate scores (default: 'default'). 'strict' needs a scheme. */
  mode?: EvalMode;
  /** Scheme for strict mode; 'auto' (default) guesses it from the tags; null: no strict report. */
  scheme?: TagScheme | 'auto' | null;
}

/** Exactly the `--format json` object. */
export interface FullReport {
  seqeval: { default: SeqevalReport; strict: SeqevalReport | null };
  nervaluate: NervaluateResult;
  conlleval: ConllevalResult;
  token_accuracy: number;
  confusion: Confusion;
}

export interface Evaluation {
  report: FullReport;
  /** The scheme used for strict decoding (given or guessed), or null. */
  scheme: TagScheme | null;
  schemeGuessed: boolean;
  mode: EvalMode;
  sentences: number;
  tokens: number;
}

function rawCounts(types: readonly string[], tp: Int32Array, pred: Int32Array, gold: Int32Array): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  for (let t = 0; t < types.length; t++) if (pred[t] > 0 || gold[t] > 0) out[types[t]] = [tp[t], pred[t], gold[t]];
  return out;
}

/** The scheme for strict decoding: given, or guessed from the (mapped) tags. */
export function resolveScheme(tags: readonly string[], opts: EvaluateOptions): { scheme: TagScheme | null; guessed: boolean } {
  const mode = opts.mode ?? 'default';
  let scheme: TagScheme | null;
  let guessed = false;
  if (opts.scheme === undefined || opts.scheme === 'auto') {
    scheme = fittingScheme(tags);
    guessed = true;
  } else scheme = opts.scheme;
  if (mode === 'strict' && scheme === null) {
    throw new InputError('strict mode needs a tag scheme: the tags fit none of IOB1, IOB2, IOE1, IOE2, IOBES, BILOU; name one with --scheme');
  }
  return { scheme, guessed };
}

/**
 * Counts of one part of a corpus, by type name, every one additive: parts
 * split at sentence boundaries merge into the counts of the whole.
 */
export interface PartialEvaluation {
  sentences: number;
  tokens: number;
  /** type → [tp, pred, gold] */
  seqDefault: Record<string, [number, number, number]>;
  seqStrict: Record<string, [number, number, number]> | null;
  ner: NervaluateRaw;
  conll: ConllevalRaw;
  tok: TokenRaw;
}

/** Evaluates an encoded corpus. */
export function evaluateCorpus(corpus0: TagCorpus, opts: EvaluateOptions = {}): Evaluation {
  const corpus = applyLabelMapping(corpus0, opts);
  const { scheme, guessed } = resolveScheme(corpus.tags, opts);
  const mode = opts.mode ?? 'default';
  return finishEvaluation([evaluatePartial(corpus, mode, scheme, guessed)], mode, scheme, guessed);
}

/** Tag pairs above this many distinct tags are counted per sentence instead (a k×k table). */
const MAX_PAIR_TAGS = 1024;

/** Internal switches, for tests that check the shortcuts against the general paths. */
export interface PassOptions {
  /** Run conlleval's machine, strict decoding and per-sentence token counts even where a shortcut gives the same counts. */
  noShortcuts?: boolean;
}

/**
 * The one pass over an (already label-mapped) corpus. `schemeGuessed` only
 * changes the wording of errors.
 *
 * Shortcuts, each giving exactly the counts of the general path: token and
 * tag-accuracy counts from one table of (gold, predicted) tag pairs; on
 * B/I/O tags, conlleval's counts from the default-mode entities
 * (bioTypeMap); under IOB2, the strict entities are the default-mode ones
 * that begin with B.
 */
export function evaluatePartial(corpus: TagCorpus, mode: EvalMode, scheme: TagScheme | null, schemeGuessed = false, pass: PassOptions = {}): PartialEvaluation {
  const info = tagInfo(corpus.tags);
  const nTypes = info.types.length;
  const { gold, pred, sentStart } = corpus;
  const nSent = sentStart.length - 1;
  const nTags = corpus.tags.length;
  const shortcuts = pass.noShortcuts !== true;

  // strict validity per tag id
  let allowed: Uint8Array | null = null;
  let someDisallowed = false;
  if (scheme !== null) {
    const a = SCHEME_RULES[scheme].allowed;
    allowed = new Uint8Array(nTags);
    for (let id = 0; id < allowed.length; id++) {
      allowed[id] = (info.prefix[id] & a) !== 0 ? 1 : 0;
      if (allowed[id] === 0) someDisallowed = true;
    }
  }

  const dTp = new Int32Array(nTypes);
  const dPred = new Int32Array(nTypes);
  const dGold = new Int32Array(nTypes);
  const sTp = new Int32Array(nTypes);
  const sPred = new Int32Array(nTypes);
  const sGold = new Int32Array(nTypes);

  const ner = new NervaluateAccumulator(nTypes, shortcuts);
  const ctags = conllevalTags(corpus.tags);
  const conll = new ConllevalAccumulator(ctags);
  const tok = new TokenAccumulator(info);
  const conllMap = shortcuts ? bioTypeMap(ctags, info.prefix, info.type, nTypes, PO, PB, PI) : null;
  const pairs = shortcuts && nTags <= MAX_PAIR_TAGS ? new Int32Array(nTags * nTags) : null;

  // strict IOB2 entities = default-mode entities that begin with B (all tags being B, I or O)
  const strictByB = shortcuts && scheme === 'IOB2';

  const gd = new ChunkList();
  const pd = new ChunkList();
  const gs = new ChunkList();
  const ps = new ChunkList();
  const prefix = info.prefix;
  const type = info.type;

  for (let s = 0; s < nSent; s++) {
    const from = sentStart[s];
    const to = sentStart[s + 1];
    // a sentence predicted exactly right needs its gold decoded only
    let same = true;
    if (pairs !== null) {
      for (let i = from; i < to; i++) {
        const g = gold[i];
        const p = pred[i];
        pairs[g * nTags + p]++;
        if (g !== p) same = false;
      }
    } else {
      for (let i = from; i < to; i++) {
        if (gold[i] !== pred[i]) {
          same = false;
          break;
        }
      }
    }
    gd.clear();
    chunkDefault(gold, from, to, prefix, type, 0, gd.push);
    for (let k = 0; k < gd.n; k++) dGold[gd.type[k]]++;
    let pdR = gd;
    if (same) {
      for (let k = 0; k < gd.n; k++) {
        dPred[gd.type[k]]++;
        dTp[gd.type[k]]++;
      }
    } else {
      pd.clear();
      chunkDefault(pred, from, to, prefix, type, 0, pd.push);
      for (let k = 0; k < pd.n; k++) dPred[pd.type[k]]++;
      addMatches(gd, pd, dTp);
      pdR = pd;
    }

    let psR = gs;
    if (scheme !== null) {
      for (let i = someDisallowed ? from : to; i < to; i++) {
        if (allowed![gold[i]] === 0 || allowed![pred[i]] === 0) {
          const side = allowed![gold[i]] === 0 ? 'gold' : 'prediction';
          const tag = corpus.tags[side === 'gold' ? gold[i] : pred[i]];
          const problem = `${side} tag '${tag}' has a prefix ${scheme} does not allow (allowed: ${allowedPrefixes(scheme)})${schemeGuessed ? '; the scheme was guessed from the tags, name it with --scheme' : ''}`;
          const where = locate(corpus, s, i - from);
          if (where.file !== undefined) throw new InputError(problem, where);
          throw new TagError(problem, s, i - from);
        }
      }
      gs.clear();
      if (strictByB) startingWith(gd, gold, from, prefix, PB, gs);
      else chunkStrict(gold, from, to, prefix, type, 0, scheme, gs.push);
      for (let k = 0; k < gs.n; k++) sGold[gs.type[k]]++;
      if (same) {
        for (let k = 0; k < gs.n; k++) {
          sPred[gs.type[k]]++;
          sTp[gs.type[k]]++;
        }
      } else {
        ps.clear();
        if (strictByB) startingWith(pd, pred, from, prefix, PB, ps);
        else chunkStrict(pred, from, to, prefix, type, 0, scheme, ps.push);
        for (let k = 0; k < ps.n; k++) sPred[ps.type[k]]++;
        addMatches(gs, ps, sTp);
        psR = ps;
      }
    }

    if (mode === 'strict') ner.addSentence(gs, psR);
    else ner.addSentence(gd, pdR);

    if (conllMap === null) conll.sentence(gold, pred, from, to);
    if (pairs === null) tok.addRange(gold, pred, from, to);
  }
  if (pairs !== null) tok.addPairs(pairs, nTags);
  if (conllMap !== null) {
    for (let t = 0; t < nTypes; t++) if (dGold[t] > 0 || dPred[t] > 0) conll.addChunks(conllMap[t], dTp[t], dGold[t], dPred[t]);
    if (pairs !== null) conll.addTokenPairs(pairs, nTags);
    else for (let s = 0; s < nSent; s++) conll.tokensOnly(gold, pred, sentStart[s], sentStart[s + 1]);
  }

  return {
    sentences: nSent,
    tokens: gold.length,
    seqDefault: rawCounts(info.types, dTp, dPred, dGold),
    seqStrict: scheme === null ? null : rawCounts(info.types, sTp, sPred, sGold),
    ner: ner.raw(info.types),
    conll: conll.raw(),
    tok: tok.raw(),
  };
}

/** The chunks of `from` whose first tag has prefix flag `flag`, appended to `to`. */
function startingWith(from: ChunkList, ids: TagIds, offset: number, prefix: Uint8Array, flag: number, to: ChunkList): void {
  for (let k = 0; k < from.n; k++) if (prefix[ids[offset + from.start[k]]] === flag) to.push(from.type[k], from.start[k], from.end[k]);
}

function mergeCounts(parts: ReadonlyArray<Record<string, [number, number, number]>>): Map<string, TypeCounts> {
  const m = new Map<string, TypeCounts>();
  for (const p of parts) {
    for (const [t, [tp, pred, gold]] of Object.entries(p)) {
      const c = m.get(t);
      if (c === undefined) m.set(t, { tp, pred, gold });
      else {
        c.tp += tp;
        c.pred += pred;
        c.gold += gold;
      }
    }
  }
  return m;
}

/** The report of the parts together (parts in any order). */
export function finishEvaluation(parts: readonly PartialEvaluation[], mode: EvalMode, scheme: TagScheme | null, schemeGuessed: boolean): Evaluation {
  const tok = mergeTokenRaw(parts.map((p) => p.tok));
  const report: FullReport = {
    seqeval: {
      default: seqevalReport(mergeCounts(parts.map((p) => p.seqDefault))),
      strict: scheme === null ? null : seqevalReport(mergeCounts(parts.map((p) => p.seqStrict ?? {}))),
    },
    nervaluate: nervaluateResult(mergeNervaluateRaw(parts.map((p) => p.ner))),
    conlleval: conllevalResult(mergeConllevalRaw(parts.map((p) => p.conll))),
    token_accuracy: tok.tokens > 0 ? tok.correct / tok.tokens : 0,
    confusion: confusionOf(tok),
  };
  const sum = (f: (p: PartialEvaluation) => number) => parts.reduce((a, p) => a + f(p), 0);
  return { report, scheme, schemeGuessed, mode, sentences: sum((p) => p.sentences), tokens: sum((p) => p.tokens) };
}

/** Evaluates tag sequences (one array of tags per sentence). */
export function evaluateTags(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[], opts: EvaluateOptions = {}): Evaluation {
  return evaluateCorpus(encodeSequences(gold, pred), opts);
}
