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
import { existsSync, readFileSync } from 'node:fs';
import type { Annotator } from '../annotator.js';
import type { Document, Entity } from '../../doc/types.js';
import { DEFAULT_SCHEMA } from '../../doc/types.js';
import type { TagScheme } from '../../tags/scheme.js';
import { InputError } from '../../io/errors.js';
import { decodeTags } from '../../tags/decode.js';
import { aggregateWord, isAggregation, type Aggregation, type WordLabel } from './aggregate.js';
import { mapLabels, schemeOfLabels, type MappedLabel } from './labels.js';
import { planDocument, type DocPlan } from './plan.js';
import { inspectModelFolder, labelsFromConfig, modelMaxLength, tokenizerWarnings } from './model-folder.js';

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
  /** Annotator name (default: the folder name, prefixed with `onnx-` unless it starts with `onnx`). */
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
  /** Things about the model the user should know (printed by the CLI on stderr). */
  readonly warnings: readonly string[];
  readonly stats: OnnxStats;
  /** Entities of each document, sentences of all documents batched together. */
  annotateAll(docs: readonly Document[]): Promise<Entity[][]>;
  resetStats(): void;
  dispose(): Promise<void>;
}

// The parts of @xenova/transformers used here (its bundled types are loose).
interface TfTokenizer {
  encode(text: string, pair: null, opts: { add_special_tokens: boolean }): number[];
  post_processor: ((tokens: string[], pair: null, opts: { add_special_tokens: boolean }) => { tokens: string[] }) | null;
  model: { convert_tokens_to_ids(tokens: string[]): number[] };
  pad_token_id?: number;
  model_max_length?: number;
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

const WORD_CACHE_LIMIT = 200_000;

/** Model loads run one after another (see loadOnnxAnnotator). */
let loadQueue: Promise<unknown> = Promise.resolve();
let defaultLocalPath: string | undefined;

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
  // transformers.js reads its settings from a global `env` at every file
  // access, so loads are serialised: one load's settings never leak into another's.
  const loaded = loadQueue.then(async () => {
    const { env } = tf;
    env.allowLocalModels = true;
    env.allowRemoteModels = !local && opts.allowRemote === true;
    // The file cache only holds downloads; a local folder is read as is.
    env.useFSCache = env.allowRemoteModels;
    defaultLocalPath ??= env.localModelPath;
    let modelId = dirOrHubId;
    if (folder) {
      env.localModelPath = dirname(folder.dir) + '/';
      modelId = basename(folder.dir);
    } else {
      env.localModelPath = defaultLocalPath; // a hub id: not looked up next to an earlier local model
    }
    const loadOpts = { local_files_only: !env.allowRemoteModels, quantized: folder ? folder.quantized : (opts.quantized ?? true) };
    // transformers.js console.warn()s a failed native load (an Error with its stack) before retrying
    // on wasm: caught here, so a user sees one line (the error below, or one warning if the retry works)
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    };
    try {
      const r = await Promise.all([
        tf.AutoTokenizer.from_pretrained(modelId, loadOpts) as unknown as Promise<TfTokenizer>,
        tf.AutoModelForTokenClassification.from_pretrained(modelId, loadOpts) as unknown as Promise<TfModel>,
      ]);
      for (const w of warnings) process.stderr.write(`gujnlp: onnx: ${w.split('\n')[0]}\n`);
      return r;
    } catch (e) {
      throw e instanceof InputError ? e : new InputError(`cannot load the model: ${(e as Error).message ?? e}`, { file: folder?.dir ?? dirOrHubId });
    } finally {
      console.warn = warn;
      env.allowRemoteModels = false;
      env.useFSCache = false;
    }
  });
  loadQueue = loaded.catch(() => undefined);
  const [tokenizer, model] = await loaded;
  const config = folder ? folder.config : ((model as unknown as { config: Record<string, unknown> }).config ?? {});
  const tokenizerConfig = folder ? folder.tokenizerConfig : { model_max_length: tokenizer.model_max_length };
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

  const warnings = folder ? tokenizerWarnings(JSON.parse(readFileSync(`${folder.dir}/tokenizer.json`, 'utf8'))) : [];
  const mapped = mapLabels(modelLabels, opts.labels ?? DEFAULT_SCHEMA.labels, opts.map ?? {});
  const scheme: TagScheme = schemeOfLabels(mapped.map((m) => m.tag));
  const dropped = mapped.filter((m) => m.dropped).map((m) => m.model);
  if (dropped.length > 0) {
    warnings.push(`model labels outside the schema, predicted as O unless mapped with --map: ${dropped.join(', ')}`);
  }
  const stem = folder ? basename(folder.dir) : dirOrHubId.replace(/[^\w.-]+/g, '-');
  const name = opts.name ?? (stem.startsWith('onnx') ? stem : `onnx-${stem}`);
  const version = folder ? folder.version : `hub:${dirOrHubId}`;
  const Tensor = tf.Tensor as unknown as TensorCtor;
  const L = modelLabels.length;

  const wordCache = new Map<string, Int32Array>();
  const piecesOf = (word: string): Int32Array => {
    let ids = wordCache.get(word);
    if (ids === undefined) {
      // A word longer than a window keeps its first pieces (they decide `first`).
      ids = Int32Array.from(tokenizer.encode(word, null, { add_special_tokens: false }).slice(0, capacity));
      if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
      wordCache.set(word, ids);
    }
    return ids;
  };

  const fresh = (): OnnxStats => ({
    documents: 0, sentences: 0, words: 0, windows: 0, batches: 0, pieces: 0, padding: 0, runMs: 0, totalMs: 0, dropped: {},
  });
  let stats = fresh();

  // Input buffers reused by every batch. int64 values are written as their
  // low 32-bit word through an int32 view (ids are < 2^31; the high word stays
  // 0), so no BigInt is made per element.
  const cells = batchSize * maxLength;
  const idsBuf = new BigInt64Array(cells);
  const maskBuf = new BigInt64Array(cells);
  const typeBuf = new BigInt64Array(cells); // all zeros: one segment
  const ids32 = new Int32Array(idsBuf.buffer);
  const mask32 = new Int32Array(maskBuf.buffer);
  const lowWord = endianness() === 'LE' ? 0 : 1;
  const wantsTypes = session.inputNames.includes('token_type_ids');
  const isEntity = Uint8Array.from(mapped, (m) => (m.tag === 'O' ? 0 : 1));
  const isDropped = Uint8Array.from(mapped, (m) => (m.dropped ? 1 : 0));
  const acc = new Float64Array(L);
  const word: WordLabel = { id: 0, prob: 0 };

  /** Run windows order[from..to) of the plan; write each owned token's label and probability. */
  async function runBatch(plan: DocPlan, from: number, to: number, labelIds: Int32Array, probs: Float64Array): Promise<void> {
    const { pieceOff, pieces, winFirst, winLast, owner, order } = plan;
    const B = to - from;
    let T = 0;
    for (let j = from; j < to; j++) {
      const w = order[j];
      T = Math.max(T, pieceOff[winLast[w]] - pieceOff[winFirst[w]] + specials);
    }
    const n = B * T;
    ids32.fill(0, 0, 2 * n);
    mask32.fill(0, 0, 2 * n);
    for (let b = 0; b < B; b++) {
      const w = order[from + b];
      let cell = 2 * b * T + lowWord;
      const rowStart = cell;
      for (let i = 0; i < prefixIds.length; i++, cell += 2) ids32[cell] = prefixIds[i];
      for (let i = pieceOff[winFirst[w]]; i < pieceOff[winLast[w]]; i++, cell += 2) ids32[cell] = pieces[i];
      for (let i = 0; i < suffixIds.length; i++, cell += 2) ids32[cell] = suffixIds[i];
      for (let c = rowStart; c < cell; c += 2) mask32[c] = 1;
      const len = (cell - rowStart) / 2;
      stats.pieces += len;
      stats.padding += T - len;
      if (padId !== 0) for (const end = rowStart + 2 * T; cell < end; cell += 2) ids32[cell] = padId;
    }
    const feeds: Record<string, unknown> = {
      input_ids: new Tensor('int64', idsBuf.subarray(0, n), [B, T]),
      attention_mask: new Tensor('int64', maskBuf.subarray(0, n), [B, T]),
    };
    if (wantsTypes) feeds.token_type_ids = new Tensor('int64', typeBuf.subarray(0, n), [B, T]);

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
      const w = order[from + b];
      const base = pieceOff[winFirst[w]];
      for (let k = winFirst[w]; k < winLast[w]; k++) {
        if (owner[k] !== w) continue;
        const row = b * T + prefixIds.length + pieceOff[k] - base;
        aggregateWord(data, row, pieceOff[k + 1] - pieceOff[k], L, aggregate, isEntity, acc, word);
        labelIds[k] = word.id;
        probs[k] = word.prob;
      }
    }
  }

  /**
   * Entities of several documents at once: their sentences share batches
   * (many one-sentence documents would otherwise mean one model call each).
   */
  async function annotateAll(docs: readonly Document[]): Promise<Entity[][]> {
    const started = performance.now();
    // One token list and one sentence list over all documents.
    const tokenBase = new Int32Array(docs.length + 1);
    const groupParts: Int32Array[] = [];
    for (let d = 0; d < docs.length; d++) {
      tokenBase[d + 1] = tokenBase[d] + docs[d].tokens.length;
      const g = sentenceGroups(docs[d]);
      for (let i = 0; i < g.length; i++) g[i] += tokenBase[d];
      groupParts.push(g);
    }
    const tokens = docs.length === 1 ? docs[0].tokens : docs.flatMap((d) => d.tokens);
    const groups = groupParts.length === 1 ? groupParts[0] : concatInt32(groupParts);
    const plan = planDocument(tokens, groups, piecesOf, capacity, stride);
    const labelIds = new Int32Array(tokens.length).fill(-1); // -1: no pieces → O
    const probs = new Float64Array(tokens.length);
    for (let j = 0; j < plan.windowCount; j += batchSize) {
      await runBatch(plan, j, Math.min(j + batchSize, plan.windowCount), labelIds, probs);
    }

    // Entity stretches (first to last entity tag of a sentence) of all
    // sentences, joined by an O, decoded in one call: an O ends any chunk and
    // starts none, so this gives exactly the per-sentence chunks.
    const tags: string[] = [];
    const tokenAt: number[] = [];
    for (let d = 0; d < docs.length; d++) {
      const part = groupParts[d];
      for (let g = 0; g < part.length; g += 2) {
        const first = part[g];
        const last = part[g + 1];
        let lo = -1;
        let hi = -1;
        for (let k = first; k < last; k++) {
          const id = labelIds[k];
          if (id < 0) continue;
          if (isDropped[id]) stats.dropped[modelLabels[id]] = (stats.dropped[modelLabels[id]] ?? 0) + 1;
          if (isEntity[id]) {
            if (lo < 0) lo = k;
            hi = k + 1;
          }
        }
        if (lo < 0) continue;
        for (let k = lo; k < hi; k++) {
          tags.push(labelIds[k] < 0 ? 'O' : mapped[labelIds[k]].tag);
          tokenAt.push(k);
        }
        tags.push('O');
        tokenAt.push(-1);
      }
      stats.sentences += part.length / 2;
      stats.words += docs[d].tokens.length;
      stats.documents++;
    }
    const out: Entity[][] = docs.map(() => []);
    let d = 0;
    for (const chunk of decodeTags(tags, { mode: 'default', scheme })) {
      const a = tokenAt[chunk.start];
      const b = tokenAt[chunk.end - 1] + 1;
      while (a >= tokenBase[d + 1]) d++;
      const doc = docs[d];
      let score = 0;
      for (let k = a; k < b; k++) score += probs[k];
      const start = doc.tokens[a - tokenBase[d]].start;
      const end = doc.tokens[b - 1 - tokenBase[d]].end;
      out[d].push({ start, end, label: chunk.type, text: doc.text.slice(start, end), source: name, score: score / (b - a) });
    }
    stats.totalMs += performance.now() - started;
    return out;
  }

  return {
    name,
    version,
    modelLabels,
    mappedLabels: mapped,
    warnings,
    maxLength,
    get stats() {
      return stats;
    },
    resetStats() {
      stats = fresh();
    },
    async annotate(doc: Document) {
      return (await annotateAll([doc]))[0];
    },
    annotateAll,
    async dispose() {
      await model.dispose();
    },
  };
}

/**
 * Token index ranges per sentence, flat: [first0, last0, first1, last1, ...].
 * Tokens outside every sentence (documents without sentence spans) form
 * runs of their own.
 */
export function sentenceGroups(doc: Document): Int32Array {
  const { tokens, sentences } = doc;
  const out = new Int32Array(2 * tokens.length);
  let o = 0;
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
    out[o++] = first;
    out[o++] = i;
  }
  return out.subarray(0, o);
}

function concatInt32(parts: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
