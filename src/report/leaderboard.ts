/**
 * The leaderboard (one model, `Leaderboard` of `eval/bootstrap.ts`, for
 * `gujnlp compare` and `gujnlp bench`) as a text table, Markdown, CSV and
 * JSON. Text and Markdown show percentages with one decimal; CSV and JSON
 * keep full precision. Columns for figures some runs lack (model version,
 * speed) appear only when the rows carry them.
 */
import type { Leaderboard, LeaderboardRow } from '../eval/bootstrap.js';
import { csvLines, percent as pct, renderMarkdown, renderText, type Table } from './tables.js';

export const LEADERBOARD_FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type LeaderboardFormat = (typeof LEADERBOARD_FORMATS)[number];

/** Significance level of the "vs best" column. */
const ALPHA = 0.05;

const fmtP = (p: number | null): string => (p === null ? '-' : p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`);
const speed = (s: number): string => (s >= 100 ? s.toFixed(0) : s.toFixed(1));

/** Whether the best system beats this one significantly (null for the best itself). */
export const significantVsBest = (r: LeaderboardRow): boolean | null => (r.pValue === null ? null : r.pValue < ALPHA);

/** The "vs best" cell: `best`, or whether the best is significantly better, with the p-value. */
export const vsBest = (r: LeaderboardRow): string => {
  const s = significantVsBest(r);
  return s === null ? 'best' : `${s ? 'yes' : 'no'} (${fmtP(r.pValue)})`;
};

/** Entity types of the per-type columns: every type any row has, sorted. */
export function leaderboardTypes(lb: Leaderboard): string[] {
  const s = new Set<string>();
  for (const r of lb.rows) for (const t of Object.keys(r.perType)) s.add(t);
  return [...s].sort();
}

const timed = (lb: Leaderboard): boolean => lb.rows.length > 0 && lb.rows.every((r) => r.sentencesPerSecond !== undefined);
const versioned = (lb: Leaderboard): boolean => lb.rows.length > 0 && lb.rows.every((r) => r.version !== undefined);

/** The leaderboard as one table; `types` orders the per-type columns (default: sorted). */
export function leaderboardTable(lb: Leaderboard, types: readonly string[] = leaderboardTypes(lb)): Table {
  const conf = Math.round(lb.confidence * 100);
  const withSpeed = timed(lb);
  return {
    title: `leaderboard (seqeval ${lb.mode} mode, entity micro P/R/F1 in %; ${conf}% CI and p-values from a paired bootstrap over sentences)`,
    header: ['model', 'P', 'R', 'F1', `F1 ${conf}% CI`, ...types.map((t) => `F1 ${t}`), ...(withSpeed ? ['sent/s'] : []), 'vs best'],
    rows: lb.rows.map((r) => [
      r.name,
      pct(r.precision),
      pct(r.recall),
      pct(r.f1),
      `${pct(r.ci[0])}–${pct(r.ci[1])}`,
      ...types.map((t) => (t in r.perType ? pct(r.perType[t]) : '-')),
      ...(withSpeed ? [speed(r.sentencesPerSecond!)] : []),
      vsBest(r),
    ]),
    notes: [`vs best: is the best model better with significance at ${ALPHA} (one-sided paired bootstrap, Berg-Kirkpatrick et al. 2012)`],
  };
}

/** CSV with full-precision numbers, for spreadsheets and scripts. */
export function leaderboardCsv(lb: Leaderboard, types: readonly string[] = leaderboardTypes(lb)): string {
  const withSpeed = timed(lb);
  const withVersion = versioned(lb);
  return csvLines(
    [
      'model',
      ...(withVersion ? ['version'] : []),
      'precision',
      'recall',
      'f1',
      'f1_ci_low',
      'f1_ci_high',
      ...types.map((t) => `f1_${t}`),
      ...(withSpeed ? ['sentences_per_second'] : []),
      'p_value_vs_best',
      'significant_vs_best',
    ],
    lb.rows.map((r) => {
      const sig = significantVsBest(r);
      return [
        r.name,
        ...(withVersion ? [r.version!] : []),
        r.precision,
        r.recall,
        r.f1,
        r.ci[0],
        r.ci[1],
        ...types.map((t) => (t in r.perType ? r.perType[t] : null)),
        ...(withSpeed ? [Number(r.sentencesPerSecond!.toFixed(1))] : []),
        r.pValue,
        sig === null ? null : String(sig),
      ];
    }),
  );
}

export function renderLeaderboard(lb: Leaderboard, format: LeaderboardFormat, types: readonly string[] = leaderboardTypes(lb)): string {
  switch (format) {
    case 'json':
      return JSON.stringify(lb) + '\n';
    case 'md':
      return renderMarkdown([leaderboardTable(lb, types)]);
    case 'table':
      return renderText([leaderboardTable(lb, types)]);
    case 'csv':
      return leaderboardCsv(lb, types);
  }
}

/** One row of `scores.json`'s leaderboard (the bench's documented file format). */
export interface ScoresLeaderboardRow {
  model: string;
  version: string;
  precision: number;
  recall: number;
  f1: number;
  f1Low: number;
  f1High: number;
  perType: Record<string, number>;
  sentencesPerSecond: number;
  pValue: number | null;
  significant: boolean | null;
}

/** The leaderboard rows as `scores.json` writes them. */
export function scoresLeaderboardRows(lb: Leaderboard): ScoresLeaderboardRow[] {
  return lb.rows.map((r) => ({
    model: r.name,
    version: r.version ?? '',
    precision: r.precision,
    recall: r.recall,
    f1: r.f1,
    f1Low: r.ci[0],
    f1High: r.ci[1],
    perType: r.perType,
    sentencesPerSecond: r.sentencesPerSecond ?? 0,
    pValue: r.pValue,
    significant: significantVsBest(r),
  }));
}
