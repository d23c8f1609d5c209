/**
 * Agreement between two annotations of the same tokens: Cohen's kappa on
 * token tags (full tags, B-PER ≠ I-PER) and on token types (prefixes
 * ignored), and pairwise entity F1 per type (exact span and type; F1 is
 * symmetric, so it does not matter which side is "gold").
 *
 * kappa = (p_o − p_e) / (1 − p_e), p_o = observed agreement, p_e = Σ_k
 * pA(k)·pB(k) from each annotator's own label distribution (Cohen 1960).
 * When p_e = 1 (both used one and the same label throughout) kappa is 1 if
 * they agree everywhere, as sklearn's cohen_kappa_score would give NaN.
 */
import { ChunkList, addMatches } from './chunks.js';
import { chunkDefault, PO, tagInfo } from '../tags/decode.js';
import { encodeSequences, type TagCorpus } from './corpus.js';
import { applyLabelMapping, type LabelMapping } from './mapping.js';
import { compareCodePoints } from './order.js';
import { f1FromCounts } from './prf.js';

export interface PairF1 {
  /** Entities of A, of B, and in both. */
  a: number;
  b: number;
  both: number;
  f1: number;
}

export interface AgreementReport {
  tokens: number;
  /** Share of tokens with the same tag. */
  observed: number;
  kappa: number;
  /** Kappa over entity types per token (O, PER, ...; prefixes ignored). */
  kappa_types: number;
  entities: { overall: PairF1; types: Record<string, PairF1> };
}

/** Cohen's kappa from a square matrix of counts (rows A, columns B). */
export function cohenKappa(m: Float64Array, k: number): { observed: number; kappa: number } {
  let total = 0;
  let diag = 0;
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const x = m[i * k + j];
      total += x;
      rows[i] += x;
      cols[j] += x;
      if (i === j) diag += x;
    }
  }
  if (total === 0) return { observed: 0, kappa: 0 };
  const po = diag / total;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (rows[i] / total) * (cols[i] / total);
  const kappa = pe === 1 ? (po === 1 ? 1 : 0) : (po - pe) / (1 - pe);
  return { observed: po, kappa };
}

const pairF1 = (a: number, b: number, both: number): PairF1 => ({ a, b, both, f1: f1FromCounts(both, a, b) });

/** Agreement of an encoded corpus (gold = annotator A, pred = annotator B). */
export function agreementOfCorpus(c0: TagCorpus, mapping: LabelMapping = {}): AgreementReport {
  const c = applyLabelMapping(c0, mapping);
  const info = tagInfo(c.tags);
  const k = c.tags.length;
  const nT = info.types.length;
  const tagM = new Float64Array(k * k);
  const typeM = new Float64Array(nT * nT);
  const typeOf = (id: number) => (info.prefix[id] === PO ? 0 : info.type[id]);
  for (let i = 0; i < c.gold.length; i++) {
    tagM[c.gold[i] * k + c.pred[i]]++;
    typeM[typeOf(c.gold[i]) * nT + typeOf(c.pred[i])]++;
  }
  const tagK = cohenKappa(tagM, k);
  const typeK = cohenKappa(typeM, nT);
  const a = new Float64Array(nT);
  const b = new Float64Array(nT);
  const both = new Float64Array(nT);
  const ga = new ChunkList();
  const gb = new ChunkList();
  for (let s = 0; s + 1 < c.sentStart.length; s++) {
    ga.clear();
    gb.clear();
    chunkDefault(c.gold, c.sentStart[s], c.sentStart[s + 1], info.prefix, info.type, 0, ga.push);
    chunkDefault(c.pred, c.sentStart[s], c.sentStart[s + 1], info.prefix, info.type, 0, gb.push);
    for (let i = 0; i < ga.n; i++) a[ga.type[i]]++;
    for (let i = 0; i < gb.n; i++) b[gb.type[i]]++;
    addMatches(ga, gb, both);
  }
  const types: Record<string, PairF1> = {};
  const ids = [...info.types.keys()].filter((t) => a[t] > 0 || b[t] > 0);
  ids.sort((x, y) => compareCodePoints(info.types[x], info.types[y]));
  let sa = 0;
  let sb = 0;
  let sboth = 0;
  for (const t of ids) {
    types[info.types[t]] = pairF1(a[t], b[t], both[t]);
    sa += a[t];
    sb += b[t];
    sboth += both[t];
  }
  return { tokens: c.gold.length, observed: tagK.observed, kappa: tagK.kappa, kappa_types: typeK.kappa, entities: { overall: pairF1(sa, sb, sboth), types } };
}

/** Agreement of two annotators' tag sequences over the same sentences. */
export function agreement(a: readonly (readonly string[])[], b: readonly (readonly string[])[], mapping: LabelMapping = {}): AgreementReport {
  return agreementOfCorpus(encodeSequences(a, b), mapping);
}
