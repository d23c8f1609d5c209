/**
 * Two annotation files read in step, sentence by sentence (evaluate
 * --gold/--pred, agree, compare): each side is a stream of parts, turned
 * into token texts and tags per sentence as `documentsToTags` does, and the
 * two are checked to hold the same tokens as they go. Memory holds the
 * tags (or, for evaluate, one byte per token), never the documents.
 *
 * Documents pair by position, as the whole-file pairing does unless both
 * sides hold distinct ids, some shared, that differ at some position: then
 * (known only at the end) `NotInStep` is thrown and the caller reads the
 * files whole.
 */
import { entitiesToTags, sentenceTokenRanges, type AlignMode } from '../align/index.js';
import { InputError } from '../io/errors.js';
import type { FormatName } from '../formats/index.js';
import type { TagScheme } from '../tags/scheme.js';
import { LINE_FORMATS } from './file-sources.js';
import { checkedParts, FirstFatal } from './checked.js';
import { withTokens } from '../formats/index.js';
import type { OffsetUnit } from '../formats/common.js';
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
  /** doccano offsets (default UTF-16). */
  offsets?: OffsetUnit;
}

/**
 * Document ids of both sides, in order, to tell at the end whether the
 * whole-file path pairs as here (by position): it keeps only the documents
 * on both sides and pairs them by id when both sides have distinct ids
 * sharing any (commonDocuments, pairDocuments), so such sides whose ids
 * differ at some position (another order, a document on one side only)
 * are handed over to it (NotInStep).
 */
class IdCheck {
  private readonly ids: [string[], string[]] = [[], []];
  add(side: 0 | 1, id: string): void {
    this.ids[side].push(id);
  }
  /** At the end of both files. */
  end(): void {
    const [a, b] = this.ids;
    if (a.length === b.length && a.every((x, i) => x === b[i])) return;
    const sa = new Set(a);
    const sb = new Set(b);
    if (sa.size !== a.length || sb.size !== b.length || !a.some((x) => sb.has(x))) return;
    throw new NotInStep('document ids differ: the whole-file path pairs by id');
  }
}

/** One side: checked parts (the reader's rules, its first fatal problem by phase) → sentences, queued; counts for the scorable check. */
class Side {
  private readonly it: AsyncIterator<Part>;
  private readonly queue: Sent[] = [];
  private head = 0;
  private sentence = 0;
  readonly fatal = new FirstFatal();
  /** An error the reader threw (the side is then done). */
  failed: unknown;
  docs = 0;
  tokens = 0;
  entities = 0;
  misaligned = 0;
  private done = false;

  constructor(
    path: string,
    format: FormatName,
    private readonly opts: PairOptions,
    private readonly ids: IdCheck,
    private readonly side: 0 | 1,
  ) {
    this.it = checkedParts(path, { format, scheme: opts.scheme, offsets: opts.offsets, problem: this.fatal.problem, documentChecks: false })[Symbol.asyncIterator]();
  }

  /** The next sentence, or undefined at the end. */
  async next(): Promise<Sent | undefined> {
    while (this.head >= this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      if (this.done) return undefined;
      let r: IteratorResult<Part>;
      try {
        r = await this.it.next();
      } catch (err) {
        this.done = true;
        this.failed = err;
        throw err;
      }
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
      this.ids.add(this.side, p.id);
    }
    let doc = p.document;
    // standoff documents are scored over the tokens convert gives them
    if (doc.tokens.length === 0 && p.first && p.last) doc = withTokens([doc]).docs[0];
    this.tokens += doc.tokens.length;
    this.entities += doc.entities.length;
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

  /** Reads the rest; then throws what the whole-file reader of this side would have stopped at. */
  async finish(): Promise<void> {
    if (this.failed !== undefined) throw this.failed;
    while ((await this.next()) !== undefined);
    this.fatal.throwHeld();
  }
}

/** True when both files can be read in step (CoNLL and HF; see canPairInStep). */
export async function canReadInStep(...paths: string[]): Promise<boolean> {
  return canPairInStep(paths);
}

/** True when the files can be read in step: line-based formats (doccano, whose documents are tokenized as convert does, when `standoff`). */
export async function canPairInStep(paths: readonly string[], opts: { standoff?: boolean } = {}): Promise<boolean> {
  for (const p of paths) {
    if (p === '-') return false;
    const f = await guessFormatOf(p);
    if (f === undefined || !LINE_FORMATS.has(f) || (f === 'doccano' && opts.standoff !== true)) return false;
  }
  return true;
}

/** The gold side's check of the whole-file path: never a score over nothing. */
export interface ScorableCheck {
  /** The gold side's name in messages ("gold", "A (a.conll)"). */
  what: string;
}

/**
 * Calls `each(gold, pred)` for every sentence pair, in order; returns the
 * misaligned entity counts. Errors are those of the whole-file path, in
 * its order: the gold file's reader problems, the prediction's, a gold
 * without documents, tokens or entities, then where the tokens differ (as
 * checkSameTokens words it). NotInStep is thrown where document ids or
 * counts differ (the whole-file path pairs by id and leaves out documents
 * on one side only).
 */
export async function pairSentences(
  goldPath: string,
  predPath: string,
  opts: PairOptions,
  each: (gold: string[], pred: string[]) => void,
  predName = 'prediction',
  scorable: ScorableCheck = { what: 'gold' },
): Promise<{ gold: number; pred: number }> {
  const formatOf = async (path: string): Promise<FormatName> => (await guessFormatOf(path)) as FormatName;
  const ids = new IdCheck();
  const g = new Side(goldPath, await formatOf(goldPath), opts, ids, 0);
  const p = new Side(predPath, await formatOf(predPath), opts, ids, 1);
  const show = (t: string | undefined): string => (t === undefined ? '(no token)' : `'${t}'`);
  let pairing: unknown;
  try {
    for (;;) {
      const a = await g.next();
      const b = await p.next();
      if (a === undefined && b === undefined) break;
      if (a === undefined || b === undefined || a.doc !== b.doc) {
        // one side has more sentences in this document, or more documents
        const x = a === undefined || (b !== undefined && b.doc < a.doc) ? b! : a;
        const first = a !== undefined && a.doc === x.doc ? a : undefined;
        const second = b !== undefined && b.doc === x.doc ? b : undefined;
        throw new InputError(`document ${x.id}, sentence ${x.s + 1}, token 1: gold has ${show(first?.tokens[0])} but ${predName} has ${show(second?.tokens[0])}; token sequences must match`);
      }
      const m = Math.max(a.tokens.length, b.tokens.length);
      for (let i = 0; i < m; i++) {
        if (a.tokens[i] !== b.tokens[i]) {
          throw new InputError(`document ${a.id}, sentence ${a.s + 1}, token ${i + 1}: gold has ${show(a.tokens[i])} but ${predName} has ${show(b.tokens[i])}; token sequences must match`);
        }
      }
      each(a.tags, b.tags);
    }
  } catch (err) {
    pairing = err;
  }
  // the whole-file order: each file read whole (gold first), the pairing by id, the scorable check, the document counts, the tokens
  await g.finish();
  await p.finish();
  ids.end();
  if (g.docs === 0) throw new InputError(`${scorable.what} holds no documents (unfinished tasks are skipped): nothing to score`, { file: goldPath });
  if (g.tokens === 0) throw new InputError(`${scorable.what} has no tokens: nothing to score`, { file: goldPath });
  if (g.entities === 0) throw new InputError(`${scorable.what} has no entities: a score over zero ${scorable.what} entities means nothing`, { file: goldPath });
  if (g.docs !== p.docs) throw new InputError(`gold has ${g.docs} documents but ${predName} has ${p.docs}`);
  if (pairing !== undefined) throw pairing;
  return { gold: g.misaligned, pred: p.misaligned };
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

/**
 * The tag corpus of evaluate --gold/--pred and agree, built as the two
 * files are read in step (one byte per token and side). A malformed tag is
 * reported after the token checks, as encodeSequences reports it after
 * documentsToTags on the whole files.
 */
export async function pairedCorpus(
  goldPath: string,
  predPath: string,
  opts: PairOptions,
  names: { pred?: string; scorable?: ScorableCheck } = {},
): Promise<{ corpus: TagCorpus; misaligned: { gold: number; pred: number } }> {
  const interner = new TagInterner();
  const g = new IdColumn();
  const p = new IdColumn();
  const starts = new IdColumn32();
  let s = 0;
  let tagError: unknown;
  const misaligned = await pairSentences(
    goldPath,
    predPath,
    opts,
    (a, b) => {
      if (tagError !== undefined) return;
      try {
        starts.push(g.length);
        for (let i = 0; i < a.length; i++) {
          g.push(interner.id(a[i], (m) => new TagError(`gold ${m}`, s, i)));
          p.push(interner.id(b[i], (m) => new TagError(`prediction ${m}`, s, i)));
        }
        s++;
      } catch (err) {
        tagError = err;
      }
    },
    names.pred,
    names.scorable,
  );
  if (tagError !== undefined) throw tagError;
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
