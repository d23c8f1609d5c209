import { OffsetMap } from '../text/offsets.js';
import type { Entity } from '../doc/types.js';
import type { Leaderboard } from '../eval/bootstrap.js';
import type { ReportDocument, SkippedModel } from './model.js';
import { vsBest } from './leaderboard.js';
import { percent as pct } from './tables.js';
import type { PRF } from '../eval/prf.js';
import { escapeHtml as esc } from './escape.js';
import { f1Chart, perTypeChart, typeColour } from './charts.js';
import { matchEntities, type GoldStatus, type PredStatus } from './disagreements.js';
import { errorAnalysisSection, ERRORS_CSS } from './errors-section.js';
import type { ErrorAnalysis } from '../eval/errors.js';

/** A token-level confusion matrix: rows are gold types, columns predicted types (O included). */
export interface ConfusionMatrix {
  labels: string[];
  matrix: number[][];
}

export interface ReportInput {
  title: string;
  types: string[];
  leaderboard: Leaderboard;
  skipped: SkippedModel[];
  corpus: { documents: number; sentences: number; tokens: number; goldEntities: number };
  segmentation: { tokens: PRF; sentences: PRF } | null;
  confusion: Record<string, ConfusionMatrix>;
  documents: ReportDocument[];
  /** Error analysis per model (src/eval/errors.ts), when computed. */
  errors?: Record<string, ErrorAnalysis>;
}

/**
 * Renders the benchmark as one self-contained HTML page: inline CSS, inline
 * SVG charts and a few lines of inline JS to switch models. No network, no
 * fonts to fetch (a Gujarati-capable system font stack), readable offline.
 *
 * Every highlighted entity carries its label and code point offsets in
 * data attributes, so the page can be checked against the gold files.
 */
export function renderHtmlReport(input: ReportInput): string {
  const models = input.leaderboard.rows.map((r) => r.name);
  const typeIndex = new Map(input.types.map((t, i) => [t, i]));
  const typeCss = input.types
    .map((t, i) => `.ent[data-label="${esc(t)}"]{background:${typeColour(i)}26;border-bottom:2px solid ${typeColour(i)}}.legend .t${i}{border-bottom:3px solid ${typeColour(i)}}`)
    .join('\n');
  const sections = [
    header(input),
    leaderboardSection(input),
    articleSection(input, models),
    confusionSection(input, models),
    ...(input.errors === undefined ? [] : [errorAnalysisSection(input.errors, models)]),
    disagreementSection(input, models),
  ];
  return `<!DOCTYPE html>
<html lang="gu">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)}</title>
<style>
${CSS}
${input.errors === undefined ? '' : ERRORS_CSS}
${typeCss}
</style>
</head>
<body>
${sections.join('\n')}
<p class="legend">${input.types.map((t) => `<span class="t${typeIndex.get(t)}">${esc(t)}</span>`).join(' ')}</p>
<script>
${SCRIPT}
</script>
</body>
</html>
`;
}

const CSS = `
body{font-family:"Noto Sans Gujarati","Noto Serif Gujarati","Lohit Gujarati","Shruti","Gujarati Sangam MN","Gujarati MT",system-ui,sans-serif,"Noto Color Emoji";margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222;line-height:1.6}
h1,h2,h3{line-height:1.25}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
.chart text{font-size:12px;fill:#222}.chart .small{font-size:10px}.chart .grid{stroke:#ddd}.chart .ci{stroke:#222;stroke-width:1.5}
.columns{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
.doc{white-space:pre-wrap;font-size:1.05rem;border:1px solid #ddd;padding:.75rem;border-radius:4px}
.ent{border-radius:2px;padding:0 1px}
.ent[data-status="miss"]{outline:2px dashed #d62728}
.ent[data-status="false-alarm"]{outline:2px solid #d62728}
.ent[data-status="wrong-type"]{outline:2px solid #ff7f0e}
.ent[data-status="boundary"]{outline:2px dotted #ff7f0e}
.ent .lab{font-size:.65em;vertical-align:super;color:#555;margin-left:1px}
[hidden]{display:none!important}
.controls{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #eee;z-index:1}
.legend span{margin-right:1rem}
.dis li{margin:.35rem 0}.dis .ctx{color:#555}.dis b{background:#fde2e2}
.muted{color:#666}
`;

const SCRIPT = `
(function () {
  var select = document.getElementById('model-select');
  function show(model) {
    document.querySelectorAll('[data-view]').forEach(function (el) {
      el.hidden = el.getAttribute('data-view') !== model;
    });
  }
  select.addEventListener('change', function () { show(select.value); });
  show(select.value);
})();
`;

function header(input: ReportInput): string {
  const c = input.corpus;
  const seg = input.segmentation;
  const segLine = seg
    ? `<p>Segmentation of gujnlp's tokenizer and splitter against the gold: tokens P ${pct(seg.tokens.precision)} R ${pct(seg.tokens.recall)} F1 ${pct(seg.tokens.f1)}; sentences P ${pct(seg.sentences.precision)} R ${pct(seg.sentences.recall)} F1 ${pct(seg.sentences.f1)}.</p>`
    : '';
  const skipped = input.skipped.length ? `<p class="muted">Skipped: ${input.skipped.map((s) => `${esc(s.spec)} (${esc(s.reason)})`).join('; ')}</p>` : '';
  return `<h1>${esc(input.title)}</h1>
<p>${c.documents} document(s), ${c.sentences} sentences, ${c.tokens} tokens, ${c.goldEntities} gold entities. Scores are seqeval's default mode (conlleval rules) over IOB2 tags of the gold tokens; the CI is a paired bootstrap over sentences.</p>
${segLine}${skipped}`;
}

function leaderboardSection(input: ReportInput): string {
  const rows = input.leaderboard.rows
    .map(
      (r) =>
        `<tr data-model="${esc(r.name)}" data-precision="${r.precision}" data-recall="${r.recall}" data-f1="${r.f1}"><td>${esc(r.name)}</td><td>${pct(r.precision)}</td><td>${pct(r.recall)}</td><td>${pct(r.f1)}</td><td>${pct(r.ci[0])}–${pct(r.ci[1])}</td>${input.types
          .map((t) => `<td>${t in r.perType ? pct(r.perType[t]) : '–'}</td>`)
          .join('')}<td class="timing">${r.sentencesPerSecond === undefined ? '–' : r.sentencesPerSecond.toFixed(0)}</td><td>${esc(vsBest(r))}</td></tr>`,
    )
    .join('\n');
  return `<h2>Leaderboard</h2>
<table id="leaderboard"><thead><tr><th>model</th><th>P</th><th>R</th><th>F1</th><th>F1 95% CI</th>${input.types.map((t) => `<th>F1 ${esc(t)}</th>`).join('')}<th>sent/s</th><th>vs best</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h3>F1 with 95% confidence interval</h3>
${f1Chart(input.leaderboard.rows)}
<h3>F1 per entity type</h3>
${perTypeChart(input.leaderboard.rows, input.types)}`;
}

function articleSection(input: ReportInput, models: string[]): string {
  const options = [`<option value="gold">gold only</option>`, ...models.map((m, i) => `<option value="${esc(m)}"${i === 0 ? ' selected' : ''}>${esc(m)}</option>`)].join('');
  const views = [
    `<div data-view="gold">${input.documents.map((d) => `<h3>${esc(d.id)}</h3><div class="doc gold" data-doc="${esc(d.id)}" data-side="gold">${markText(d.text, d.gold)}</div>`).join('')}</div>`,
    ...models.map((m) => {
      const docs = input.documents
        .map((d) => {
          const pred = d.predictions[m] ?? [];
          const match = matchEntities(d.gold, pred);
          return `<h3>${esc(d.id)}</h3><div class="columns"><div><h4>gold</h4><div class="doc" data-doc="${esc(d.id)}" data-side="gold">${markText(d.text, d.gold, match.gold)}</div></div><div><h4>${esc(m)}</h4><div class="doc" data-doc="${esc(d.id)}" data-side="pred">${markText(d.text, pred, match.pred)}</div></div></div>`;
        })
        .join('');
      return `<div data-view="${esc(m)}" hidden>${docs}</div>`;
    }),
  ];
  return `<h2>Article</h2>
<div class="controls"><label>Model: <select id="model-select">${options}</select></label>
<span class="muted">Dashed: missed gold entity. Solid red: false alarm. Orange: wrong type (solid) or wrong boundaries (dotted).</span></div>
${views.join('\n')}`;
}

/** The text with entities wrapped in <mark>; overlapping entities after the first are left unmarked. */
function markText(text: string, entities: Entity[], status?: (GoldStatus | PredStatus)[]): string {
  const map = new OffsetMap(text);
  const order = entities.map((e, i) => i).sort((a, b) => entities[a].start - entities[b].start || entities[b].end - entities[a].end);
  let out = '';
  let pos = 0;
  for (const i of order) {
    const e = entities[i];
    if (e.start < pos) continue;
    const st = status?.[i];
    out += esc(text.slice(pos, e.start));
    out += `<mark class="ent" data-label="${esc(e.label)}" data-start="${map.toCodePoint(e.start)}" data-end="${map.toCodePoint(e.end)}"${st ? ` data-status="${st}"` : ''} title="${esc(e.label)}${st ? ` — ${st}` : ''}">${esc(text.slice(e.start, e.end))}<span class="lab" aria-hidden="true">${esc(e.label)}</span></mark>`;
    pos = e.end;
  }
  return out + esc(text.slice(pos));
}

function confusionSection(input: ReportInput, models: string[]): string {
  const tables = models
    .map((m) => {
      const c = input.confusion[m];
      if (!c) return '';
      const head = `<tr><th>gold \\ predicted</th>${c.labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr>`;
      const body = c.matrix.map((row, i) => `<tr><th>${esc(c.labels[i])}</th>${row.map((n, j) => `<td${i !== j && n > 0 ? ' style="background:#fde2e2"' : ''}>${n}</td>`).join('')}</tr>`).join('');
      return `<div data-view="${esc(m)}" hidden><table class="confusion" data-model="${esc(m)}">${head}${body}</table></div>`;
    })
    .join('\n');
  return `<h2>Token-level confusion matrix</h2><p class="muted">Entity type of each token (O = outside), gold rows against predicted columns, for the selected model.</p>\n${tables}`;
}

function disagreementSection(input: ReportInput, models: string[]): string {
  const lists = models
    .map((m) => {
      const items = input.documents.flatMap((d) => {
        const { disagreements } = matchEntities(d.gold, d.predictions[m] ?? []);
        return disagreements.map((x) => {
          const anchor = (x.gold ?? x.pred)!;
          const s = d.sentences.find((s) => s.start <= anchor.start && anchor.start < s.end) ?? { start: anchor.start, end: anchor.end };
          const sentence = d.text.slice(s.start, s.end);
          const lo = Math.max(anchor.start, s.start) - s.start;
          const hi = Math.min(anchor.end, s.end) - s.start;
          const g = x.gold ? `gold ${esc(x.gold.label)} “${esc(d.text.slice(x.gold.start, x.gold.end))}”` : 'no gold entity';
          const p = x.pred ? `${esc(m)} ${esc(x.pred.label)} “${esc(d.text.slice(x.pred.start, x.pred.end))}”` : 'not predicted';
          return `<li data-kind="${x.kind}"><strong>${x.kind}</strong>: ${g}; ${p}<br><span class="ctx">${esc(sentence.slice(0, lo))}<b>${esc(sentence.slice(lo, hi))}</b>${esc(sentence.slice(hi))}</span></li>`;
        });
      });
      return `<div data-view="${esc(m)}" hidden><p>${items.length} disagreement(s) for ${esc(m)}.</p><ol class="dis">${items.join('')}</ol></div>`;
    })
    .join('\n');
  return `<h2>Disagreements</h2>\n${lists}`;
}
