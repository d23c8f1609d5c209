/**
 * The trained tagger in memory and on disk.
 *
 * On disk: `{format: 'gujnlp-perceptron', version, labels, featureConfig,
 * training, transitions, trim, weights}` with keys sorted and weights rounded to
 * 6 significant digits, zeros pruned, so that the same training gives the
 * same bytes and files stay small.
 */
import { InputError } from '../../io/errors.js';
import { contextFeatures, DEFAULT_FEATURE_CONFIG, isFeatureConfig, sentenceViews, tokenFeatures, type FeatureConfig, type TokenView } from './features.js';
import type { LangResources } from './resources.js';
import { EDGE_RULES, NO_TRIM, type EdgeRule, type EdgeTrim } from './edges.js';
import { allowedTransitions, viterbi } from './viterbi.js';
import { ContextWeights, sentenceScripts } from './context-weights.js';
import { BoundedCache } from '../bounded-cache.js';

export const MODEL_FORMAT = 'gujnlp-perceptron';
/**
 * Bump when features or the file layout change. Version 2 added the cue,
 * rules (stacking) and n-gram feature groups and the CRF learner; version 1
 * files (which have none of them) still load and tag exactly as before.
 */
export const MODEL_VERSION = 2;
const READABLE_VERSIONS: readonly unknown[] = [1, 2];
const START = '<s>';
const SIGNIFICANT_DIGITS = 6;

/** How a model was trained; recorded in the file for provenance. */
export interface TrainingInfo {
  /** `perceptron` (absent in older files) or `crf`. */
  learner?: 'perceptron' | 'crf';
  /** CRF: the L2 penalty's variance. */
  sigma2?: number;
  epochs: number;
  /** Epoch whose averaged weights were kept (the best on dev, else the last). */
  bestEpoch: number;
  seed: number;
  sentences: number;
  tokens: number;
  /** Entity F1 on the dev set at `bestEpoch`, when a dev set was given. */
  devF1?: number;
  /** Hash of the language data (gazetteers, endings) the features were computed with. */
  resources?: string;
  /** Seeds of the models averaged into this one (see averageModels). */
  seeds?: number[];
  /** Weights smaller than this in magnitude were pruned. */
  minWeight?: number;
  /** Free-form provenance: what data the model was trained on. */
  data?: string;
}

export interface PerceptronModel {
  /** `O` first, then `B-T`, `I-T` per type in sorted order. */
  labels: string[];
  featureConfig: FeatureConfig;
  training: TrainingInfo;
  /** Per feature, one weight per label. */
  weights: Map<string, Float64Array>;
  /** (L+1)×L: row p = previous label, row L = sentence start. */
  transitions: Float64Array;
  /** Which span edges to cut inside tokens (learnt from the training data; see edges.ts). */
  trim: EdgeTrim;
}

/** IOB2 label set for entity types: `O`, then B-/I- per type, types sorted. */
export function labelsForTypes(types: Iterable<string>): string[] {
  const sorted = [...new Set(types)].sort(compareStrings);
  return ['O', ...sorted.flatMap((t) => [`B-${t}`, `I-${t}`])];
}

/** Code-unit order: locale-independent, so files sort the same everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rounds a weight as stored in model files (6 significant digits, no -0). */
export function roundWeight(x: number): number {
  const r = Number(x.toPrecision(SIGNIFICANT_DIGITS));
  return r === 0 ? 0 : r; // no -0
}

/** Serialises a model: stable bytes for the same weights (sorted keys, fixed rounding). */
export function serializeModel(model: PerceptronModel): string {
  const { labels } = model;
  const L = labels.length;
  const row = (ws: Float64Array, offset: number): Record<string, number> | undefined => {
    const o: Record<string, number> = {};
    let any = false;
    for (let c = 0; c < L; c++) {
      const r = roundWeight(ws[offset + c]);
      if (r !== 0) {
        o[labels[c]] = r;
        any = true;
      }
    }
    return any ? o : undefined;
  };
  const transitions: Record<string, Record<string, number>> = {};
  const rowNames = [...labels, START];
  const rowOrder = rowNames.map((name, p) => ({ name, p })).sort((a, b) => compareStrings(a.name, b.name));
  for (const { name, p } of rowOrder) {
    const r = row(model.transitions, p * L);
    if (r) transitions[name] = sortKeys(r);
  }
  const lines: string[] = [];
  for (const f of [...model.weights.keys()].sort(compareStrings)) {
    const r = row(model.weights.get(f)!, 0);
    if (r) lines.push(`${JSON.stringify(f)}:${JSON.stringify(sortKeys(r))}`);
  }
  const head = [
    `"format":${JSON.stringify(MODEL_FORMAT)}`,
    `"version":${MODEL_VERSION}`,
    `"labels":${JSON.stringify(labels)}`,
    `"featureConfig":${JSON.stringify(sortKeys(model.featureConfig as unknown as Record<string, unknown>))}`,
    `"training":${JSON.stringify(sortKeys(model.training as unknown as Record<string, unknown>))}`,
    `"transitions":${JSON.stringify(transitions)}`,
    `"trim":${JSON.stringify(sortKeys(model.trim as unknown as Record<string, boolean>))}`,
  ];
  // one feature per line: diffable, and still plain JSON
  return `{\n${head.join(',\n')},\n"weights":{\n${lines.join(',\n')}\n}\n}\n`;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort(compareStrings)) out[k] = o[k];
  return out;
}

/** Parses a model file's text; errors name the file and say what is wrong. */
export function parseModel(text: string, file: string): PerceptronModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not a JSON model file (${(err as Error).message})`, { file });
  }
  if (typeof raw !== 'object' || raw === null) throw new InputError('not a gujnlp perceptron model (expected a JSON object)', { file });
  const m = raw as Record<string, unknown>;
  if (m.format !== MODEL_FORMAT) {
    throw new InputError(`not a gujnlp perceptron model (format is ${JSON.stringify(m.format)}, expected "${MODEL_FORMAT}")`, { file });
  }
  if (!READABLE_VERSIONS.includes(m.version)) {
    throw new InputError(
      `perceptron model version ${JSON.stringify(m.version)} is not supported: this gujnlp reads versions ${READABLE_VERSIONS.join(' and ')}; retrain the model with 'gujnlp train'`,
      { file },
    );
  }
  const labels = m.labels;
  if (!Array.isArray(labels) || labels[0] !== 'O' || !labels.every((l) => typeof l === 'string' && (l === 'O' || /^[BI]-./.test(l)))) {
    throw new InputError('bad "labels": expected ["O", "B-TYPE", "I-TYPE", ...]', { file });
  }
  const featureConfig = m.featureConfig ?? DEFAULT_FEATURE_CONFIG;
  if (!isFeatureConfig(featureConfig)) throw new InputError('bad "featureConfig"', { file });
  const L = labels.length;
  const index = new Map<string, number>(labels.map((l, i) => [l, i]));
  const readRow = (o: unknown, into: Float64Array, offset: number, what: string): void => {
    if (typeof o !== 'object' || o === null) throw new InputError(`bad weights for ${what}`, { file });
    for (const [label, w] of Object.entries(o)) {
      const c = index.get(label);
      if (c === undefined || typeof w !== 'number' || !Number.isFinite(w)) {
        throw new InputError(`bad weight for ${what}: label ${JSON.stringify(label)}`, { file });
      }
      into[offset + c] = w;
    }
  };
  const transitions = new Float64Array((L + 1) * L);
  const trans = (m.transitions ?? {}) as Record<string, unknown>;
  for (const [name, o] of Object.entries(trans)) {
    const p = name === START ? L : index.get(name);
    if (p === undefined) throw new InputError(`bad transition row ${JSON.stringify(name)}`, { file });
    readRow(o, transitions, p * L, `transition from ${name}`);
  }
  if (typeof m.weights !== 'object' || m.weights === null) throw new InputError('missing "weights"', { file });
  const weights = new Map<string, Float64Array>();
  const entries = Object.entries(m.weights as Record<string, unknown>);
  // one buffer for all rows (views into it): a buffer per row cost the tagger ~10 MB of heap
  const all = new Float64Array(entries.length * L);
  entries.forEach(([f, o], k) => {
    const ws = all.subarray(k * L, (k + 1) * L);
    readRow(o, ws, 0, `feature ${JSON.stringify(f)}`);
    weights.set(f, ws);
  });
  const training = (m.training ?? {}) as TrainingInfo;
  const trim: EdgeTrim = { ...NO_TRIM };
  if (m.trim !== undefined) {
    if (typeof m.trim !== 'object' || m.trim === null) throw new InputError('bad "trim": expected {"caseEndings": true|false, "hashtags": true|false}', { file });
    for (const [k, v] of Object.entries(m.trim)) {
      if (!(EDGE_RULES as readonly string[]).includes(k) || typeof v !== 'boolean') {
        throw new InputError(`bad "trim" entry ${JSON.stringify(k)}: expected ${EDGE_RULES.join(', ')} with true or false`, { file });
      }
      trim[k as EdgeRule] = v;
    }
  }
  return { labels: labels as string[], featureConfig, training, weights, transitions, trim };
}

/**
 * The mean of models trained on the same data with different seeds (their
 * weights averaged feature by feature, rounded as stored): steadier than any
 * one of them. Labels, features and edge rules must agree.
 */
export function averageModels(models: readonly PerceptronModel[], opts: { minWeight?: number } = {}): PerceptronModel {
  if (models.length === 0) throw new RangeError('averageModels needs at least one model');
  const first = models[0];
  const L = first.labels.length;
  for (const m of models) {
    if (m.labels.join() !== first.labels.join()) throw new RangeError('averageModels: models have different labels');
  }
  const n = models.length;
  const keys = [...new Set(models.flatMap((m) => [...m.weights.keys()]))].sort(compareStrings);
  const minWeight = opts.minWeight ?? 0;
  const weights = new Map<string, Float64Array>();
  for (const k of keys) {
    const row = new Float64Array(L);
    let any = false;
    for (let c = 0; c < L; c++) {
      let sum = 0;
      for (const m of models) sum += m.weights.get(k)?.[c] ?? 0;
      const w = roundWeight(sum / n);
      row[c] = Math.abs(w) < minWeight ? 0 : w;
      if (row[c] !== 0) any = true;
    }
    if (any) weights.set(k, row);
  }
  const transitions = first.transitions.map((_, i) => roundWeight(models.reduce((s, m) => s + m.transitions[i], 0) / n));
  const seeds = models.map((m) => m.training.seed);
  return {
    ...first,
    weights,
    transitions,
    training: { ...first.training, seed: seeds[0], ...(n > 1 ? { seeds } : {}), ...(minWeight > 0 ? { minWeight } : {}) },
  };
}

/** Emission scores n×L for one sentence's features. */
export function emissionScores(model: PerceptronModel, feats: readonly string[][]): Float64Array {
  const L = model.labels.length;
  const em = new Float64Array(feats.length * L);
  for (let i = 0; i < feats.length; i++) addWeights(model, feats[i], em, i * L);
  return em;
}

/** A model ready to tag: caches the transition constraints and per-token scores. */
export class Tagger {
  readonly model: PerceptronModel;
  private readonly allowed: Uint8Array;
  readonly resources: LangResources;
  /**
   * Summed weights of each token string's own features (see tokenFeatures):
   * tokens repeat, and building their feature strings dominated tagging time.
   * Summed in feature order, so scores are bit-identical to summing all
   * features one by one. Bounded (bounded-cache.ts), so memory stays bounded.
   */
  private readonly own = new BoundedCache<Float64Array>(16_384);

  /** The context features' weights by template and value (see context-weights.ts). */
  private readonly context: ContextWeights;

  constructor(model: PerceptronModel, resources: LangResources) {
    this.model = model;
    this.resources = resources;
    this.allowed = allowedTransitions(model.labels);
    this.context = new ContextWeights(model.weights);
  }

  private ownScores(v: TokenView): Float64Array {
    let row = this.own.get(v.token);
    if (row === undefined) {
      row = new Float64Array(this.model.labels.length);
      addWeights(this.model, tokenFeatures(v, this.model.featureConfig), row, 0);
      this.own.set(v.token, row);
    }
    return row;
  }

  /** IOB2 tags for one sentence's tokens. */
  tag(tokens: readonly string[]): string[] {
    const path = viterbi(this.emissions(tokens), tokens.length, this.model.labels.length, this.model.transitions, this.allowed);
    return Array.from(path, (c) => this.model.labels[c]);
  }

  /**
   * Tags plus the model's confidence, reading its scores as a CRF's
   * (exact for the CRF learner; a softmax over paths for the perceptron):
   * `pathProbability` of the best path among all valid IOB2 paths, and per
   * token the marginal probability of its chosen tag (forward-backward).
   */
  analyse(tokens: readonly string[]): { tags: string[]; pathProbability: number; marginals: Float64Array } {
    const n = tokens.length;
    const L = this.model.labels.length;
    if (n === 0) return { tags: [], pathProbability: 1, marginals: new Float64Array(0) };
    const em = this.emissions(tokens);
    const path = viterbi(em, n, L, this.model.transitions, this.allowed);
    const { alpha, beta, logZ } = forwardBackward(em, n, L, this.model.transitions, this.allowed);
    let best = 0;
    const marginals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = path[i];
      best += em[i * L + c] + this.model.transitions[(i === 0 ? L : path[i - 1]) * L + c];
      marginals[i] = Math.exp(alpha[i * L + c] + beta[i * L + c] - logZ);
    }
    return { tags: Array.from(path, (c) => this.model.labels[c]), pathProbability: Math.min(1, Math.exp(best - logZ)), marginals };
  }

  private emissions(tokens: readonly string[]): Float64Array {
    const config = this.model.featureConfig;
    const views = sentenceViews(tokens, config, this.resources);
    const L = this.model.labels.length;
    const em = new Float64Array(tokens.length * L);
    const scripts = sentenceScripts(views);
    for (let i = 0; i < views.length; i++) {
      em.set(this.ownScores(views[i]), i * L);
      this.context.add(views, scripts, i, config, em, i * L, L);
    }
    return em;
  }

  /** Emission scores summed feature string by feature string (what `emissions` must equal bit for bit; for tests). */
  emissionsByStrings(tokens: readonly string[]): Float64Array {
    const config = this.model.featureConfig;
    const views = sentenceViews(tokens, config, this.resources);
    const L = this.model.labels.length;
    const em = new Float64Array(tokens.length * L);
    for (let i = 0; i < views.length; i++) {
      addWeights(this.model, tokenFeatures(views[i], config), em, i * L);
      addWeights(this.model, contextFeatures(views, i, config), em, i * L);
    }
    return em;
  }

  /** The emission scores of one sentence (n×L). */
  emissionScores(tokens: readonly string[]): Float64Array {
    return this.emissions(tokens);
  }
}

/** Forward and backward log scores over valid IOB2 paths, and log Z. */
export function forwardBackward(em: Float64Array, n: number, L: number, transitions: Float64Array, allowed: Uint8Array): { alpha: Float64Array; beta: Float64Array; logZ: number } {
  const alpha = new Float64Array(n * L);
  const beta = new Float64Array(n * L);
  const tmp = new Float64Array(L);
  const tr = (p: number, c: number): number => (allowed[p * L + c] ? transitions[p * L + c] : -Infinity);
  for (let c = 0; c < L; c++) alpha[c] = tr(L, c) + em[c];
  for (let i = 1; i < n; i++) {
    for (let c = 0; c < L; c++) {
      for (let p = 0; p < L; p++) tmp[p] = alpha[(i - 1) * L + p] + tr(p, c);
      alpha[i * L + c] = logSumExp(tmp, L) + em[i * L + c];
    }
  }
  const logZ = logSumExp(alpha.subarray((n - 1) * L, n * L), L);
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < L; p++) {
      for (let c = 0; c < L; c++) tmp[c] = tr(p, c) + em[(i + 1) * L + c] + beta[(i + 1) * L + c];
      beta[i * L + p] = logSumExp(tmp, L);
    }
  }
  return { alpha, beta, logZ };
}

/** log Σ exp over the first n entries (-∞ when all are -∞). */
export function logSumExp(xs: Float64Array, n: number): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) if (xs[i] > m) m = xs[i];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(xs[i] - m);
  return m + Math.log(s);
}

function addWeights(model: PerceptronModel, feats: readonly string[], into: Float64Array, offset: number): void {
  const L = model.labels.length;
  for (const f of feats) {
    const ws = model.weights.get(f);
    if (ws === undefined) continue;
    for (let c = 0; c < L; c++) into[offset + c] += ws[c];
  }
}
