/**
 * Messages between the annotate CLI and its worker threads: documents go
 * as text plus token and sentence columns (cheap to copy), entities come
 * back as plain objects.
 */
import type { Document, Entity, Sentence, Token, TokenKind } from '../../doc/types.js';
import { TOKEN_KINDS } from '../../doc/types.js';
import type { LoadOptions } from '../registry.js';

export interface WorkerSetup {
  spec: string;
  options: LoadOptions;
}

export interface PackedDocument {
  id: string;
  text: string;
  /** start, end per token (UTF-16). */
  tokens: Int32Array;
  kinds: Uint8Array;
  /** start, end per sentence (UTF-16). */
  sentences: Int32Array;
}

export interface Job {
  id: number;
  docs: PackedDocument[];
}

export type WorkerReply = { id: number; entities: Entity[][] } | { id: number; error: string; input: boolean } | { ready: true; name: string; version: string } | { failed: string; input: boolean };

const KIND_INDEX = new Map<string, number>(TOKEN_KINDS.map((k, i) => [k, i]));

export function packDocument(doc: Document): PackedDocument {
  const n = doc.tokens.length;
  const tokens = new Int32Array(2 * n);
  const kinds = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = doc.tokens[i];
    tokens[2 * i] = t.start;
    tokens[2 * i + 1] = t.end;
    kinds[i] = KIND_INDEX.get(t.kind) ?? 0;
  }
  const sentences = new Int32Array(2 * doc.sentences.length);
  doc.sentences.forEach((s, i) => {
    sentences[2 * i] = s.start;
    sentences[2 * i + 1] = s.end;
  });
  return { id: doc.id, text: doc.text, tokens, kinds, sentences };
}

export function unpackDocument(p: PackedDocument): Document {
  const { text } = p;
  const tokens: Token[] = new Array(p.kinds.length);
  for (let i = 0; i < p.kinds.length; i++) {
    const start = p.tokens[2 * i];
    const end = p.tokens[2 * i + 1];
    tokens[i] = { text: text.slice(start, end), start, end, kind: TOKEN_KINDS[p.kinds[i]] as TokenKind };
  }
  const sentences: Sentence[] = [];
  for (let i = 0; i < p.sentences.length; i += 2) {
    const start = p.sentences[i];
    const end = p.sentences[i + 1];
    sentences.push({ text: text.slice(start, end), start, end });
  }
  return { id: p.id, text, sentences, tokens, entities: [] };
}
