/**
 * Two annotation files read in step, sentence by sentence (evaluate
 * --gold/--pred, agree, compare): each side is a stream of parts, turned
 * into token texts and tags per sentence as `documentsToTags` does, and the
 * two are checked to hold the same tokens as they go. Memory holds the
 * tags (or, for evaluate, one byte per token), never the documents.
 *
 * Documents pair by position, as the whole-file pairing does unless both
 * sides hold the same set of ids in another order: then (known only at the
 * end) `NotInStep` is thrown and the caller reads the files whole.
 */
import { entitiesToTags, sentenceTokenRanges, type AlignMode } from '../align/index.js';
import { InputError } from '../io/errors.js';
import type { FormatName } from '../formats/index.js';
import type { TagScheme } from '../tags/scheme.js';
import { fileParts, LINE_FORMATS } from './file-sources.js';
import { guessFormatOf } from './format-guess.js';
import type { Part } from './parts.js';
import { TagInterner, type TagCorpus } from '../eval/corpus.js';
import { TagError } from '../tags/decode.js';

export class NotInStep extends Error {}

interface Sent {
  doc: number;
  id: string;
  /** Sentence number in its document (0-based). */
  s: number;
  tokens: string[];
  tags: string[];
}

export interface PairOptions {
  scheme?: TagScheme;
  align?: AlignMode;
}

/** One side: parts → sentences, queued. */
class Side {
  private readonly it: AsyncIterator<Part>;
  private readonly queue: Sent[] = [];
  private head = 0;
  private sentence = 0;
  docs = 0;
  misaligned = 0;
  private done = false;

  constructor(
    parts: AsyncIterable<Part>,
    private readonly opts: PairOptions,
  ) {
    this.it = parts[Symbol.asyncIterator]();
  }

  /** The next sentence, or undefined at the end. */
  async next(): Promise<Sent | undefined> {
    while (this.head >= this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      if (this.done) return undefined;
      const r = await this.it.next();
      if (r.done === true) {
        this.done = true;
        return undefined;
      }
      this.add(r.value);
    }
    return this.queue[this.head++];
  }

  private add(p: Part): void {
    if (p.first) {
      this.docs++;
      this.sentence = 0;
    }
    const doc = p.document;
    const t = entitiesToTags(doc, { scheme: this.opts.scheme ?? 'IOB2', align: this.opts.align });
    this.misaligned += t.misaligned.length;
    const ranges = sentenceTokenRanges(doc);
    for (let s = 0; s < ranges.length; s++) {
      const r = ranges[s];
      const tokens: string[] = new Array(r.end - r.start);
      for (let i = r.start; i < r.end; i++) tokens[i - r.start] = doc.tokens[i].text;
      this.queue.push({ doc: p.doc, id: p.id, s: this.sentence++, tokens, tags: t.tags[s] });
    }
  }

  /** Counts the documents left (for the error when the two sides differ). */
  async drain(): Promise<void> {
    while ((await this.next()) !== undefined);
  }
}

/** True when both files can be read in step (line-based formats). */
export async function canReadInStep(...paths: string[]): Promise<boolean> {
  for (const p of paths) {
    if (p === '-') return false;
    const f = await guessFormatOf(p);
    if (f === undefined || !LINE_FORMATS.has(f) || f === 'doccano') return false;
  }
  return true;
}

/**
 * Calls `each(gold, pred)` for every sentence pair, in order; returns the
 * misaligned entity counts. Throws InputError where the tokens differ (as
 * checkSameTokens words it) and NotInStep where document ids differ.
 */
export async function pairSentences(
  goldPath: string,
  predPath: string,
  opts: PairOptions,
  each: (gold: string[], pred: string[]) => void,
  predName = 'prediction',
): Promise<{ gold: number; pred: number }> {
  const parts = async (path: string): Promise<AsyncIterable<Part>> => {
    const format = (await guessFormatOf(path)) as FormatName;
    return fileParts(path, format, { scheme: opts.scheme });
  };
  const g = new Side(await parts(goldPath), opts);
  const p = new Side(await parts(predPath), opts);
  const show = (t: string | undefined): string => (t === undefined ? '(no token)' : `'${t}'`);
  // ids of both sides, to tell at the end whether the whole-file pairing would have gone by id
  const idsA: string[] = [];
  const idsB: string[] = [];
  let differ: string | undefined;
  for (;;) {
    const a = await g.next();
    const b = await p.next();
    if (a === undefined && b === undefined) break;
    // ids differed earlier: the whole-file pairing (by id) may pair otherwise and decides
    if (a?.s === 0 && b?.s === 0 && a.id !== b.id) differ ??= `document ${a.doc + 1}: ids ${a.id} and ${b.id}`;
    if (a === undefined || b === undefined || a.doc !== b.doc) {
      if (differ !== undefined) throw new NotInStep(differ);
      // one side has more sentences in this document, or more documents
      await g.drain();
      await p.drain();
      if (g.docs !== p.docs) throw new InputError(`gold has ${g.docs} documents but ${predName} has ${p.docs}`);
      const x = a ?? b!;
      const first = a === undefined ? undefined : a.doc === x.doc ? a : undefined;
      const second = b === undefined ? undefined : b.doc === x.doc ? b : undefined;
      throw new InputError(`document ${x.id}, sentence ${x.s + 1}, token 1: gold has ${show(first?.tokens[0])} but ${predName} has ${show(second?.tokens[0])}; token sequences must match`);
    }
    if (a.s === 0) {
      idsA.push(a.id);
      idsB.push(b.id);
    }
    const m = Math.max(a.tokens.length, b.tokens.length);
    for (let i = 0; i < m; i++) {
      if (a.tokens[i] !== b.tokens[i]) {
        if (differ !== undefined) throw new NotInStep(differ);
        throw new InputError(`document ${a.id}, sentence ${a.s + 1}, token ${i + 1}: gold has ${show(a.tokens[i])} but ${predName} has ${show(b.tokens[i])}; token sequences must match`);
      }
    }
    each(a.tags, b.tags);
  }
  // pairDocuments pairs by id when both sides have the same id set, else by position (as here)
  if (differ !== undefined && sameIdSet(idsA, idsB)) throw new NotInStep(differ);
  return { gold: g.misaligned, pred: p.misaligned };
}

function sameIdSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.length === b.length && set.size === b.length && a.every((id) => set.has(id));
}

/** Tag sequences of both files (agree, compare), read in step. */
export async function pairedTags(
  goldPath: string,
  predPath: string,
  opts: PairOptions,
  predName?: string,
): Promise<{ gold: string[][]; pred: string[][]; misaligned: { gold: number; pred: number } }> {
  const gold: string[][] = [];
  const pred: string[][] = [];
  const misaligned = await pairSentences(
    goldPath,
    predPath,
    opts,
    (a, b) => {
      gold.push(a);
      pred.push(b);
    },
    predName,
  );
  return { gold, pred, misaligned };
}

/** Growable tag-id column: bytes while ids fit, widened when they do not. */
class IdColumn {
  data: Uint8Array | Int32Array = new Uint8Array(1 << 16);
  length = 0;
  push(id: number): void {
    if (this.length === this.data.length) {
      const next = this.data instanceof Uint8Array ? new Uint8Array(this.data.length * 2) : new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    if (id > 255 && this.data instanceof Uint8Array) this.data = Int32Array.from(this.data);
    this.data[this.length++] = id;
  }
  done(): Uint8Array | Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** The tag corpus of evaluate --gold/--pred, built as the two files are read in step (one byte per token and side). */
export async function pairedCorpus(goldPath: string, predPath: string, opts: PairOptions): Promise<{ corpus: TagCorpus; misaligned: { gold: number; pred: number } }> {
  const interner = new TagInterner();
  const g = new IdColumn();
  const p = new IdColumn();
  const starts = new IdColumn32();
  let s = 0;
  const misaligned = await pairSentences(goldPath, predPath, opts, (a, b) => {
    if (a.length !== b.length) throw new InputError(`sentence ${s + 1}: gold has ${a.length} tokens but the prediction has ${b.length}`);
    starts.push(g.length);
    for (let i = 0; i < a.length; i++) {
      g.push(interner.id(a[i], (m) => new TagError(`gold ${m}`, s, i)));
      p.push(interner.id(b[i], (m) => new TagError(`prediction ${m}`, s, i)));
    }
    s++;
  });
  starts.push(g.length);
  return { corpus: { tags: interner.tags, gold: g.done(), pred: p.done(), sentStart: starts.done() }, misaligned };
}

class IdColumn32 {
  data = new Int32Array(1 << 12);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
