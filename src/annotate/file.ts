/**
 * `--model file:PATH`: predictions of another system (a Python NER model,
 * another annotation tool) read from a file in any supported format, so they
 * join a comparison like any model.
 *
 * Predictions are only comparable when they are over the same tokens, so the
 * file's tokens must equal gujnlp's tokens of the same document (matched by
 * document id); the first difference is an error naming the sentence and
 * token. Span formats without tokens (brat, doccano, Label Studio) must
 * carry the same text instead. Entities are kept as they are when the file carries the same text,
 * and mapped token by token otherwise (a CoNLL file's text is rebuilt from
 * its tokens, so its offsets differ from the original text's).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sentenceTokens } from '../align/index.js';
import type { Document, Entity, Token } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { codePointLength } from '../text/offsets.js';
import { readAnnotations } from '../formats/index.js';
import type { Annotator } from './annotator.js';

/** Position of a token in a document: 1-based sentence and token-in-sentence. */
interface TokenPos {
  sentence: number;
  token: number;
}

function positions(doc: Document): { tokens: Token[]; pos: TokenPos[] } {
  const tokens: Token[] = [];
  const pos: TokenPos[] = [];
  sentenceTokens(doc).forEach((sent, s) =>
    sent.forEach((t, i) => {
      tokens.push(t);
      pos.push({ sentence: s + 1, token: i + 1 });
    }),
  );
  return { tokens, pos };
}

const quote = (t: Token | undefined): string => (t === undefined ? 'nothing (it ends here)' : `'${t.text}'`);

/**
 * The file's entities for `doc`, as UTF-16 spans of `doc.text` with `source`
 * set. Throws an InputError naming `file` when the tokens differ.
 */
export function alignPredictions(doc: Document, pred: Document, file: string, source: string): Entity[] {
  // span formats (brat, doccano, Label Studio) carry text and spans, no tokens:
  // the spans are comparable when the text is the same
  if (pred.tokens.length === 0 && pred.text.length > 0) {
    checkSameText(doc, pred, file);
    return pred.entities.map((e) => withSource(doc, e, e.start, e.end, source)).sort(byPosition);
  }
  const ours = positions(doc);
  const theirs = positions(pred);
  const n = Math.max(ours.tokens.length, theirs.tokens.length);
  for (let i = 0; i < n; i++) {
    const a = ours.tokens[i];
    const b = theirs.tokens[i];
    if (a !== undefined && b !== undefined && a.text === b.text) continue;
    const at = ours.pos[i] ?? { sentence: ours.pos.length === 0 ? 1 : ours.pos[ours.pos.length - 1].sentence, token: 0 };
    const fileAt = theirs.pos[i];
    throw new InputError(
      `document '${doc.id}': tokens differ from gujnlp's at token ${i + 1} (gujnlp: sentence ${at.sentence}, token ${a === undefined ? 'after the last' : at.token}` +
        `${fileAt === undefined ? '' : `; file: sentence ${fileAt.sentence}, token ${fileAt.token}`}): gujnlp has ${quote(a)}, the file has ${quote(b)}. ` +
        `Predictions must be made over gujnlp's tokens (see 'gujnlp tokenize' or 'gujnlp convert')`,
      { file },
    );
  }
  const out: Entity[] = [];
  for (const e of pred.entities) {
    let start: number;
    let end: number;
    if (pred.text === doc.text) {
      start = e.start;
      end = e.end;
    } else {
      // the tokens the entity covers, by index, mapped onto gujnlp's tokens
      const first = theirs.tokens.findIndex((t) => t.end > e.start);
      let last = first;
      while (last + 1 < theirs.tokens.length && theirs.tokens[last + 1].start < e.end) last++;
      if (first < 0 || theirs.tokens[first].start >= e.end) {
        throw new InputError(`document '${doc.id}': entity ${e.label} '${pred.text.slice(e.start, e.end)}' covers no token`, { file });
      }
      start = ours.tokens[first].start;
      end = ours.tokens[last].end;
    }
    out.push(withSource(doc, e, start, end, source));
  }
  return out.sort(byPosition);
}

function withSource(doc: Document, e: Entity, start: number, end: number, source: string): Entity {
  const ent: Entity = { start, end, label: e.label, text: doc.text.slice(start, end), source };
  if (e.score !== undefined) ent.score = e.score;
  return ent;
}

const byPosition = (x: Entity, y: Entity): number => x.start - y.start || x.end - y.end || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0);

/** Throws naming the first differing line and column (code points) when the texts differ. */
function checkSameText(doc: Document, pred: Document, file: string): void {
  if (pred.text === doc.text) return;
  let i = 0;
  while (i < doc.text.length && i < pred.text.length && doc.text[i] === pred.text[i]) i++;
  const before = doc.text.slice(0, i);
  const line = before.split('\n').length;
  const column = codePointLength(before.slice(before.lastIndexOf('\n') + 1)) + 1;
  const show = (t: string): string => (i >= t.length ? 'the end of the text' : JSON.stringify(String.fromCodePoint(t.codePointAt(i)!)));
  throw new InputError(
    `document '${doc.id}': the file's text differs from the document's at line ${line}, column ${column} (code point ${codePointLength(before)}): ` +
      `the document has ${show(doc.text)}, the file has ${show(pred.text)}; its spans cannot be compared`,
    { file },
  );
}

/** An annotator that returns the predictions stored in a file. */
export class FileAnnotator implements Annotator {
  readonly name: string;
  readonly version: string;
  private readonly file: string;
  private readonly docs: Map<string, Document>;

  constructor(file: string, docs: readonly Document[], version: string) {
    this.file = file;
    this.name = basename(file);
    this.version = version;
    this.docs = new Map(docs.map((d) => [d.id, d]));
  }

  async annotate(doc: Document): Promise<Entity[]> {
    let pred = this.docs.get(doc.id);
    // a file of one document without a matching id (e.g. a CoNLL file named
    // differently) is taken as that document; the token check still guards it
    if (pred === undefined && this.docs.size === 1) pred = [...this.docs.values()][0];
    if (pred === undefined) {
      const ids = [...this.docs.keys()];
      throw new InputError(`no predictions for document '${doc.id}' (the file has ${ids.length} documents: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''})`, { file: this.file });
    }
    return alignPredictions(doc, pred, this.file, this.name);
  }
}

/** Loads `file:PATH` predictions; the annotator's name is the file's base name. */
export async function loadFileAnnotator(path: string): Promise<Annotator> {
  const docs = readAnnotations(path);
  let hash: string;
  try {
    hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
  } catch {
    hash = 'unknown'; // a brat folder or stdin: readAnnotations has already checked it exists
  }
  return new FileAnnotator(path, docs, `file-${hash}`);
}
