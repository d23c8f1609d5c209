/**
 * The report's error-analysis section (src/eval/errors.ts figures), one view
 * per model, switched by the report's model selector like the other views:
 * F1 by bucket with bootstrap intervals, error types with examples, and the
 * entity-level confusion matrix with missed and spurious.
 */
import { ERROR_KINDS, ERROR_TITLES, type BucketTable, type ErrorAnalysis, type ErrorExample } from '../eval/errors.js';
import { escapeHtml as esc } from './escape.js';
import { percent as pct } from './tables.js';

function bucketTable(t: BucketTable): string {
  const rows = t.rows
    .map(
      (r) =>
        `<tr data-attribute="${t.attribute}" data-bucket="${esc(r.bucket)}" data-gold="${r.gold}" data-pred="${r.pred}" data-correct="${r.correct}" data-f1="${r.f1}"><td>${esc(r.bucket)}</td><td>${r.gold}</td><td>${r.pred}</td><td>${r.correct}</td><td>${pct(r.precision)}</td><td>${pct(r.recall)}</td><td>${pct(r.f1)}</td><td>${pct(r.ci[0])}–${pct(r.ci[1])}</td><td>${bar(r.f1, r.ci)}</td></tr>`,
    )
    .join('');
  return `<table class="buckets" data-attribute="${t.attribute}"><caption>${esc(t.title)}</caption><thead><tr><th>bucket</th><th>gold</th><th>predicted</th><th>correct</th><th>P</th><th>R</th><th>F1</th><th>F1 95% CI</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** A small inline SVG bar: F1 with its interval. */
function bar(f1: number, ci: [number, number]): string {
  const w = 120;
  const x = (v: number): string => (v * w).toFixed(1);
  return `<svg class="fbar" width="${w}" height="12" viewBox="0 0 ${w} 12" aria-hidden="true"><rect x="0" y="3" width="${x(f1)}" height="6" fill="#4c78a8"/><line x1="${x(ci[0])}" x2="${x(ci[1])}" y1="6" y2="6" stroke="#222" stroke-width="1.5"/></svg>`;
}

function example(e: ErrorExample): string {
  const words = e.context.split(' ');
  const g = e.gold === null ? 'no gold entity' : `gold ${esc(e.gold.label)} “${esc(e.gold.text)}”`;
  const p = e.pred === null ? 'not predicted' : `predicted ${esc(e.pred.label)} “${esc(e.pred.text)}”`;
  // the sentence with the gold (or predicted) tokens in bold
  const span = e.gold ?? e.pred!;
  const ctx = `${esc(words.slice(0, span.start).join(' '))} <b>${esc(words.slice(span.start, span.end).join(' '))}</b> ${esc(words.slice(span.end).join(' '))}`;
  return `<li>${g}; ${p} <span class="muted">(${esc(e.name ?? `sentence ${e.sentence + 1}`)})</span><br><span class="ctx">${ctx}</span></li>`;
}

function errorTypes(a: ErrorAnalysis): string {
  const rows = ERROR_KINDS.map((k) => `<tr data-kind="${k}" data-count="${a.errors.counts[k]}"><td>${esc(ERROR_TITLES[k])}</td><td>${a.errors.counts[k]}</td></tr>`).join('');
  const examples = ERROR_KINDS.filter((k) => a.errors.examples[k].length > 0)
    .map((k) => `<details><summary>${esc(ERROR_TITLES[k])}: ${a.errors.examples[k].length} example(s)</summary><ol class="dis">${a.errors.examples[k].map(example).join('')}</ol></details>`)
    .join('');
  return `<table class="error-types"><thead><tr><th>error type</th><th>entities</th></tr></thead><tbody><tr data-kind="correct" data-count="${a.errors.correct}"><td>correct</td><td>${a.errors.correct}</td></tr>${rows}</tbody></table>${examples}`;
}

function confusion(a: ErrorAnalysis): string {
  const c = a.confusion;
  const head = `<tr><th>gold \\ predicted</th>${c.pred.map((l) => `<th>${esc(l)}</th>`).join('')}</tr>`;
  const body = c.matrix
    .map((row, i) => `<tr data-gold="${esc(c.gold[i])}"><th>${esc(c.gold[i])}</th>${row.map((n, j) => `<td${c.gold[i] !== c.pred[j] && n > 0 ? ' class="off"' : ''}>${n}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="entity-confusion">${head}${body}</table>`;
}

/** The section; `errors` by model name, `models` in leaderboard order. */
export function errorAnalysisSection(errors: Record<string, ErrorAnalysis>, models: readonly string[]): string {
  const views = models
    .filter((m) => errors[m] !== undefined)
    .map((m) => {
      const a = errors[m];
      const seen = a.buckets.some((b) => b.attribute === 'seen') ? '' : '<p class="muted">Seen/unseen: the training data of this model is not known (give it with --train).</p>';
      return `<div data-view="${esc(m)}" data-errors="${esc(m)}" hidden>
<h3>F1 by bucket</h3>
<p class="muted">Each gold entity counts for recall and each predicted entity for precision in the bucket of its own attributes; intervals from the paired bootstrap of the leaderboard (${a.bootstrap.samples} samples, seed ${a.bootstrap.seed}).</p>
${seen}<div class="bucket-tables">${a.buckets.map(bucketTable).join('\n')}</div>
<h3>Error types</h3>
<p class="muted">Gold and predicted entities of a sentence paired one to one (same span first, then overlapping); unpaired gold entities are missed, unpaired predictions spurious.</p>
${errorTypes(a)}
<h3>Entity-level confusion</h3>
<p class="muted">Gold type (rows) against predicted type (columns) of paired entities; a gold entity nothing overlaps is in the <i>missed</i> column, a prediction overlapping no gold entity in the <i>spurious</i> row. The diagonal counts correct entities and same-type boundary errors.</p>
${confusion(a)}
</div>`;
    })
    .join('\n');
  return `<section id="error-analysis"><h2>Error analysis</h2>
<p class="muted">For the model selected above.</p>
${views}</section>`;
}

export const ERRORS_CSS = `
.bucket-tables{display:flex;flex-wrap:wrap;gap:0 1.5rem}
table.buckets caption{text-align:left;font-weight:600}
.entity-confusion td.off{background:#fde2e2}
`;
