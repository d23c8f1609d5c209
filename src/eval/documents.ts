/**
 * Gold and predicted Documents → tag sequences over the same tokens, for
 * the tag-level metrics. Documents are paired by id (or by position when
 * ids do not pair up); their sentences and tokens must be identical, else
 * the error names the first differing sentence and token.
 */
import type { Document } from '../doc/types.js';
import { entitiesToTags, type AlignMode } from '../align/index.js';
import { tokensBySentence } from '../doc/sentences.js';
import { InputError } from '../io/errors.js';
import type { TagScheme } from '../tags/scheme.js';

export interface DocTagOptions {
  scheme?: TagScheme;
  align?: AlignMode;
}

export interface DocumentTags {
  gold: string[][];
  pred: string[][];
  /** Entities that could not be put on tokens exactly (gold, pred). */
  misaligned: { gold: number; pred: number };
}

/** Pairs documents by id when both sides have the same id set, else by position. */
export function pairDocuments(gold: readonly Document[], pred: readonly Document[], predName = 'prediction'): Array<[Document, Document]> {
  if (gold.length !== pred.length) {
    throw new InputError(`gold has ${gold.length} documents but ${predName} has ${pred.length}`);
  }
  const byId = new Map(pred.map((d) => [d.id, d]));
  if (byId.size === pred.length && gold.every((d) => byId.has(d.id))) return gold.map((d) => [d, byId.get(d.id)!]);
  return gold.map((d, i) => [d, pred[i]]);
}

/** Throws naming the first sentence/token where the two documents' tokenizations differ. */
export function checkSameTokens(g: Document, p: Document, predName = 'prediction'): void {
  const gs = tokensBySentence(g);
  const ps = tokensBySentence(p);
  const n = Math.max(gs.length, ps.length);
  for (let s = 0; s < n; s++) {
    const a = gs[s] ?? [];
    const b = ps[s] ?? [];
    const m = Math.max(a.length, b.length);
    for (let i = 0; i < m; i++) {
      const x = a[i]?.text;
      const y = b[i]?.text;
      if (x !== y) {
        const show = (t: string | undefined) => (t === undefined ? '(no token)' : `'${t}'`);
        throw new InputError(`document ${g.id}, sentence ${s + 1}, token ${i + 1}: gold has ${show(x)} but ${predName} has ${show(y)}; token sequences must match`);
      }
    }
  }
}

export function documentsToTags(gold: readonly Document[], pred: readonly Document[], opts: DocTagOptions = {}, predName = 'prediction'): DocumentTags {
  const scheme = opts.scheme ?? 'IOB2';
  const out: DocumentTags = { gold: [], pred: [], misaligned: { gold: 0, pred: 0 } };
  for (const [g, p] of pairDocuments(gold, pred, predName)) {
    checkSameTokens(g, p, predName);
    const gt = entitiesToTags(g, { scheme, align: opts.align });
    const pt = entitiesToTags(p, { scheme, align: opts.align });
    // one push per sentence: spreading a huge document's sentences overflows the call stack
    for (const s of gt.tags) out.gold.push(s);
    for (const s of pt.tags) out.pred.push(s);
    out.misaligned.gold += gt.misaligned.length;
    out.misaligned.pred += pt.misaligned.length;
  }
  return out;
}
