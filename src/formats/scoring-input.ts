/**
 * The documents evaluate, agree and compare score, read so that span
 * formats (brat, doccano, Label Studio) are scored over the tokens
 * `convert` would give them (gujnlp's tokenizer, or the tokens of a
 * `--tokens` file located in each text), never over zero tokens; and
 * the checks that refuse a score over nothing.
 */
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { throwingSink } from '../io/problem.js';
import { documentFromTokenLines, type FormatOptions } from './common.js';
import { readAnnotations, withTokens } from './index.js';
import type { TagScheme } from '../tags/scheme.js';

export interface ScoringReadOptions extends FormatOptions {
  scheme?: TagScheme;
  /** A token file (any token format) whose tokens are used for documents without tokens. */
  tokens?: string;
}

/**
 * Tokens for documents that have none: from `tokensFile` (paired by id,
 * else by position; its tokens located in order in the document's text),
 * else gujnlp's tokenizer as `convert` uses it.
 */
export function ensureTokens(docs: readonly Document[], tokensFile: string | undefined, tokenDocs?: readonly Document[]): Document[] {
  if (tokensFile === undefined || tokenDocs === undefined) return withTokens(docs).docs;
  const byId = new Map(tokenDocs.map((d) => [d.id, d]));
  return docs.map((d, i) => {
    if (d.tokens.length > 0) return d;
    const t = byId.get(d.id) ?? (tokenDocs.length === docs.length ? tokenDocs[i] : undefined);
    if (t === undefined) throw new InputError(`no tokens for document ${d.id} (the file has ${tokenDocs.length} documents; they are paired by id, else by position)`, { file: tokensFile });
    const sentences = t.sentences.length > 0 ? t.sentences.map((s) => t.tokens.filter((x) => x.start >= s.start && x.end <= s.end)) : [t.tokens];
    const located = documentFromTokenLines(
      d.id,
      sentences.map((s) => s.map((x) => ({ text: x.text, line: 0, kind: x.kind }))),
      tokensFile,
      throwingSink(),
      d.text,
    );
    return { ...d, sentences: located.sentences, tokens: located.tokens };
  });
}

/** Reads one side for scoring, tokenized as convert would. */
export function readForScoring(path: string, opts: ScoringReadOptions, tokenDocs?: readonly Document[]): Document[] {
  const { tokens, ...rest } = opts;
  return ensureTokens(readAnnotations(path, rest), tokens, tokenDocs);
}

/** The documents of a --tokens file, read once for both sides. */
export function readTokenFile(path: string | undefined, scheme?: TagScheme): Document[] | undefined {
  return path === undefined ? undefined : readAnnotations(path, { scheme });
}

/** Label Studio task id of a document read from an export (the same task in two exports of one project). */
function lsTask(d: Document): string | undefined {
  const m = d.meta?.labelstudio as { task?: unknown } | undefined;
  return m?.task === undefined ? undefined : String(m.task);
}

/**
 * Keeps the documents both sides have when their sets differ, as when a
 * Label Studio task is unfinished on one side; returns what was left out of
 * each. Documents are matched by id, else (two exports of one project,
 * whose ids carry the file name) by Label Studio task id; the kept
 * documents of B come in A's order. When neither key is shared the lists
 * are returned unchanged (paired by position later).
 */
export function commonDocuments(a: readonly Document[], b: readonly Document[]): { a: Document[]; b: Document[]; onlyA: string[]; onlyB: string[] } {
  const unchanged = { a: [...a], b: [...b], onlyA: [], onlyB: [] };
  for (const key of [(d: Document) => d.id, lsTask]) {
    const ka = a.map(key);
    const kb = b.map(key);
    if (ka.some((k) => k === undefined) || kb.some((k) => k === undefined)) continue;
    const sa = new Set(ka as string[]);
    const sb = new Set(kb as string[]);
    if (sa.size !== a.length || sb.size !== b.length) continue;
    if (![...sa].some((k) => sb.has(k))) continue;
    const bBy = new Map(b.map((d, i) => [kb[i] as string, d]));
    const keptA = a.filter((_, i) => sb.has(ka[i] as string));
    return {
      a: keptA,
      b: keptA.map((d) => bBy.get(key(d) as string)!),
      onlyA: a.filter((_, i) => !sb.has(ka[i] as string)).map((d) => d.id),
      onlyB: b.filter((_, i) => !sa.has(kb[i] as string)).map((d) => d.id),
    };
  }
  return unchanged;
}

/** Refuses a score over zero tokens or zero gold entities (an error naming the file). */
export function assertScorable(gold: readonly Document[], goldFile: string, what = 'gold'): void {
  const tokens = gold.reduce((n, d) => n + d.tokens.length, 0);
  if (gold.length === 0) throw new InputError(`${what} holds no documents (unfinished tasks are skipped): nothing to score`, { file: goldFile });
  if (tokens === 0) throw new InputError(`${what} has no tokens: nothing to score`, { file: goldFile });
  const entities = gold.reduce((n, d) => n + d.entities.length, 0);
  if (entities === 0) throw new InputError(`${what} has no entities: a score over zero ${what} entities means nothing`, { file: goldFile });
}

/**
 * Gold and one prediction (or two annotators) read for scoring: tokenized
 * as convert would, documents present on only one side left out with a
 * count on stderr (an unfinished Label Studio task), and a score over
 * nothing refused.
 */
export function readScoringPair(
  goldPath: string,
  predPath: string,
  opts: ScoringReadOptions & { command: string; names?: [string, string]; needTokens?: boolean },
  tokenDocs?: readonly Document[],
): { gold: Document[]; pred: Document[] } {
  const { command, names = ['gold', 'prediction'], needTokens = true, ...read } = opts;
  const { tokens: _t, ...plain } = read;
  const rawGold = needTokens ? readForScoring(goldPath, read, tokenDocs) : readAnnotations(goldPath, plain);
  const rawPred = needTokens ? readForScoring(predPath, read, tokenDocs) : readAnnotations(predPath, plain);
  const c = commonDocuments(rawGold, rawPred);
  if (c.onlyA.length > 0 || c.onlyB.length > 0) {
    const parts = [];
    if (c.onlyA.length > 0) parts.push(`${c.onlyA.length} only in ${names[0]} (${c.onlyA.slice(0, 3).join(', ')}${c.onlyA.length > 3 ? ', ...' : ''})`);
    if (c.onlyB.length > 0) parts.push(`${c.onlyB.length} only in ${names[1]} (${c.onlyB.slice(0, 3).join(', ')}${c.onlyB.length > 3 ? ', ...' : ''})`);
    process.stderr.write(`gujnlp ${command}: left out ${c.onlyA.length + c.onlyB.length} documents not on both sides (unfinished on one side?): ${parts.join('; ')}; scored ${c.a.length}\n`);
  }
  if (needTokens) assertScorable(c.a, goldPath, names[0]);
  else if (c.a.reduce((n, d) => n + d.entities.length, 0) === 0) throw new InputError(`${names[0]} has no entities: a score over zero ${names[0]} entities means nothing`, { file: goldPath });
  return { gold: c.a, pred: c.b };
}
