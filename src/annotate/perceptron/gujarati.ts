/**
 * The Gujarati knowledge the tagger's features use, taken from the rules
 * model's data so both models see the same language facts: the normalised
 * lookup key, the case-ending list and the gazetteers.
 */
import { createHash } from 'node:crypto';
import { Gazetteer, namePieces, type GazetteerEntry, type TrieNode } from '../gazetteer.js';
import { normalizeKey } from '../../lang/gu/normalize.js';
import { caseEndings, stripEnding } from '../../lang/gu/endings.js';
import type { LangResources } from './resources.js';

/**
 * Caches a pure string function. Tokens repeat (Zipf), and normalising,
 * ending stripping and piece keys cost microseconds each, which dominated
 * tagging time. The cache is dropped when full, so memory stays bounded.
 */
function memo<T>(f: (s: string) => T, max = 100_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = f(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** The written token split at its longest strippable case ending. */
const splitEnding = memo((token: string): { stem: string; ending: string } => {
  // candidates: the token as it is, then stems by decreasing ending length
  const c = stripEnding(token);
  return c.length > 1 ? c[1] : c[0];
});

const normalize = memo(normalizeKey);

const pieceKeys = memo((text: string): string[] => namePieces(text).map((p) => normalize(p.text)));

/** Piece keys of the token's stem when it has a case ending. */
const stemKeys = memo((token: string): string[] | undefined => {
  const { stem, ending } = splitEnding(token);
  return ending === '' ? undefined : pieceKeys(stem);
});

/** Walks the trie by keys; undefined when a key has no child. */
function walk(node: TrieNode<GazetteerEntry>, keys: readonly string[]): TrieNode<GazetteerEntry> | undefined {
  let n: TrieNode<GazetteerEntry> | undefined = node;
  for (const k of keys) {
    n = n.children.get(k);
    if (n === undefined) return undefined;
  }
  return n;
}

/**
 * Gazetteer membership per token: for each start token the longest exact
 * gazetteer match over the following tokens (the last token may carry a case
 * ending: `પાકિસ્તાનના` matches `પાકિસ્તાન`), marked `B-TYPE` on its first
 * token and `I-TYPE` on the others. Overlapping matches are all kept.
 */
export function gazetteerMemberships(gaz: Gazetteer, tokens: readonly string[]): string[][] {
  const out: string[][] = tokens.map(() => []);
  const keys = tokens.map(pieceKeys);
  const stems = tokens.map(stemKeys);
  for (let i = 0; i < tokens.length; i++) {
    let node: TrieNode<GazetteerEntry> | undefined = gaz.root;
    let best: { end: number; type: string } | undefined;
    for (let j = i; j < tokens.length && node !== undefined; j++) {
      if (keys[j].length === 0) break;
      const stemmed = stems[j] === undefined ? undefined : walk(node, stems[j]!);
      if (stemmed?.value !== undefined) best = { end: j + 1, type: stemmed.value.type };
      node = walk(node, keys[j]);
      if (node?.value !== undefined) best = { end: j + 1, type: node.value.type };
    }
    if (best === undefined) continue;
    for (let j = i; j < best.end; j++) {
      const m = `${j === i ? 'B' : 'I'}-${best.type}`;
      if (!out[j].includes(m)) out[j].push(m);
    }
  }
  return out;
}

let cached: Promise<LangResources> | undefined;

/** Loads the project's Gujarati resources (data under src/lang/gu and models/gazetteers), once. */
export function loadGujaratiResources(): Promise<LangResources> {
  cached ??= Promise.resolve().then(() => {
    const gaz = Gazetteer.load();
    const id = createHash('sha256').update(gaz.hash).update('\0').update(caseEndings().join('\n')).digest('hex').slice(0, 12);
    return {
      id,
      normalize,
      splitEnding,
      gazetteer: (tokens: readonly string[]) => gazetteerMemberships(gaz, tokens),
    };
  });
  return cached;
}
