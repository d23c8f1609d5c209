/**
 * Unigram (SentencePiece, XLM-R): the segmentation with the highest sum of
 * piece scores (Viterbi), as tokenizers' `encode_optimized`: a code point no
 * piece starts with costs min_score − 10 as an unknown piece; consecutive
 * unknown pieces are fused into one; ties keep the path found first.
 * Pieces are matched by code point, so astral characters (emoji, flags)
 * match like any other (transformers.js 2.17 mixes code points and UTF-16
 * units there and never matches them).
 */
export interface UnigramConfig {
  /** Piece → id (the last of duplicate pieces wins, as in tokenizers). */
  ids: ReadonlyMap<string, number>;
  scores: Float64Array;
  unkId: number | null;
  byteFallback: boolean;
}

export interface UnigramModel extends UnigramConfig {
  minScore: number;
  /** Longest piece, in code points. */
  maxChars: number;
}

const UNK_PENALTY = 10;

export function unigramModel(vocab: ReadonlyArray<readonly [string, number]>, unkId: number | null, byteFallback: boolean): UnigramModel {
  const ids = new Map<string, number>();
  const scores = new Float64Array(vocab.length);
  let minScore = Infinity;
  let maxChars = 0;
  vocab.forEach(([piece, score], id) => {
    ids.set(piece, id);
    scores[id] = score;
    if (score < minScore) minScore = score;
    let n = 0;
    for (const _ of piece) n++;
    if (n > maxChars) maxChars = n;
  });
  return { ids, scores, unkId, byteFallback, minScore, maxChars };
}

/** Pieces of one pre-tokenized part, as [piece, id] pairs. */
export function unigram(text: string, m: UnigramModel): Array<[string, number]> {
  if (text === '') return [];
  // UTF-16 offset of each code point (and of the end).
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    at.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) i++;
  }
  const n = at.length;
  at.push(text.length);
  const best = new Float64Array(n + 1);
  const from = new Int32Array(n + 1).fill(-1);
  const pieceId = new Int32Array(n + 1);
  const unkScore = m.minScore - UNK_PENALTY;
  for (let s = 0; s < n; s++) {
    const here = best[s];
    let single = false;
    for (let e = s + 1; e <= Math.min(n, s + m.maxChars); e++) {
      const id = m.ids.get(text.slice(at[s], at[e]));
      if (id === undefined) continue;
      const score = m.scores[id] + here;
      if (from[e] < 0 || score > best[e]) {
        best[e] = score;
        from[e] = s;
        pieceId[e] = id;
      }
      if (e === s + 1) single = true;
    }
    if (!single) {
      if (m.unkId === null) throw new Error(`no piece for ${JSON.stringify(text.slice(at[s], at[s + 1]))} and the Unigram model has no unk_id`);
      const score = unkScore + here;
      if (from[s + 1] < 0 || score > best[s + 1]) {
        best[s + 1] = score;
        from[s + 1] = s;
        pieceId[s + 1] = m.unkId;
      }
    }
  }
  // Back from the end; runs of unknown pieces become one piece.
  const pieces: string[] = [];
  let unknown = '';
  for (let e = n; e > 0; e = from[e]) {
    const piece = text.slice(at[from[e]], at[e]);
    if (pieceId[e] === m.unkId) {
      unknown = piece + unknown;
    } else {
      if (unknown !== '') pieces.push(unknown);
      unknown = '';
      pieces.push(piece);
    }
  }
  if (unknown !== '') pieces.push(unknown);
  pieces.reverse();
  return pieces.flatMap((p) => idsOf(p, m));
}

function idsOf(piece: string, m: UnigramModel): Array<[string, number]> {
  const id = m.ids.get(piece);
  if (id !== undefined) return [[piece, id]];
  if (m.byteFallback) {
    const bytes = Array.from(Buffer.from(piece, 'utf8'), (b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    const byteIds = bytes.map((b) => m.ids.get(b));
    if (byteIds.every((x) => x !== undefined)) return bytes.map((b, i) => [b, byteIds[i]!]);
  }
  return [[piece, m.unkId!]];
}
