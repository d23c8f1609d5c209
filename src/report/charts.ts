import { escapeHtml } from './escape.js';
import type { LeaderboardRow } from '../eval/bootstrap.js';

/**
 * Inline SVG charts for the report (no scripts, no network): F1 with its
 * bootstrap confidence interval per model, and F1 per entity type.
 */

const TYPE_COLOURS = ['#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];
export const typeColour = (i: number): string => TYPE_COLOURS[i % TYPE_COLOURS.length];

const W = 640;
const LABEL_W = 150;
const PLOT_W = W - LABEL_W - 60;
const x = (v: number): number => LABEL_W + Math.max(0, Math.min(1, v)) * PLOT_W;

function axis(height: number): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => `<line x1="${x(t)}" y1="0" x2="${x(t)}" y2="${height}" class="grid"/><text x="${x(t)}" y="${height + 14}" text-anchor="middle">${t * 100}</text>`)
    .join('');
  return ticks;
}

/** Horizontal bars of F1 with CI whiskers, one per model. */
export function f1Chart(rows: LeaderboardRow[]): string {
  const barH = 22;
  const gap = 10;
  const h = rows.length * (barH + gap);
  const bars = rows
    .map((r, i) => {
      const y = i * (barH + gap);
      const mid = y + barH / 2;
      return (
        `<g class="bar" data-model="${escapeHtml(r.name)}">` +
        `<text x="${LABEL_W - 8}" y="${mid + 4}" text-anchor="end">${escapeHtml(r.name)}</text>` +
        `<rect x="${LABEL_W}" y="${y}" width="${(x(r.f1) - LABEL_W).toFixed(1)}" height="${barH}" fill="#4e79a7"><title>${escapeHtml(r.name)}: F1 ${(100 * r.f1).toFixed(1)} (95% CI ${(100 * r.ci[0]).toFixed(1)}–${(100 * r.ci[1]).toFixed(1)})</title></rect>` +
        `<line x1="${x(r.ci[0]).toFixed(1)}" y1="${mid}" x2="${x(r.ci[1]).toFixed(1)}" y2="${mid}" class="ci"/>` +
        `<line x1="${x(r.ci[0]).toFixed(1)}" y1="${mid - 6}" x2="${x(r.ci[0]).toFixed(1)}" y2="${mid + 6}" class="ci"/>` +
        `<line x1="${x(r.ci[1]).toFixed(1)}" y1="${mid - 6}" x2="${x(r.ci[1]).toFixed(1)}" y2="${mid + 6}" class="ci"/>` +
        `<text x="${x(r.ci[1]) + 6}" y="${mid + 4}">${(100 * r.f1).toFixed(1)}</text></g>`
      );
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="F1 per model with 95% confidence interval" viewBox="0 0 ${W} ${h + 24}" width="${W}" height="${h + 24}">${axis(h)}${bars}</svg>`;
}

/** Grouped horizontal bars: F1 per entity type for each model. */
export function perTypeChart(rows: LeaderboardRow[], types: string[]): string {
  const barH = 12;
  const groupGap = 12;
  const groupH = types.length * barH + groupGap;
  const h = rows.length * groupH;
  const groups = rows
    .map((r, i) => {
      const y0 = i * groupH;
      const bars = types
        .map((t, j) => {
          const v = r.perType[t] ?? 0;
          const y = y0 + j * barH;
          return `<rect x="${LABEL_W}" y="${y}" width="${(x(v) - LABEL_W).toFixed(1)}" height="${barH - 2}" fill="${typeColour(j)}"><title>${escapeHtml(r.name)} ${escapeHtml(t)}: F1 ${(100 * v).toFixed(1)}</title></rect><text x="${x(v) + 4}" y="${y + barH - 3}" class="small">${escapeHtml(t)} ${(100 * v).toFixed(0)}</text>`;
        })
        .join('');
      return `<g data-model="${escapeHtml(r.name)}"><text x="${LABEL_W - 8}" y="${y0 + (types.length * barH) / 2 + 4}" text-anchor="end">${escapeHtml(r.name)}</text>${bars}</g>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="F1 per entity type and model" viewBox="0 0 ${W} ${h + 24}" width="${W}" height="${h + 24}">${axis(h)}${groups}</svg>`;
}
