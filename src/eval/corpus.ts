/**
 * Gold and predicted tag sequences in the compact form every metric reads:
 * tags interned to integer ids, all sentences in two flat id arrays, and
 * sentence starts. Each distinct tag is parsed once (for seqeval/our
 * decoder and, separately, as conlleval.pl parses it).
 */
import { InputError } from '../io/errors.js';
import { badTagMessage, parseTag, TagError, type TagIds } from '../tags/decode.js';

export type { TagIds };

export interface TagCorpus {
  /** Tag strings by id. */
  tags: string[];
  /** Tag ids per token (a file reader stores bytes while ids fit). */
  gold: TagIds;
  pred: TagIds;
  /** Sentence s holds tokens [sentStart[s], sentStart[s+1]); length = sentences + 1. */
  sentStart: Int32Array;
  /** Where sentences came from, for error messages: file and the line of each sentence's first token. */
  source?: { file: string; sentLine: Int32Array };
}

/** Interns tag strings, checking each new one. */
export class TagInterner {
  readonly tags: string[] = [];
  private readonly ids = new Map<string, number>();

  /** The id of `tag`; `where` builds the error for a malformed tag. */
  id(tag: string, where: (problem: string) => Error): number {
    let id = this.ids.get(tag);
    if (id === undefined) {
      if (parseTag(tag) === undefined) throw where(badTagMessage(tag));
      id = this.tags.length;
      this.tags.push(tag);
      this.ids.set(tag, id);
    }
    return id;
  }
}

/** Builds a corpus from tag sequences, checking that gold and pred have the same shape. */
export function encodeSequences(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[]): TagCorpus {
  if (gold.length !== pred.length) {
    throw new InputError(`gold has ${gold.length} sentences but the prediction has ${pred.length}`);
  }
  let n = 0;
  for (let s = 0; s < gold.length; s++) {
    if (gold[s].length !== pred[s].length) {
      throw new InputError(`sentence ${s + 1}: gold has ${gold[s].length} tokens but the prediction has ${pred[s].length}`);
    }
    n += gold[s].length;
  }
  const interner = new TagInterner();
  const g = new Int32Array(n);
  const p = new Int32Array(n);
  const sentStart = new Int32Array(gold.length + 1);
  let k = 0;
  for (let s = 0; s < gold.length; s++) {
    sentStart[s] = k;
    const gs = gold[s];
    const ps = pred[s];
    for (let i = 0; i < gs.length; i++, k++) {
      g[k] = interner.id(gs[i], (m) => new TagError(`gold ${m}`, s, i));
      p[k] = interner.id(ps[i], (m) => new TagError(`prediction ${m}`, s, i));
    }
  }
  sentStart[gold.length] = k;
  return { tags: interner.tags, gold: g, pred: p, sentStart };
}

/** Tag sequences back out of a corpus (for tests and small data). */
export function decodeCorpus(c: TagCorpus, side: 'gold' | 'pred'): string[][] {
  const a = c[side];
  const out: string[][] = [];
  for (let s = 0; s + 1 < c.sentStart.length; s++) {
    const row: string[] = [];
    for (let i = c.sentStart[s]; i < c.sentStart[s + 1]; i++) row.push(c.tags[a[i]]);
    out.push(row);
  }
  return out;
}

/** Where token `i` of sentence `s` is, for messages: "file:line" when known. */
export function locate(c: TagCorpus, s: number, i: number): { file?: string; line?: number } {
  if (c.source === undefined) return {};
  return { file: c.source.file, line: c.source.sentLine[s] + i };
}

/** The corpus, when it has tokens and gold entities; else an error naming the file (never a score over nothing). */
export function assertScorableCorpus(c: TagCorpus, file: string): TagCorpus {
  const where = { file: file === '-' ? '<stdin>' : file };
  if (c.gold.length === 0) throw new InputError('no tokens: nothing to score', where);
  const entityTag = c.tags.map((t) => t !== 'O');
  let any = false;
  for (let i = 0; i < c.gold.length && !any; i++) any = entityTag[c.gold[i]];
  if (!any) throw new InputError('the gold column has no entities: a score over zero gold entities means nothing', where);
  return c;
}
