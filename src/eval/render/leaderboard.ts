/** Leaderboard renderings (compare): text table, Markdown, CSV, JSON. */
import type { Leaderboard } from '../bootstrap.js';
import { csvLines, ratio, renderMarkdown, renderText, type Table } from './tables.js';

export const LEADERBOARD_FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type LeaderboardFormat = (typeof LEADERBOARD_FORMATS)[number];

const pv = (p: number | null) => (p === null ? '—' : p === 0 ? `<${(1 / 1000).toFixed(3)}` : p.toFixed(3));

function types(lb: Leaderboard): string[] {
  const s = new Set<string>();
  for (const r of lb.rows) for (const t of Object.keys(r.perType)) s.add(t);
  return [...s].sort();
}

export function leaderboardTable(lb: Leaderboard): Table {
  const ts = types(lb);
  const pct = Math.round(lb.confidence * 100);
  return {
    title: `leaderboard (entity micro P/R/F1, ${lb.mode} mode; ${pct}% CI and p-values from a paired bootstrap over sentences, ${lb.samples} samples, seed ${lb.seed})`,
    header: ['#', 'system', 'P', 'R', 'F1', `${pct}% CI`, 'p vs best', ...ts.map((t) => `F1 ${t}`)],
    rows: lb.rows.map((r, i) => [
      String(i + 1),
      r.name,
      ratio(r.precision),
      ratio(r.recall),
      ratio(r.f1),
      `${ratio(r.ci[0])}–${ratio(r.ci[1])}`,
      pv(r.pValue),
      ...ts.map((t) => (t in r.perType ? ratio(r.perType[t]) : '')),
    ]),
    leftColumns: 2,
    notes: [`p vs best: one-sided p of "${lb.best} is better" (Berg-Kirkpatrick et al. 2012); smaller = more confident the difference is real.`],
  };
}

export function renderLeaderboard(lb: Leaderboard, format: LeaderboardFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(lb) + '\n';
    case 'md':
      return renderMarkdown([leaderboardTable(lb)]);
    case 'table':
      return renderText([leaderboardTable(lb)]);
    case 'csv': {
      const ts = types(lb);
      return csvLines(
        ['rank', 'system', 'precision', 'recall', 'f1', 'ci_low', 'ci_high', 'p_vs_best', ...ts.map((t) => `f1_${t}`)],
        lb.rows.map((r, i) => [i + 1, r.name, r.precision, r.recall, r.f1, r.ci[0], r.ci[1], r.pValue, ...ts.map((t) => r.perType[t] ?? null)]),
      );
    }
  }
}
