/**
 * The input conlleval.pl reads: one token per line, `token gold pred`
 * separated by single spaces, a blank line between sentences. Gold and
 * predicted documents must have the same tokens (paired as evaluate pairs
 * them); tags in the given scheme (default IOB2).
 */
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { sentenceTokens, type AlignMode } from '../align/index.js';
import { documentsToTags } from '../eval/documents.js';
import type { TagScheme } from '../tags/scheme.js';

export function renderConllevalInput(gold: readonly Document[], pred: readonly Document[], opts: { scheme?: TagScheme; align?: AlignMode } = {}): string {
  const t = documentsToTags(gold, pred, { scheme: opts.scheme ?? 'IOB2', align: opts.align });
  const words = gold.flatMap((d) => sentenceTokens(d).map((s) => s.map((x) => x.text)));
  const out: string[] = [];
  t.gold.forEach((g, s) => {
    if (g.length === 0) return;
    const w = words[s] ?? [];
    g.forEach((tag, i) => {
      const tok = w[i] ?? '';
      if (/\s/.test(tok) || tok === '') throw new InputError(`token ${JSON.stringify(tok)} holds white space or is empty and cannot be written to conlleval input`);
      out.push(`${tok} ${tag} ${t.pred[s][i]}`);
    });
    out.push('');
  });
  return out.join('\n');
}
