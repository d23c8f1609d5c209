/**
 * Every number of every case of ../shared/data/eval-fixtures/dev.jsonl
 * (seqeval 1.2.2 default + strict, nervaluate 1.1.0 recomputed, conlleval.pl):
 * counts exactly, ratios within 1e-9, conlleval percentages to 2 decimals.
 */
import test from 'ava';
import { readShared, SKIP_NO_SHARED } from './helpers/shared.js';
import { evaluateTags } from '../src/eval/evaluate.js';

const REL = 'data/eval-fixtures/dev.jsonl';
const raw = readShared(REL);

interface Case {
  id: string;
  scheme: 'IOB2' | 'IOBES';
  gold: string[][];
  pred: string[][];
  seqeval_default: Record<string, Record<string, number | null>>;
  seqeval_strict: Record<string, Record<string, number | null>>;
  nervaluate?: { overall: Record<string, Record<string, number>>; entities: Record<string, Record<string, Record<string, number>>> };
  conlleval?: Record<string, unknown> & { types: Record<string, Record<string, number>> };
}

const COUNT_KEYS = new Set(['correct', 'incorrect', 'partial', 'missed', 'spurious', 'possible', 'actual', 'support', 'tokens', 'gold_phrases', 'found']);

/** Compares objects key by key; returns the first difference or undefined. */
function diff(path: string, want: unknown, got: unknown, pct: boolean): string | undefined {
  if (want === null || typeof want === 'number') {
    if (want === null) return got === null ? undefined : `${path}: want null, got ${String(got)}`;
    if (typeof got !== 'number') return `${path}: want ${want}, got ${String(got)}`;
    const key = path.slice(path.lastIndexOf('.') + 1);
    if (COUNT_KEYS.has(key) || (pct && key === 'correct')) return want === got ? undefined : `${path}: want ${want}, got ${got}`;
    if (pct) return Math.abs(want - got) <= 1e-6 ? undefined : `${path}: want ${want}, got ${got}`;
    return Math.abs(want - got) <= 1e-9 ? undefined : `${path}: want ${want}, got ${got}`;
  }
  if (typeof want === 'object') {
    if (typeof got !== 'object' || got === null) return `${path}: want object, got ${String(got)}`;
    const wk = Object.keys(want).sort();
    const gk = Object.keys(got).sort();
    if (wk.join(',') !== gk.join(',')) return `${path}: keys want [${wk}], got [${gk}]`;
    for (const k of wk) {
      const d = diff(`${path}.${k}`, (want as Record<string, unknown>)[k], (got as Record<string, unknown>)[k], pct);
      if (d) return d;
    }
    return undefined;
  }
  return want === got ? undefined : `${path}: want ${String(want)}, got ${String(got)}`;
}

if (raw === undefined) {
  test.skip(`eval fixtures: ${SKIP_NO_SHARED(REL)}`, () => {});
} else {
  const cases: Case[] = raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

  test('the fixture file has its 300 cases', (t) => {
    t.is(cases.length, 300);
  });

  for (const name of ['seqeval default', 'seqeval strict', 'nervaluate', 'conlleval'] as const) {
    test(`${name}: every number of every case`, (t) => {
      let checked = 0;
      const failures: string[] = [];
      for (const c of cases) {
        const ev = evaluateTags(c.gold, c.pred, { scheme: c.scheme });
        const r = ev.report;
        let d: string | undefined;
        if (name === 'seqeval default') d = diff('seqeval_default', c.seqeval_default, r.seqeval.default, false);
        else if (name === 'seqeval strict') d = diff('seqeval_strict', c.seqeval_strict, r.seqeval.strict, false);
        else if (name === 'nervaluate') {
          if (c.nervaluate === undefined) continue;
          d = diff('nervaluate', c.nervaluate, r.nervaluate, false);
        } else {
          if (c.conlleval === undefined) continue;
          d = diff('conlleval', c.conlleval, r.conlleval, true);
        }
        checked++;
        if (d) failures.push(`${c.id}: ${d}`);
      }
      t.deepEqual(failures.slice(0, 10), []);
      t.true(checked >= 272, `checked ${checked} cases`);
    });
  }

  test('token accuracy equals conlleval accuracy / 100 on the B/I/O cases', (t) => {
    for (const c of cases) {
      if (c.conlleval === undefined) continue;
      const r = evaluateTags(c.gold, c.pred, { scheme: c.scheme }).report;
      t.true(Math.abs(r.token_accuracy * 100 - (c.conlleval.accuracy as number)) < 1e-5, c.id);
    }
  });
}
