/**
 * The language knowledge the tagger's features use, behind one small
 * interface so tests can pass their own and the data lives elsewhere
 * (normaliser, case endings and gazetteers of the rules model).
 */
export interface LangResources {
  /** Short hash of the data behind these functions, recorded in trained models. */
  readonly id?: string;
  /** Lookup key of a token (same string for spelling variants). */
  normalize(token: string): string;
  /** The written token split into stem and case ending (ending '' when it has none). */
  splitEnding(token: string): { stem: string; ending: string };
  /** Per token, the gazetteer memberships (e.g. `B-LOC`, `I-PER`); [] when none. */
  gazetteer(tokens: readonly string[]): string[][];
  /** Cue lists the token (or its stem) is in (`title`, `orgHead`, `common`, ...); [] when none. */
  cues?(token: string): string[];
  /**
   * Per token, what the rules annotator says of the sentence (stacking):
   * `B-PER`/`I-PER` for its chosen entities, `title:B-PER` etc. for every
   * candidate of each rule, chosen or not.
   */
  rules?(tokens: readonly string[]): string[][];
}

/** Resources that know nothing: raw tokens, no endings, no gazetteers. */
export const NO_RESOURCES: LangResources = {
  normalize: (t) => t,
  splitEnding: (t) => ({ stem: t, ending: '' }),
  gazetteer: (tokens) => tokens.map(() => []),
};
