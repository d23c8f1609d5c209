import { stringify } from 'csv-stringify/sync';
import type { LeaderboardRow } from '../bench/types.js';

/**
 * The leaderboard as a fixed-width table (stdout), Markdown and CSV. Ratios
 * are printed as percentages with one decimal, as conlleval does with two:
 * the JSON keeps full precision.
 */

const pct = (x: number): string => (100 * x).toFixed(1);
const sig = (r: LeaderboardRow): string => (r.significant === null ? 'best' : `${r.significant ? 'yes' : 'no'} (${fmtP(r.pValue)})`);
const fmtP = (p: number | null): string => (p === null ? '-' : p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`);

function cells(rows: LeaderboardRow[], types: string[]): string[][] {
  const header = ['model', 'P', 'R', 'F1', 'F1 95% CI', ...types.map((t) => `F1 ${t}`), 'sent/s', 'vs best'];
  const body = rows.map((r) => [
    r.model,
    pct(r.precision),
    pct(r.recall),
    pct(r.f1),
    `${pct(r.f1Low)}–${pct(r.f1High)}`,
    ...types.map((t) => (t in r.perType ? pct(r.perType[t]) : '-')),
    r.sentencesPerSecond >= 100 ? r.sentencesPerSecond.toFixed(0) : r.sentencesPerSecond.toFixed(1),
    sig(r),
  ]);
  return [header, ...body];
}

/** Plain-text table with aligned columns (code point widths). */
export function leaderboardTable(rows: LeaderboardRow[], types: string[]): string {
  const grid = cells(rows, types);
  const widths = grid[0].map((_, c) => Math.max(...grid.map((row) => [...row[c]].length)));
  const line = (row: string[]): string =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(grid[0]), rule, ...grid.slice(1).map(line)].join('\n') + '\n';
}

export function leaderboardMarkdown(rows: LeaderboardRow[], types: string[]): string {
  const grid = cells(rows, types);
  const line = (row: string[]): string => `| ${row.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const align = `|${grid[0].map((_, c) => (c === 0 ? ':---' : '---:')).join('|')}|`;
  return [line(grid[0]), align, ...grid.slice(1).map(line)].join('\n') + '\n';
}

/** CSV with full-precision numbers, for spreadsheets and scripts. */
export function leaderboardCsv(rows: LeaderboardRow[], types: string[]): string {
  const header = ['model', 'version', 'precision', 'recall', 'f1', 'f1_ci_low', 'f1_ci_high', ...types.map((t) => `f1_${t}`), 'sentences_per_second', 'p_value_vs_best', 'significant_vs_best'];
  const body = rows.map((r) => [
    r.model,
    r.version,
    r.precision,
    r.recall,
    r.f1,
    r.f1Low,
    r.f1High,
    ...types.map((t) => (t in r.perType ? r.perType[t] : '')),
    Number(r.sentencesPerSecond.toFixed(1)),
    r.pValue ?? '',
    r.significant === null ? '' : String(r.significant),
  ]);
  return stringify([header, ...body]);
}
