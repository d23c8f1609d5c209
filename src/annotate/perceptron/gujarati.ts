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
import { RulesAnnotator } from '../rules.js';
import { choose } from '../rules/choose.js';
import { memoBounded } from '../bounded-cache.js';
import { loadCues, type CueLists } from '../rules/cues.js';

/**
 * Caches a pure string function. Tokens repeat (Zipf), and normalising,
 * ending stripping and piece keys cost microseconds each, which dominated
 * tagging time. The cache is bounded (bounded-cache.ts), so memory stays
 * bounded on any corpus.
 */
const memo = <T>(f: (s: string) => T): ((s: string) => T) => memoBounded(f, MEMO_SIZE);
const MEMO_SIZE = 16_384;

/** The written token split at its longest strippable case ending. */
const splitEnding = memo((token: string): { stem: string; ending: string } => {
  // candidates: the token as it is, then stems by decreasing ending length
  const c = stripEnding(token);
  return c.length > 1 ? c[1] : c[0];
});

const normalize = memo(normalizeKey);

const pieceKeys = memo((text: string): string[] => namePieces(text).map((p) => normalize(p.text)));

/** Piece keys of the token's stem when it has a case ending (null: none; undefined would not be cached). */
const stemKeys = memo((token: string): string[] | null => {
  const { stem, ending } = splitEnding(token);
  return ending === '' ? null : pieceKeys(stem);
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
  const out: string[][] = new Array<string[]>(tokens.length).fill(NONE);
  const keys = tokens.map(pieceKeys);
  const stems = tokens.map(stemKeys);
  for (let i = 0; i < tokens.length; i++) {
    let node: TrieNode<GazetteerEntry> | undefined = gaz.root;
    let best: { end: number; type: string } | undefined;
    for (let j = i; j < tokens.length && node !== undefined; j++) {
      if (keys[j].length === 0) break;
      const sk = stems[j];
      const stemmed = sk === null ? undefined : walk(node, sk);
      if (stemmed?.value !== undefined) best = { end: j + 1, type: stemmed.value.type };
      node = walk(node, keys[j]);
      if (node?.value !== undefined) best = { end: j + 1, type: node.value.type };
    }
    if (best === undefined) continue;
    for (let j = i; j < best.end; j++) add(out, j, `${j === i ? 'B' : 'I'}-${best.type}`, true);
  }
  return out;
}

/**
 * Cue lists a token belongs to, as written or by its stem without a case
 * ending: titles, organisation/place heads, surnames, relation nouns, common
 * words, glued honorifics, verb-form endings.
 */
export function cueMemberships(cues: CueLists, token: string): string[] {
  const out: string[] = [];
  const norm = normalize(token);
  const { stem, ending } = splitEnding(token);
  const stemKey = ending === '' ? norm : normalize(stem);
  const inSet = (set: Set<string>): boolean => set.has(norm) || set.has(stemKey);
  const node = cues.titles.children.get(norm) ?? cues.titles.children.get(stemKey);
  if (node !== undefined) out.push(node.value ? 'title' : 'titlePart');
  if (inSet(cues.orgHeads)) out.push('orgHead');
  if (inSet(cues.locHeads)) out.push('locHead');
  if (inSet(cues.geoHeads)) out.push('geoHead');
  if (inSet(cues.surnames)) out.push('surname');
  if (cues.givenNames.has(norm)) out.push('givenName');
  if (inSet(cues.kinship)) out.push('kinship');
  if (inSet(cues.commonWords)) out.push('common');
  if (inSet(cues.genericHeads)) out.push('genericHead');
  if (cues.personSuffixes.some((x) => stem.endsWith(x) && stem.length > x.length + 1)) out.push('honorific');
  if (cues.nonNameSuffixes.some((x) => token.endsWith(x))) out.push('verbLike');
  return out;
}

/** The rules annotator's view of one sentence given as token strings (joined by spaces). */
export function rulesMemberships(rules: RulesAnnotator, tokens: readonly string[]): string[][] {
  const out: string[][] = new Array<string[]>(tokens.length).fill(NONE);
  const all = rules.candidatesOfTexts(tokens);
  for (const c of all) {
    for (let j = c.startTok; j <= c.endTok; j++) add(out, j, `${c.rule}:${j === c.startTok ? 'B' : 'I'}-${c.label}`, true);
  }
  for (const c of choose(all)) {
    for (let j = c.startTok; j <= c.endTok; j++) add(out, j, `${j === c.startTok ? 'B' : 'I'}-${c.label}`, false);
  }
  return out;
}

/** No memberships: shared by the tokens that have none (most), never pushed into. */
const NONE: string[] = [];

/** Adds `m` to token j's memberships (once, when `unique`), giving the token its own list first. */
function add(out: string[][], j: number, m: string, unique: boolean): void {
  if (out[j] === NONE) out[j] = [m];
  else if (!unique || !out[j].includes(m)) out[j].push(m);
}

let cached: Promise<LangResources> | undefined;

/** Loads the project's Gujarati resources (data under src/lang/gu and models/gazetteers), once. */
export function loadGujaratiResources(): Promise<LangResources> {
  cached ??= Promise.resolve().then(() => {
    const gaz = Gazetteer.load();
    const cues = loadCues();
    const rules = new RulesAnnotator({ gazetteer: gaz, cues });
    const id = createHash('sha256').update(gaz.hash).update('\0').update(caseEndings().join('\n')).update('\0').update(cues.hash).digest('hex').slice(0, 12);
    return {
      id,
      normalize,
      splitEnding,
      gazetteer: (tokens: readonly string[]) => gazetteerMemberships(gaz, tokens),
      cues: memo((token: string) => cueMemberships(cues, token)),
      rules: (tokens: readonly string[]) => rulesMemberships(rules, tokens),
    };
  });
  return cached;
}
