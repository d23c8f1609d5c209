import type { LeaderboardRow } from '../bench/types.js';
import { csvLines, renderMarkdown, renderText, type Table } from '../eval/render/tables.js';

/**
 * The benchmark leaderboard as a text table (stdout), Markdown and CSV,
 * laid out by the same table renderers as `gujnlp compare`. Text and
 * Markdown show percentages with one decimal; CSV keeps full precision.
 */

const pct = (x: number): string => (100 * x).toFixed(1);
const fmtP = (p: number | null): string => (p === null ? '-' : p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`);
const vsBest = (r: LeaderboardRow): string => (r.significant === null ? 'best' : `${r.significant ? 'yes' : 'no'} (${fmtP(r.pValue)})`);

function leaderboardTable(rows: readonly LeaderboardRow[], types: readonly string[]): Table {
  return {
    title: 'leaderboard (seqeval default mode, entity micro P/R/F1 in %; 95% CI and p-values from a paired bootstrap over sentences)',
    header: ['model', 'P', 'R', 'F1', 'F1 95% CI', ...types.map((t) => `F1 ${t}`), 'sent/s', 'vs best'],
    rows: rows.map((r) => [
      r.model,
      pct(r.precision),
      pct(r.recall),
      pct(r.f1),
      `${pct(r.f1Low)}–${pct(r.f1High)}`,
      ...types.map((t) => (t in r.perType ? pct(r.perType[t]) : '-')),
      r.sentencesPerSecond >= 100 ? r.sentencesPerSecond.toFixed(0) : r.sentencesPerSecond.toFixed(1),
      vsBest(r),
    ]),
    notes: ['vs best: is the best model better with significance at 0.05 (one-sided paired bootstrap, Berg-Kirkpatrick et al. 2012)'],
  };
}

export function leaderboardText(rows: readonly LeaderboardRow[], types: readonly string[]): string {
  return renderText([leaderboardTable(rows, types)]);
}

export function leaderboardMarkdown(rows: readonly LeaderboardRow[], types: readonly string[]): string {
  return renderMarkdown([leaderboardTable(rows, types)]);
}

/** CSV with full-precision numbers, for spreadsheets and scripts. */
export function leaderboardCsv(rows: readonly LeaderboardRow[], types: readonly string[]): string {
  const header = ['model', 'version', 'precision', 'recall', 'f1', 'f1_ci_low', 'f1_ci_high', ...types.map((t) => `f1_${t}`), 'sentences_per_second', 'p_value_vs_best', 'significant_vs_best'];
  return csvLines(
    header,
    rows.map((r) => [
      r.model,
      r.version,
      r.precision,
      r.recall,
      r.f1,
      r.f1Low,
      r.f1High,
      ...types.map((t) => (t in r.perType ? r.perType[t] : null)),
      Number(r.sentencesPerSecond.toFixed(1)),
      r.pValue,
      r.significant === null ? null : String(r.significant),
    ]),
  );
}
