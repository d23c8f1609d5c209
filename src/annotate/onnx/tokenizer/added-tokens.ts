/**
 * The added (special) tokens of a tokenizer.json, found in a word before it
 * is normalized (`normalized: false`, e.g. `<s>`, `[CLS]`) or after
 * (`normalized: true`), as tokenizers' AddedVocabulary does: leftmost-longest
 * matches; `single_word` ones only between non-word characters; `lstrip` /
 * `rstrip` take the whitespace beside them.
 */
import type { Json } from './json.js';
import type { Normalize } from './normalizers.js';

export interface AddedToken {
  id: number;
  content: string;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
}

/** A stretch of a word: plain text, or an added token's id. */
export interface Stretch {
  text: string;
  id?: number;
  /** Starts at the word's first character. */
  first: boolean;
}

export function readAddedTokens(list: unknown): AddedToken[] {
  if (!Array.isArray(list)) return [];
  return (list as Json[])
    .filter((t) => typeof t.content === 'string' && t.content !== '' && Number.isInteger(t.id))
    .map((t) => ({
      id: t.id as number,
      content: t.content as string,
      singleWord: t.single_word === true,
      lstrip: t.lstrip === true,
      rstrip: t.rstrip === true,
      normalized: t.normalized !== false,
    }));
}

const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;
const LEADING_SPACE = /^\p{White_Space}*/u;
const TRAILING_SPACE = /\p{White_Space}*$/u;

/** Matcher over a set of added tokens (keys: the text to find). */
export class AddedTokenMatcher {
  private readonly byKey = new Map<string, AddedToken>();
  private readonly lengths: number[];

  constructor(tokens: ReadonlyArray<readonly [key: string, token: AddedToken]>) {
    for (const [key, token] of tokens) if (key !== '') this.byKey.set(key, token);
    this.lengths = [...new Set([...this.byKey.keys()].map((k) => k.length))].sort((a, b) => b - a);
  }

  get empty(): boolean {
    return this.byKey.size === 0;
  }

  /** Split a stretch of plain text at the added tokens in it. */
  split(s: Stretch): Stretch[] {
    if (this.empty || s.text === '') return [s];
    const text = s.text;
    const out: Stretch[] = [];
    let done = 0; // end of the last match
    let i = 0;
    while (i < text.length) {
      let token: AddedToken | undefined;
      let len = 0;
      for (const l of this.lengths) {
        token = this.byKey.get(text.slice(i, i + l));
        if (token) {
          len = l;
          break;
        }
      }
      if (!token) {
        i++;
        continue;
      }
      let start = i;
      let stop = i + len;
      i = stop;
      if (token.singleWord) {
        const before = start === 0 || !WORD_CHAR.test(lastChar(text.slice(0, start)));
        const after = stop === text.length || !WORD_CHAR.test(firstChar(text.slice(stop)));
        if (!before || !after) continue;
      }
      if (token.lstrip) start = Math.max(done, start - TRAILING_SPACE.exec(text.slice(0, start))![0].length);
      if (token.rstrip) stop += LEADING_SPACE.exec(text.slice(stop))![0].length;
      if (done < start) out.push({ text: text.slice(done, start), first: s.first && done === 0 });
      out.push({ text: text.slice(start, stop), id: token.id, first: s.first && start === 0 });
      done = stop;
      i = stop;
    }
    if (done < text.length) out.push({ text: text.slice(done), first: s.first && done === 0 });
    return out;
  }
}

const lastChar = (s: string): string => Array.from(s).pop() ?? '';
const firstChar = (s: string): string => String.fromCodePoint(s.codePointAt(0) ?? 32);

/** Raw-text and normalized-text matchers; a normalized token is looked for in its normalized form. */
export function addedTokenMatchers(tokens: readonly AddedToken[], normalize: Normalize): { raw: AddedTokenMatcher; normalized: AddedTokenMatcher } {
  return {
    raw: new AddedTokenMatcher(tokens.filter((t) => !t.normalized).map((t) => [t.content, t] as const)),
    normalized: new AddedTokenMatcher(tokens.filter((t) => t.normalized).map((t) => [normalize(t.content), t] as const)),
  };
}
