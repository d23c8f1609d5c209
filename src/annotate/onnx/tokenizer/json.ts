/** Shared bits of reading a tokenizer.json. */

/** A JSON object of tokenizer.json (its fields are checked where they are read). */
export type Json = Record<string, unknown> & { type?: unknown };

/** A tokenizer.json part gujnlp does not implement (the reason names it). */
export class UnsupportedTokenizer extends Error {}

/**
 * A tokenizers `pattern` ({String: "x"} or {Regex: "x"}) as a global JS
 * RegExp. Regexes are Oniguruma in Python; the common ones mean the same in JS.
 */
export function jsPattern(pattern: unknown, where: string): RegExp {
  const p = (pattern ?? {}) as { String?: unknown; Regex?: unknown };
  if (typeof p.String === 'string') return new RegExp(p.String.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu');
  if (typeof p.Regex === 'string') {
    try {
      return new RegExp(p.Regex, 'gu');
    } catch {
      throw new UnsupportedTokenizer(`the regex ${JSON.stringify(p.Regex)} of the ${where}`);
    }
  }
  throw new UnsupportedTokenizer(`the ${where} without a String or Regex pattern`);
}
