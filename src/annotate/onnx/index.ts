/**
 * NER with any ONNX token-classification model (a Hugging Face folder) run
 * through @xenova/transformers, aligned to gujnlp's own tokens.
 *
 * Per sentence, each gujnlp token is split into subword pieces by the
 * model's tokenizer; pieces are labelled by the model (batched, long
 * sentences in overlapping windows), mapped back to tokens (`first`, `max`,
 * `average`), mapped onto the label schema, and decoded into entities.
 */
import { endianness } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { Annotator } from '../annotator.js';
import type { Document, Entity } from '../../doc/types.js';
import { DEFAULT_SCHEMA } from '../../doc/types.js';
import type { TagScheme } from '../../tags/scheme.js';
import { InputError } from '../../io/errors.js';
import { decodeTags } from '../../tags/decode.js';
import { aggregateWord, isAggregation, type Aggregation } from './aggregate.js';
import { mapLabels, schemeOfLabels, type MappedLabel } from './labels.js';
import { planWindows, type Window } from './windows.js';
import { inspectModelFolder, labelsFromConfig, modelMaxLength } from './model-folder.js';

export { parseLabelMap } from './labels.js';
export type { Aggregation } from './aggregate.js';

export interface OnnxOptions {
  /** Model label or type → schema type (or `O`), e.g. `{GPE: 'LOC'}` or `{'B-GPE': 'B-LOC'}`. */
  map?: Record<string, string>;
  /** Allow a hub id and downloads (never used by tests or defaults). */
  allowRemote?: boolean;
  /** How subword pieces' predictions become a word's label (default `first`). */
  aggregate?: Aggregation;
  /** Windows per onnxruntime call (default 32). */
  batchSize?: number;
  /** Pieces shared by consecutive windows of a long sentence (default half a window). */
  stride?: number;
  /** Override the model's input limit (pieces, special tokens included). */
  maxLength?: number;
  /** Entity types of the schema (default PER, LOC, ORG, MISC). */
  labels?: readonly string[];
  /** Annotator name (default `onnx-<folder name>`). */
  name?: string;
  /** Load onnx/model_quantized.onnx (default: model.onnx when present). */
  quantized?: boolean;
}

/** Counters since load (or the last `resetStats`), for benchmarks and reports. */
export interface OnnxStats {
  documents: number;
  sentences: number;
  words: number;
  /** Model inputs: one per sentence, more for sentences split into windows. */
  windows: number;
  batches: number;
  /** Subword pieces fed to the model (special tokens included, padding excluded). */
  pieces: number;
  /** Padding positions added to batch sentences of unequal length. */
  padding: number;
  /** Wall time inside onnxruntime's session.run, ms. */
  runMs: number;
  /** Wall time inside annotate(), ms. */
  totalMs: number;
  /** Word predictions whose model label is outside the schema, by model label. */
  dropped: Record<string, number>;
}

export interface OnnxAnnotator extends Annotator {
  readonly modelLabels: readonly string[];
  readonly mappedLabels: readonly MappedLabel[];
  /** Input limit in pieces (special tokens included). */
  readonly maxLength: number;
  readonly stats: OnnxStats;
  resetStats(): void;
  dispose(): Promise<void>;
}

// The parts of @xenova/transformers used here (its bundled types are loose).
interface TfTokenizer {
  encode(text: string, pair: null, opts: { add_special_tokens: boolean }): number[];
  post_processor: ((tokens: string[], pair: null, opts: { add_special_tokens: boolean }) => { tokens: string[] }) | null;
  model: { convert_tokens_to_ids(tokens: string[]): number[] };
  pad_token_id?: number;
}
interface OrtTensor {
  data: ArrayLike<number>;
  dims: number[];
}
interface OrtSession {
  inputNames: string[];
  outputNames: string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
}
interface TfModel {
  session: OrtSession;
  dispose(): Promise<unknown>;
}
type TensorCtor = new (type: string, data: BigInt64Array, dims: number[]) => unknown;

/** One model input: words [start, end) of a sentence. */
interface Job {
  /** Index into the document's tokens of the sentence's first token. */
  tokenBase: number;
  window: Window;
  /** Which words of the window this job labels (the owner plan). */
  owned: Uint8Array;
  /** Piece ids of the window's words, specials excluded. */
  ids: number[];
  /** Piece count of each word of the window. */
  counts: number[];
}

const WORD_CACHE_LIMIT = 200_000;

/**
 * Load a model folder (or, with `allowRemote`, a hub id) and return an
 * annotator. Local folders are read from disk only: nothing is downloaded.
 */
export async function loadOnnxAnnotator(dirOrHubId: string, opts: OnnxOptions = {}): Promise<OnnxAnnotator> {
  const aggregate = opts.aggregate ?? 'first';
  if (!isAggregation(aggregate)) throw new InputError(`unknown aggregation "${aggregate}": use first, max or average`);
  const batchSize = opts.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(`batch size must be a positive integer, got ${batchSize}`);

  const local = existsSync(dirOrHubId);
  if (!local && !opts.allowRemote) {
    throw new InputError('model folder not found (to download a hub model by id, pass --allow-remote)', { file: dirOrHubId });
  }
  const folder = local ? inspectModelFolder(resolve(dirOrHubId), opts.quantized) : null;

  // Heavy import (onnxruntime, sharp): only when an ONNX model is used.
  const tf = await import('@xenova/transformers');
  const { env } = tf;
  env.allowLocalModels = true;
  env.allowRemoteModels = !local && opts.allowRemote === true;
  // The file cache only holds downloads; a local folder is read as is.
  env.useFSCache = env.allowRemoteModels;
  let modelId = dirOrHubId;
  if (folder) {
    env.localModelPath = dirname(folder.dir) + '/';
    modelId = basename(folder.dir);
  }
  const loadOpts = { local_files_only: !env.allowRemoteModels, quantized: folder ? folder.quantized : (opts.quantized ?? true) };
  const [tokenizer, model] = await Promise.all([
    tf.AutoTokenizer.from_pretrained(modelId, loadOpts) as unknown as Promise<TfTokenizer>,
    tf.AutoModelForTokenClassification.from_pretrained(modelId, loadOpts) as unknown as Promise<TfModel>,
  ]);
  const config = folder ? folder.config : ((model as unknown as { config: Record<string, unknown> }).config ?? {});
  const tokenizerConfig = folder ? folder.tokenizerConfig : {};
  const modelLabels = folder ? folder.labels : labelsFromConfig(config, `${dirOrHubId}/config.json`);
  const where = { file: folder ? folder.dir : dirOrHubId };

  const session = model.session;
  for (const name of session.inputNames) {
    if (!['input_ids', 'attention_mask', 'token_type_ids'].includes(name)) {
      throw new InputError(`the ONNX model wants an input "${name}"; only input_ids, attention_mask and token_type_ids are supported`, where);
    }
  }
  if (!session.inputNames.includes('input_ids')) throw new InputError('the ONNX model has no input_ids input', where);
  const outputName = session.outputNames.includes('logits') ? 'logits' : session.outputNames[0];

  // Special tokens around one sequence, as the tokenizer's post-processor adds them.
  const SENTINEL = '\u0000gujnlp\u0000';
  const framed = tokenizer.post_processor ? tokenizer.post_processor([SENTINEL], null, { add_special_tokens: true }).tokens : [SENTINEL];
  const at = framed.indexOf(SENTINEL);
  const prefixIds = tokenizer.model.convert_tokens_to_ids(framed.slice(0, at));
  const suffixIds = tokenizer.model.convert_tokens_to_ids(framed.slice(at + 1));
  const specials = prefixIds.length + suffixIds.length;
  const padId = tokenizer.pad_token_id ?? 0;

  const maxLength = opts.maxLength ?? modelMaxLength(config, tokenizerConfig);
  const capacity = maxLength - specials;
  if (!Number.isInteger(maxLength) || capacity < 1) throw new InputError(`max length ${maxLength} leaves no room for text after ${specials} special tokens`, where);
  const stride = opts.stride ?? Math.floor(capacity / 2);
  if (!Number.isInteger(stride) || stride < 0 || stride >= capacity) {
    throw new InputError(`stride must be an integer in 0..${capacity - 1} (window of ${capacity} pieces), got ${stride}`, where);
  }

  const mapped = mapLabels(modelLabels, opts.labels ?? DEFAULT_SCHEMA.labels, opts.map ?? {});
  const scheme: TagScheme = schemeOfLabels(mapped.map((m) => m.tag));
  const name = opts.name ?? `onnx-${folder ? basename(folder.dir) : dirOrHubId.replace(/[^\w.-]+/g, '-')}`;
  const version = folder ? folder.version : `hub:${dirOrHubId}`;
  const Tensor = tf.Tensor as unknown as TensorCtor;
  const littleEndian = endianness() === 'LE';
  const L = modelLabels.length;

  const wordCache = new Map<string, number[]>();
  const piecesOf = (word: string): number[] => {
    let ids = wordCache.get(word);
    if (ids === undefined) {
      ids = tokenizer.encode(word, null, { add_special_tokens: false });
      // A word longer than a window keeps its first pieces (they decide `first`).
      if (ids.length > capacity) ids = ids.slice(0, capacity);
      if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
      wordCache.set(word, ids);
    }
    return ids;
  };

  const fresh = (): OnnxStats => ({
    documents: 0, sentences: 0, words: 0, windows: 0, batches: 0, pieces: 0, padding: 0, runMs: 0, totalMs: 0, dropped: {},
  });
  let stats = fresh();

  /** int64 tensor data, written through an int32 view when little-endian (no BigInt per element). */
  const newInt64 = (n: number) => {
    const data = new BigInt64Array(n);
    const i32 = littleEndian ? new Int32Array(data.buffer) : null;
    const set = i32
      ? (i: number, v: number) => { i32[2 * i] = v; }
      : (i: number, v: number) => { data[i] = BigInt(v); };
    return { data, set };
  };

  async function runBatch(jobs: Job[], labelIds: Int32Array, probs: Float64Array, scratch: Float64Array): Promise<void> {
    const B = jobs.length;
    let T = 0;
    for (const j of jobs) T = Math.max(T, j.ids.length + specials);
    const ids = newInt64(B * T);
    const mask = newInt64(B * T);
    for (let b = 0; b < B; b++) {
      const row = b * T;
      let t = 0;
      for (const id of prefixIds) ids.set(row + t++, id);
      for (const id of jobs[b].ids) ids.set(row + t++, id);
      for (const id of suffixIds) ids.set(row + t++, id);
      for (let u = 0; u < t; u++) mask.set(row + u, 1);
      if (padId !== 0) while (t < T) ids.set(row + t++, padId);
    }
    const feeds: Record<string, unknown> = {
      input_ids: new Tensor('int64', ids.data, [B, T]),
      attention_mask: new Tensor('int64', mask.data, [B, T]),
    };
    if (session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new Tensor('int64', new BigInt64Array(B * T), [B, T]);

    const t0 = performance.now();
    const out = await session.run(feeds);
    stats.runMs += performance.now() - t0;

    const logits = out[outputName];
    if (!logits || logits.dims.length !== 3 || logits.dims[0] !== B || logits.dims[1] !== T || logits.dims[2] !== L) {
      throw new InputError(`model output ${outputName} has shape [${logits?.dims.join(', ')}], expected [${B}, ${T}, ${L}] (one score per label of id2label)`, where);
    }
    const data = logits.data;
    stats.batches++;
    stats.windows += B;
    for (let b = 0; b < B; b++) {
      const job = jobs[b];
      stats.pieces += job.ids.length + specials;
      stats.padding += T - job.ids.length - specials;
      let row = b * T + prefixIds.length;
      for (let w = 0; w < job.counts.length; w++) {
        const count = job.counts[w];
        if (job.owned[w] && count > 0) {
          const k = job.tokenBase + job.window.start + w;
          const { id, prob } = aggregateWord(data, row, count, L, aggregate, scratch);
          labelIds[k] = id;
          probs[k] = prob;
        }
        row += count;
      }
    }
  }

  async function annotate(doc: Document): Promise<Entity[]> {
    const started = performance.now();
    const groups = sentenceGroups(doc);
    const n = doc.tokens.length;
    const labelIds = new Int32Array(n).fill(-1); // -1: no pieces → O
    const probs = new Float64Array(n).fill(1);
    const jobs: Job[] = [];
    for (const [first, last] of groups) {
      const wordIds = doc.tokens.slice(first, last).map((t) => piecesOf(t.text));
      const counts = wordIds.map((w) => w.length);
      const total = counts.reduce((a, b) => a + b, 0);
      if (total === 0) continue;
      const plan = total <= capacity
        ? { windows: [{ start: 0, end: counts.length }], owner: new Array<number>(counts.length).fill(0) }
        : planWindows(counts, capacity, stride);
      plan.windows.forEach((window, wi) => {
        const owned = new Uint8Array(window.end - window.start);
        const ids: number[] = [];
        for (let i = window.start; i < window.end; i++) {
          owned[i - window.start] = plan.owner[i] === wi ? 1 : 0;
          for (const id of wordIds[i]) ids.push(id);
        }
        jobs.push({ tokenBase: first, window, owned, ids, counts: counts.slice(window.start, window.end) });
      });
    }
    // Similar lengths together: less padding per batch.
    jobs.sort((a, b) => a.ids.length - b.ids.length);
    const scratch = new Float64Array(2 * L);
    for (let i = 0; i < jobs.length; i += batchSize) await runBatch(jobs.slice(i, i + batchSize), labelIds, probs, scratch);

    const entities: Entity[] = [];
    for (const [first, last] of groups) {
      const tags = new Array<string>(last - first);
      for (let k = first; k < last; k++) {
        const id = labelIds[k];
        if (id < 0) {
          tags[k - first] = 'O';
          continue;
        }
        const m = mapped[id];
        if (m.dropped) stats.dropped[m.model] = (stats.dropped[m.model] ?? 0) + 1;
        tags[k - first] = m.tag;
      }
      for (const chunk of decodeTags(tags, { mode: 'default', scheme })) {
        const a = first + chunk.start;
        const b = first + chunk.end;
        let score = 0;
        for (let k = a; k < b; k++) score += probs[k];
        const start = doc.tokens[a].start;
        const end = doc.tokens[b - 1].end;
        entities.push({ start, end, label: chunk.type, text: doc.text.slice(start, end), source: name, score: score / (b - a) });
      }
      stats.words += last - first;
    }
    stats.sentences += groups.length;
    stats.documents++;
    stats.totalMs += performance.now() - started;
    return entities;
  }

  return {
    name,
    version,
    modelLabels,
    mappedLabels: mapped,
    maxLength,
    get stats() {
      return stats;
    },
    resetStats() {
      stats = fresh();
    },
    annotate,
    async dispose() {
      await model.dispose();
    },
  };
}

/**
 * Token index ranges [first, last) per sentence. Tokens outside every
 * sentence (documents without sentence spans) form runs of their own.
 */
export function sentenceGroups(doc: Document): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  const { tokens, sentences } = doc;
  let s = 0;
  let i = 0;
  while (i < tokens.length) {
    while (s < sentences.length && sentences[s].end <= tokens[i].start) s++;
    const sent = s < sentences.length && sentences[s].start <= tokens[i].start ? sentences[s] : null;
    const first = i;
    if (sent) {
      while (i < tokens.length && tokens[i].end <= sent.end) i++;
      if (i === first) i++; // a token crossing the sentence end: keep it alone rather than loop
    } else {
      const nextStart = s < sentences.length ? sentences[s].start : Infinity;
      while (i < tokens.length && tokens[i].start < nextStart) i++;
    }
    groups.push([first, i]);
  }
  return groups;
}
