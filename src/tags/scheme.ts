/** Token tagging schemes for entity spans (as named by seqeval and nervaluate). */
export const TAG_SCHEMES = ['IOB1', 'IOB2', 'IOE1', 'IOE2', 'IOBES', 'BILOU'] as const;
export type TagScheme = (typeof TAG_SCHEMES)[number];

export function isTagScheme(s: string): s is TagScheme {
  return (TAG_SCHEMES as readonly string[]).includes(s);
}

/** An entity over token positions of one sentence: tokens [start, end). */
export interface Chunk {
  type: string;
  start: number;
  end: number;
}

/**
 * How an entity span that does not fall on token boundaries becomes tags
 * (spaCy's alignment_mode): `expand` tags every token it touches,
 * `contract` only tokens wholly inside it, `strict` refuses.
 */
export const ALIGN_MODES = ['expand', 'contract', 'strict'] as const;
export type AlignMode = (typeof ALIGN_MODES)[number];

export function isAlignMode(s: string): s is AlignMode {
  return (ALIGN_MODES as readonly string[]).includes(s);
}
