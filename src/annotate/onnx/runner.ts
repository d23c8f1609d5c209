/**
 * Running the model over the words of many sentences: windows (long
 * sentences split with overlap, see plan.ts and windows.ts), batches of
 * windows packed into int64 tensors, and each word's label read back from
 * the logits of its pieces (aggregate.ts).
 */
import { endianness } from 'node:os';
import type { Token } from '../../doc/types.js';
import { InputError } from '../../io/errors.js';
import { aggregateWord, type Aggregation, type WordLabel } from './aggregate.js';
import type { OrtSession, TensorCtor } from './loader.js';
import { planDocument, type DocPlan } from './plan.js';
import type { OnnxStats } from './stats.js';
import type { Frame } from './tokenizer/index.js';

export interface RunnerConfig {
  session: OrtSession;
  Tensor: TensorCtor;
  frame: Frame;
  padId: number;
  batchSize: number;
  /** Input limit in pieces, special tokens included. */
  maxLength: number;
  /** Pieces shared by consecutive windows of a long sentence. */
  stride: number;
  /** Number of model labels (size of the logits' last axis). */
  labelCount: number;
  aggregate: Aggregation;
  /** 1 for model label ids whose probability is wanted (entity labels). */
  needProb: Uint8Array;
  /** Where errors point (the model folder). */
  where: { file?: string };
}

/** Model label id (-1: the word has no pieces) and its probability for every token. */
export interface WordPredictions {
  labelIds: Int32Array;
  probs: Float64Array;
}

export type Runner = (tokens: readonly Token[], groups: Int32Array, idsOf: (word: string) => Int32Array, stats: OnnxStats) => Promise<WordPredictions>;

export function makeRunner(cfg: RunnerConfig): Runner {
  const { session, Tensor, frame, padId, batchSize, maxLength, labelCount: L, where } = cfg;
  for (const name of session.inputNames) {
    if (!['input_ids', 'attention_mask', 'token_type_ids'].includes(name)) {
      throw new InputError(`the ONNX model wants an input "${name}"; only input_ids, attention_mask and token_type_ids are supported`, where);
    }
  }
  if (!session.inputNames.includes('input_ids')) throw new InputError('the ONNX model has no input_ids input', where);
  const outputName = session.outputNames.includes('logits') ? 'logits' : session.outputNames[0];
  const specials = frame.prefix.length + frame.suffix.length;
  const capacity = maxLength - specials;

  // Input buffers reused by every batch. int64 values are written as their
  // low 32-bit word through an int32 view (ids are < 2^31; the high word stays
  // 0), so no BigInt is made per element.
  const cells = batchSize * maxLength;
  const idsBuf = new BigInt64Array(cells);
  const maskBuf = new BigInt64Array(cells);
  const typeBuf = new BigInt64Array(cells);
  const ids32 = new Int32Array(idsBuf.buffer);
  const mask32 = new Int32Array(maskBuf.buffer);
  const type32 = new Int32Array(typeBuf.buffer);
  const lowWord = endianness() === 'LE' ? 0 : 1;
  const wantsTypes = session.inputNames.includes('token_type_ids');
  const typed = wantsTypes && [...frame.prefixTypes, frame.typeId, ...frame.suffixTypes].some((t) => t !== 0);
  const acc = new Float64Array(L);
  const word: WordLabel = { id: 0, prob: 0 };

  /** Run windows order[from..to) of the plan; write each owned token's label and probability. */
  async function runBatch(plan: DocPlan, from: number, to: number, out: WordPredictions, stats: OnnxStats): Promise<void> {
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
    if (typed) type32.fill(0, 0, 2 * n);
    for (let b = 0; b < B; b++) {
      const w = order[from + b];
      let cell = 2 * b * T + lowWord;
      const rowStart = cell;
      for (let i = 0; i < frame.prefix.length; i++, cell += 2) {
        ids32[cell] = frame.prefix[i];
        if (typed) type32[cell] = frame.prefixTypes[i];
      }
      for (let i = pieceOff[winFirst[w]]; i < pieceOff[winLast[w]]; i++, cell += 2) {
        ids32[cell] = pieces[i];
        if (typed) type32[cell] = frame.typeId;
      }
      for (let i = 0; i < frame.suffix.length; i++, cell += 2) {
        ids32[cell] = frame.suffix[i];
        if (typed) type32[cell] = frame.suffixTypes[i];
      }
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
    const result = await session.run(feeds);
    stats.runMs += performance.now() - t0;

    const logits = result[outputName];
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
        const row = b * T + frame.prefix.length + pieceOff[k] - base;
        aggregateWord(data, row, pieceOff[k + 1] - pieceOff[k], L, cfg.aggregate, cfg.needProb, acc, word);
        out.labelIds[k] = word.id;
        out.probs[k] = word.prob;
      }
    }
  }

  return async (tokens, groups, idsOf, stats) => {
    // A word longer than a window keeps its first pieces (they decide `first`).
    const capped = (text: string) => {
      const ids = idsOf(text);
      return ids.length > capacity ? ids.subarray(0, capacity) : ids;
    };
    const plan = planDocument(tokens, groups, capped, capacity, cfg.stride);
    const out: WordPredictions = { labelIds: new Int32Array(tokens.length).fill(-1), probs: new Float64Array(tokens.length) };
    for (let j = 0; j < plan.windowCount; j += batchSize) await runBatch(plan, j, Math.min(j + batchSize, plan.windowCount), out, stats);
    return out;
  };
}
