/**
 * Token-boundary and sentence P/R/F1 of gujnlp against the UD Gujarati
 * treebank dev set, with every disagreement listed.
 *   node --import tsx bench/tokenize-ud.ts [path/to/dev.conllu]
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readUdSurface, scoreOnUd, tokenDisagreements } from '../test/helpers/ud.js';
import type { PRF } from '../src/eval/prf.js';

const path = process.argv[2] ?? fileURLToPath(new URL('../../shared/data/ud-gujtb/dev.conllu', import.meta.url));
if (!existsSync(path)) {
  console.error(`skipped: ${path} is absent (reference data lives beside the project, in ../shared)`);
  process.exit(0);
}
const gold = readUdSurface(readFileSync(path, 'utf8'));
const r = scoreOnUd(gold);
const fmt = (p: PRF) => `P ${(100 * p.precision).toFixed(2)}  R ${(100 * p.recall).toFixed(2)}  F1 ${(100 * p.f1).toFixed(2)}  (gold ${p.gold}, system ${p.system}, correct ${p.correct})`;
console.log(`# gujnlp vs UD Gujarati GujTB dev (${gold.sentences.length} sentences, ${gold.tokens.length} surface tokens)\n`);
console.log(`tokens (UD spans):        ${fmt(r.tokens.spans)}`);
console.log(`token boundaries:         ${fmt(r.tokens.boundaries)}`);
console.log(`sentences (UD spans):     ${fmt(r.sentences.spans)}`);
console.log(`sentence boundaries:      ${fmt(r.sentences.boundaries)}`);
const d = tokenDisagreements(gold, r.system.tokens);
console.log(`\n## gold tokens not produced (${d.missed.length})`);
for (const m of d.missed) console.log(`  ${m}`);
console.log(`\n## system tokens not in gold (${d.extra.length})`);
for (const m of d.extra) console.log(`  ${m}`);
const gs = new Set(gold.sentences.map((s) => s.end));
const ss = new Set(r.system.sentences.map((s) => s.end));
console.log('\n## sentence ends missed');
for (const s of gold.sentences) if (!ss.has(s.end)) console.log(`  ${gold.text.slice(Math.max(0, s.end - 30), s.end)}|${gold.text.slice(s.end, s.end + 30)}`);
console.log('\n## sentence ends not in gold');
for (const s of r.system.sentences) if (!gs.has(s.end)) console.log(`  ${gold.text.slice(Math.max(0, s.end - 30), s.end)}|${gold.text.slice(s.end, s.end + 30)}`);
