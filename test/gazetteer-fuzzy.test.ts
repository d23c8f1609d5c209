/**
 * Measures the fuzzy-match rule of src/annotate/gazetteer.ts (same
 * consonant skeleton, same last code point, Jaro-Winkler ≥ threshold, ≥ 5
 * code points) and logs the figures that defend the threshold:
 *
 * - recall and precision on the gazetteers' own spelling variants, leave
 *   one out: each single-word Gujarati key of a PER/LOC entry is looked up
 *   among all OTHER keys; a hit is right when the key reached belongs to
 *   the same entry. (A lower bound: `મોહમ્મદ`/`મુહમ્મદ` in two different
 *   people's entries counts as wrong.)
 * - false matches on ordinary words: UD Gujarati dev tokens that are not
 *   proper nouns (../shared, skipped when absent) that reach a name.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FUZZY, DEFAULT_GAZETTEER_DIR, FUZZY_GAZETTEERS_FILE, Gazetteer, fuzzyComparable, fuzzyFilePredicate, nameSimilarity, skeleton } from '../src/annotate/gazetteer.js';
import { normalizeKey } from '../src/lang/gu/normalize.js';
import { readShared, SKIP_NO_SHARED } from './helpers/shared.js';

interface Key {
  key: string;
  entry: number;
}

const eligible = fuzzyFilePredicate(readFileSync(FUZZY_GAZETTEERS_FILE, 'utf8'));

/** Single-word Gujarati keys of the PER/LOC entries that fuzzy steps may reach. */
function gazetteerKeys(): Key[] {
  const out: Key[] = [];
  let entry = 0;
  for (const f of readdirSync(DEFAULT_GAZETTEER_DIR).sort()) {
    if (!/^(PER|LOC)\..*\.txt$/.test(f) || !eligible(f)) continue;
    for (const raw of readFileSync(join(DEFAULT_GAZETTEER_DIR, f), 'utf8').split(/\r?\n/)) {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      if (line === '') continue;
      entry++;
      const keys = new Set(
        line
          .split('|')
          .flatMap((n) => n.trim().split(/\s+/))
          .filter((w) => /[\u0a80-\u0aff]/.test(w))
          .map(normalizeKey),
      );
      for (const key of keys) out.push({ key, entry });
    }
  }
  return out;
}

/** Best comparable other key for `q` (by similarity, then key order). */
function best(q: string, bySkeleton: Map<string, Set<string>>): { key: string; sim: number } | undefined {
  let b: { key: string; sim: number } | undefined;
  for (const k of bySkeleton.get(skeleton(q)) ?? []) {
    if (!fuzzyComparable(q, k, DEFAULT_FUZZY.minLength)) continue;
    const sim = nameSimilarity(q, k);
    if (!b || sim > b.sim || (sim === b.sim && k < b.key)) b = { key: k, sim };
  }
  return b;
}

function index(keys: Key[]) {
  const bySkeleton = new Map<string, Set<string>>();
  const entries = new Map<string, Set<number>>();
  for (const { key, entry } of keys) {
    if (!bySkeleton.has(skeleton(key))) bySkeleton.set(skeleton(key), new Set());
    bySkeleton.get(skeleton(key))!.add(key);
    if (!entries.has(key)) entries.set(key, new Set());
    entries.get(key)!.add(entry);
  }
  return { bySkeleton, entries };
}

const THRESHOLDS = [0.8, 0.85, 0.88, 0.9, 0.92, 0.95];

test('fuzzy threshold on the gazetteers’ own variants (leave one out)', (t) => {
  const keys = gazetteerKeys();
  const { bySkeleton, entries } = index(keys);
  const hits: { sim: number; right: boolean }[] = [];
  let queries = 0;
  for (const { key, entry } of keys) {
    if ([...key].length < DEFAULT_FUZZY.minLength) continue;
    queries++;
    const b = best(key, bySkeleton);
    if (b) hits.push({ sim: b.sim, right: entries.get(b.key)!.has(entry) });
  }
  const withVariant = keys.filter(
    ({ key, entry }) => [...key].length >= DEFAULT_FUZZY.minLength && keys.some((o) => o.entry === entry && o.key !== key && fuzzyComparable(key, o.key, DEFAULT_FUZZY.minLength)),
  ).length;
  t.log(`${queries} PER/LOC keys of ≥ ${DEFAULT_FUZZY.minLength} code points; ${withVariant} have a comparable variant in their own entry`);
  for (const th of THRESHOLDS) {
    const fired = hits.filter((h) => h.sim >= th);
    const right = fired.filter((h) => h.right).length;
    t.log(
      `JW ≥ ${th.toFixed(2)}: ${fired.length} fire, ${right} reach their own entry (precision ≥ ${(right / Math.max(1, fired.length)).toFixed(3)}, recall of variants ${(right / Math.max(1, withVariant)).toFixed(3)})${th === DEFAULT_FUZZY.minSimilarity ? '  ← chosen' : ''}`,
    );
  }
  const chosen = hits.filter((h) => h.sim >= DEFAULT_FUZZY.minSimilarity);
  // the chosen threshold must keep most fuzzy hits on the right entry
  t.true(chosen.filter((h) => h.right).length / chosen.length >= 0.7);
});

const UD = 'data/ud-gujtb/dev.conllu';
const ud = readShared(UD);
(ud ? test : test.skip)(`fuzzy false matches on ordinary UD Gujarati words${ud ? '' : ` (${SKIP_NO_SHARED(UD)})`}`, (t) => {
  const g = Gazetteer.load();
  const words = new Set<string>();
  for (const line of ud!.split('\n')) {
    const c = line.split('\t');
    if (c.length < 4 || line.startsWith('#') || c[3] === 'PROPN' || c[3] === 'PUNCT' || c[3] === 'NUM' || c[3] === '_') continue;
    const key = normalizeKey(c[1]);
    if ([...key].length >= DEFAULT_FUZZY.minLength && /[\u0a80-\u0aff]/.test(key) && !g.root.children.has(key)) words.add(key);
  }
  const { bySkeleton } = index(gazetteerKeys());
  const sims = [...words].map((w) => ({ w, b: best(w, bySkeleton) }));
  for (const th of THRESHOLDS) {
    const fired = sims.filter((s) => s.b && s.b.sim >= th);
    t.log(
      `JW ≥ ${th.toFixed(2)}: ${fired.length} of ${words.size} non-name words (${((100 * fired.length) / words.size).toFixed(1)}%) reach a PER/LOC name${
        fired.length
          ? `: ${fired
              .slice(0, 6)
              .map((s) => `${s.w}~${s.b!.key}`)
              .join(', ')}`
          : ''
      }`,
    );
  }
  const fired = sims.filter((s) => s.b && s.b.sim >= DEFAULT_FUZZY.minSimilarity).length;
  t.true(fired / words.size <= 0.02, `at most 2% of ordinary words may fuzzy-match a name (got ${fired}/${words.size})`);
});
