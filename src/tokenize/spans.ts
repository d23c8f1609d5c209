/**
 * Columnar token storage: start, end (UTF-16) and kind code of each token
 * in typed arrays. The scanner fills one of these without allocating an
 * object per token; `tokenize()` turns it into Token objects, while the
 * CLI and the splitter work on it directly (the fast path).
 */
import { TOKEN_KINDS, type Token, type TokenKind } from '../doc/types.js';

/** Kind code → kind; the code of a kind is its index in TOKEN_KINDS. */
export const KIND_NAMES: readonly TokenKind[] = TOKEN_KINDS;
export const KIND_CODE: Readonly<Record<TokenKind, number>> = Object.fromEntries(TOKEN_KINDS.map((k, i) => [k, i])) as Record<TokenKind, number>;

export class TokenSpans {
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }

  push(start: number, end: number, kind: number): void {
    if (this.length === this.starts.length) this.grow();
    const i = this.length++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.kinds[i] = kind;
  }

  private grow(): void {
    const cap = this.starts.length * 2;
    const s = new Int32Array(cap);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(cap);
    e.set(this.ends);
    this.ends = e;
    const k = new Uint8Array(cap);
    k.set(this.kinds);
    this.kinds = k;
  }

  kind(i: number): TokenKind {
    return KIND_NAMES[this.kinds[i]];
  }

  /** Token objects of tokens [from, to) of `text`, offsets plus `base`. */
  toTokens(text: string, from = 0, to = this.length, base = 0): Token[] {
    const out: Token[] = new Array(to - from);
    const { starts, ends, kinds } = this;
    for (let i = from; i < to; i++) {
      const s = starts[i];
      const e = ends[i];
      out[i - from] = { text: text.slice(s, e), start: s + base, end: e + base, kind: KIND_NAMES[kinds[i]] };
    }
    return out;
  }

  /** Columnar copy of Token objects (offsets must be UTF-16 into one text). */
  static fromTokens(tokens: readonly Token[]): TokenSpans {
    const b = new TokenSpans(Math.max(16, tokens.length));
    for (const t of tokens) b.push(t.start, t.end, KIND_CODE[t.kind]);
    return b;
  }
}
