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
