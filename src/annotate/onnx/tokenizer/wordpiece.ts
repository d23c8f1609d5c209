/**
 * WordPiece (BERT): greedy longest-match-first over code points; pieces after
 * the first carry the continuing prefix (`##`). A word with a part that no
 * piece covers, or longer than `max_input_chars_per_word`, is one unknown piece.
 */
export interface WordPieceConfig {
  vocab: ReadonlyMap<string, number>;
  unkToken: string;
  prefix: string;
  maxInputChars: number;
}

/** Pieces of one pre-tokenized part, as [piece, id] pairs. */
export function wordPiece(text: string, cfg: WordPieceConfig): Array<[string, number]> {
  const chars = Array.from(text);
  const unk = (): Array<[string, number]> => {
    const id = cfg.vocab.get(cfg.unkToken);
    if (id === undefined) throw new Error(`the WordPiece vocabulary has no unknown token ${cfg.unkToken}`);
    return [[cfg.unkToken, id]];
  };
  if (chars.length > cfg.maxInputChars) return unk();
  const out: Array<[string, number]> = [];
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    let found: [string, number] | undefined;
    while (start < end) {
      const piece = (start > 0 ? cfg.prefix : '') + chars.slice(start, end).join('');
      const id = cfg.vocab.get(piece);
      if (id !== undefined) {
        found = [piece, id];
        break;
      }
      end--;
    }
    if (!found) return unk();
    out.push(found);
    start = end;
  }
  return out;
}
