/**
 * A word tokenizer read from a Hugging Face tokenizer.json, run exactly as
 * Python's `tokenizers` runs it on a word of `is_split_into_words` input:
 * added tokens → normalizer → pre-tokenizer → model (WordPiece or Unigram).
 * The special tokens around a sequence come from the post-processor.
 *
 * Parts gujnlp does not implement (BPE models, rare normalizers) throw
 * UnsupportedTokenizer naming them.
 */
import { addedTokenMatchers, readAddedTokens, type Stretch } from './added-tokens.js';
import { UnsupportedTokenizer, type Json } from './json.js';
import { buildNormalizer } from './normalizers.js';
import { readFrame, type Frame } from './post-processor.js';
import { buildPreTokenizer } from './pre-tokenizers.js';
import { unigram, unigramModel } from './unigram.js';
import { wordPiece, type WordPieceConfig } from './wordpiece.js';

export { UnsupportedTokenizer } from './json.js';
export type { Frame } from './post-processor.js';

/** A piece and its vocabulary id. */
export type Piece = [piece: string, id: number];

export interface WordTokenizer {
  /** `WordPiece` or `Unigram`. */
  readonly model: string;
  /** Pieces of one word, special tokens excluded; [] when nothing of it is left after normalization. */
  pieces(word: string): Piece[];
  /** Special tokens around a sequence. */
  readonly frame: Frame;
  /** Id of a token by its text (vocabulary or added tokens). */
  tokenId(token: string): number | undefined;
}

export function tokenizerFromJson(json: Json): WordTokenizer {
  const normalize = buildNormalizer(json.normalizer as Json | null);
  const preTokenize = buildPreTokenizer(json.pre_tokenizer as Json | null);
  const frame = readFrame(json.post_processor as Json | null);
  const added = readAddedTokens(json.added_tokens);
  const matchers = addedTokenMatchers(added, normalize);
  const { model, encodePart, vocabId } = readModel((json.model ?? {}) as Json);
  const addedIds = new Map(added.map((t) => [t.content, t.id]));

  return {
    model,
    frame,
    tokenId: (token) => addedIds.get(token) ?? vocabId(token),
    pieces(word) {
      const out: Piece[] = [];
      for (const raw of matchers.raw.split({ text: word, first: true })) {
        if (raw.id !== undefined) {
          out.push([raw.text, raw.id]);
          continue;
        }
        for (const s of matchers.normalized.split({ text: normalize(raw.text), first: raw.first })) {
          if (s.id !== undefined) out.push([s.text, s.id]);
          else if (s.text !== '') for (const part of preTokenize([s as Stretch])) out.push(...encodePart(part.text));
        }
      }
      return out;
    },
  };
}

function readModel(m: Json): { model: string; encodePart: (text: string) => Piece[]; vocabId: (t: string) => number | undefined } {
  const type = typeof m.type === 'string' ? m.type : Array.isArray(m.vocab) ? 'Unigram' : m.merges ? 'BPE' : m.continuing_subword_prefix !== undefined ? 'WordPiece' : 'WordLevel';
  if (type === 'WordPiece') {
    if (typeof m.vocab !== 'object' || m.vocab === null) throw new UnsupportedTokenizer('a WordPiece model without a vocab');
    const cfg: WordPieceConfig = {
      vocab: new Map(Object.entries(m.vocab as Record<string, number>)),
      unkToken: String(m.unk_token ?? '[UNK]'),
      prefix: String(m.continuing_subword_prefix ?? '##'),
      maxInputChars: Number(m.max_input_chars_per_word ?? 100),
    };
    return { model: type, encodePart: (t) => wordPiece(t, cfg), vocabId: (t) => cfg.vocab.get(t) };
  }
  if (type === 'Unigram') {
    if (!Array.isArray(m.vocab)) throw new UnsupportedTokenizer('a Unigram model without a vocab list');
    const unkId = typeof m.unk_id === 'number' ? m.unk_id : null;
    const model = unigramModel(m.vocab as Array<[string, number]>, unkId, m.byte_fallback === true);
    return { model: type, encodePart: (t) => unigram(t, model), vocabId: (t) => model.ids.get(t) };
  }
  throw new UnsupportedTokenizer(`the ${type} model`);
}
