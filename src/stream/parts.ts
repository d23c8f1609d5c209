/**
 * A corpus as a stream of document parts, so no stage holds more than one
 * document (or one bounded piece of a huge one) at a time.
 *
 * A part is a Document of its own (UTF-16 spans of its own text) plus where
 * it sits in the whole document: documents of an annotation file are one
 * part each; raw text and a CoNLL file without -DOCSTART- (one document by
 * definition) are cut into parts at sentence ends, the same cut the
 * tokenizer stream makes (src/segment/stream.ts), so memory is bounded by a
 * batch, however large the input.
 *
 * The whole document's text is the concatenation, over its parts, of
 * `before + document.text`, then the last part's `after`: writers that
 * print the text (json, doccano, HF doc_text) rebuild it from there.
 */
import type { Document } from '../doc/types.js';

export interface Part {
  /** Index of the document in the input (0-based). */
  doc: number;
  /** Document id (the same on every part of a document). */
  id: string;
  /** First and last part of the document. */
  first: boolean;
  last: boolean;
  /** The part's text, tokens, sentences, entities (UTF-16 spans of `document.text`) and meta. */
  document: Document;
  /** Code points of the whole document before `document.text[0]`. */
  cpBase: number;
  /** Text of the whole document between the previous part and this one (whitespace, or a line break). */
  before: string;
  /** On the last part: text of the document after it. */
  after: string;
}

/** A whole document as one part. */
export function wholePart(doc: Document, index: number): Part {
  return { doc: index, id: doc.id, first: true, last: true, document: doc, cpBase: 0, before: '', after: '' };
}

/** The whole Document of a one-part document. */
export function partDocument(p: Part): Document {
  return p.document;
}
