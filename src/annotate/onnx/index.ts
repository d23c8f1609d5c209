/**
 * NER with an ONNX token-classification model (a local Hugging Face folder),
 * aligned to gujnlp's own tokens and run exactly as Python runs it:
 *
 *   loader   model folder → onnxruntime session (via @xenova/transformers)
 *   encoder  each word → subword pieces, tokenized from tokenizer.json as Python's tokenizers does
 *   runner   sentences → windows → batches → one model label per word
 *   decoder  word labels → schema tags → entities (src/tags/decode.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Annotator } from '../annotator.js';
import type { Document, Entity } from '../../doc/types.js';
import { DEFAULT_SCHEMA } from '../../doc/types.js';
import { sentenceTokenRanges } from '../../doc/sentences.js';
import { InputError } from '../../io/errors.js';
import { isAggregation, type Aggregation } from './aggregate.js';
import { makeDecoder } from './decoder.js';
import { gujnlpEncoder, transformersEncoder, type Encoder } from './encoder.js';
import { mapLabels, schemeOfLabels, type MappedLabel } from './labels.js';
import { loadSession, loadTfTokenizer } from './loader.js';
import { inspectModelFolder, modelMaxLength, positionLimit, type ModelFolder } from './model-folder.js';
import { makeRunner } from './runner.js';
import { freshStats, type OnnxStats } from './stats.js';

export { parseLabelMap } from './labels.js';
export type { Aggregation } from './aggregate.js';
export type { OnnxStats } from './stats.js';

export interface OnnxOptions {
  /** Model label or type → schema type (or `O`), e.g. `{GPE: 'LOC'}` or `{'B-GPE': 'B-LOC'}`. */
  map?: Record<string, string>;
  /** How subword pieces' predictions become a word's label (default `first`). */
  aggregate?: Aggregation;
  /** Windows per onnxruntime call (default 32). */
  batchSize?: number;
  /** Pieces shared by consecutive windows of a long sentence (default half a window). */
  stride?: number;
  /** Input limit in pieces, special tokens included (default the model's; never more than its position embeddings). */
  maxLength?: number;
  /** Entity types of the schema (default PER, LOC, ORG, MISC). */
  labels?: readonly string[];
  /** Annotator name (default: the folder name, prefixed with `onnx-` unless it starts with `onnx`). */
  name?: string;
  /** Load model_quantized.onnx (default: model.onnx when present). */
  quantized?: boolean;
}

export interface OnnxAnnotator extends Annotator {
  readonly modelLabels: readonly string[];
  readonly mappedLabels: readonly MappedLabel[];
  /** Input limit in pieces (special tokens included). */
  readonly maxLength: number;
  /** Things about the model the user should know (printed by the CLI on stderr). */
  readonly warnings: readonly string[];
  readonly stats: OnnxStats;
  /** Who splits words into pieces: gujnlp (as Python does) or transformers.js (fallback). */
  readonly tokenizedBy: Encoder['by'];
  /** The subword pieces the model sees for a word (special tokens excluded). */
  pieces(word: string): string[];
  /** Entities of each document, sentences of all documents batched together. */
  annotateAll(docs: readonly Document[]): Promise<Entity[][]>;
  resetStats(): void;
  dispose(): Promise<void>;
}

/** Load a local model folder and return an annotator. Nothing is downloaded. */
export async function loadOnnxAnnotator(dir: string, opts: OnnxOptions = {}): Promise<OnnxAnnotator> {
  const aggregate = opts.aggregate ?? 'first';
  if (!isAggregation(aggregate)) throw new InputError(`unknown aggregation "${aggregate}": use first, max or average`);
  const batchSize = opts.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(`batch size must be a positive integer, got ${batchSize}`);
  if (!existsSync(dir)) throw new InputError('model folder not found (gujnlp runs local model folders only; nothing is downloaded)', { file: dir });

  const folder = inspectModelFolder(resolve(dir), opts.quantized);
  const where = { file: folder.dir };
  const warnings: string[] = [];
  const encoder = await makeEncoder(folder, warnings);
  const { frame } = encoder;
  const specials = frame.prefix.length + frame.suffix.length;

  const limit = positionLimit(folder.config);
  if (opts.maxLength !== undefined && limit !== undefined && opts.maxLength > limit.pieces) {
    throw new InputError(`max length ${opts.maxLength} is more than the model takes: at most ${limit.pieces} pieces (${limit.why})`, where);
  }
  const maxLength = opts.maxLength ?? modelMaxLength(folder.config, folder.tokenizerConfig);
  const capacity = maxLength - specials;
  if (!Number.isInteger(maxLength) || capacity < 1) throw new InputError(`max length ${maxLength} leaves no room for text after ${specials} special tokens`, where);
  const stride = opts.stride ?? Math.floor(capacity / 2);
  if (!Number.isInteger(stride) || stride < 0 || stride >= capacity) {
    throw new InputError(`stride must be an integer in 0..${capacity - 1} (window of ${capacity} pieces), got ${stride}`, where);
  }

  const modelLabels = folder.labels;
  const mapped = mapLabels(modelLabels, opts.labels ?? DEFAULT_SCHEMA.labels, opts.map ?? {});
  const dropped = mapped.filter((m) => m.dropped).map((m) => m.model);
  if (dropped.length > 0) warnings.push(`model labels outside the schema, predicted as O unless mapped with --map: ${dropped.join(', ')}`);
  const stem = basename(folder.dir);
  const name = opts.name ?? (stem.startsWith('onnx') ? stem : `onnx-${stem}`);

  const loaded = await loadSession(folder);
  const run = makeRunner({
    session: loaded.session,
    Tensor: loaded.Tensor,
    frame,
    padId: padIdOf(folder),
    batchSize,
    maxLength,
    stride,
    labelCount: modelLabels.length,
    aggregate,
    needProb: Uint8Array.from(mapped, (m) => (m.tag === 'O' ? 0 : 1)),
    where,
  });
  const decode = makeDecoder(modelLabels, mapped, schemeOfLabels(mapped.map((m) => m.tag)), name);
  let stats = freshStats();

  /** Entities of several documents at once: their sentences share batches. */
  async function annotateAll(docs: readonly Document[]): Promise<Entity[][]> {
    const started = performance.now();
    const tokenBase = new Int32Array(docs.length + 1);
    const groups: Int32Array[] = [];
    for (let d = 0; d < docs.length; d++) {
      tokenBase[d + 1] = tokenBase[d] + docs[d].tokens.length;
      const ranges = sentenceTokenRanges(docs[d]);
      const g = new Int32Array(2 * ranges.length);
      ranges.forEach((r, i) => {
        g[2 * i] = tokenBase[d] + r.start;
        g[2 * i + 1] = tokenBase[d] + r.end;
      });
      groups.push(g);
    }
    const tokens = docs.length === 1 ? docs[0].tokens : docs.flatMap((d) => d.tokens);
    const predictions = await run(tokens, groups.length === 1 ? groups[0] : concatInt32(groups), encoder.ids, stats);
    const out = decode({ docs, tokenBase, groups, predictions }, stats);
    stats.totalMs += performance.now() - started;
    return out;
  }

  return {
    name,
    version: folder.version,
    modelLabels,
    mappedLabels: mapped,
    warnings,
    maxLength,
    tokenizedBy: encoder.by,
    pieces: encoder.pieces,
    get stats() {
      return stats;
    },
    resetStats() {
      stats = freshStats();
    },
    async annotate(doc: Document) {
      return (await annotateAll([doc]))[0];
    },
    annotateAll,
    dispose: loaded.dispose,
  };
}

/** gujnlp's tokenizer when it implements the tokenizer.json; transformers.js's otherwise, with a warning. */
async function makeEncoder(folder: ModelFolder, warnings: string[]): Promise<Encoder> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(folder.tokenizerFile, 'utf8'));
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, { file: folder.tokenizerFile });
  }
  const own = gujnlpEncoder(json);
  if (!(own instanceof Error)) return own;
  warnings.push(
    `gujnlp does not implement ${own.message} of tokenizer.json, so transformers.js tokenizes: ` +
      'its pieces may differ from Python on some text (gujnlp runs WordPiece and Unigram tokenizers exactly as Python)',
  );
  return transformersEncoder(await loadTfTokenizer(folder));
}

/** The id padding positions carry: the model's pad_token_id, else the tokenizer's. */
function padIdOf(folder: ModelFolder): number {
  const fromConfig = folder.config.pad_token_id;
  return typeof fromConfig === 'number' && Number.isInteger(fromConfig) && fromConfig >= 0 ? fromConfig : 0;
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
