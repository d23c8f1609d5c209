/**
 * `gujnlp evaluate`'s report: renderings of a full evaluation: aligned text tables, Markdown,
 * CSV (long format: one value per row) and JSON (exactly the FullReport).
 */
import type { Evaluation, FullReport } from '../eval/evaluate.js';
import { NER_SCHEMES } from '../eval/nervaluate.js';
import { printfFixed, renderConllevalText } from '../eval/conlleval.js';
import type { SeqevalReport } from '../eval/seqeval.js';
import { csvLines, ratio, renderMarkdown, renderText, type Table } from './tables.js';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'conlleval'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

function seqevalTable(title: string, r: SeqevalReport): Table {
  return {
    title,
    header: ['type', 'precision', 'recall', 'f1-score', 'support'],
    rows: Object.entries(r).map(([k, v]) => [k, ratio(v.precision), ratio(v.recall), ratio(v['f1-score']), String(v.support)]),
  };
}

export function reportTables(ev: Evaluation): Table[] {
  const r = ev.report;
  const scheme = ev.scheme === null ? 'no scheme' : `${ev.scheme}${ev.schemeGuessed ? ', guessed' : ''}`;
  const tables: Table[] = [];
  tables.push(seqevalTable('seqeval, default mode (conlleval chunking)', r.seqeval.default));
  if (r.seqeval.strict !== null) tables.push(seqevalTable(`seqeval, strict mode (${scheme})`, r.seqeval.strict));
  const nerRows: string[][] = [];
  const nerRow = (label: string, s: (typeof r.nervaluate.overall)[keyof typeof r.nervaluate.overall], scheme: string) => [
    label,
    scheme,
    ...[s.correct, s.incorrect, s.partial, s.missed, s.spurious, s.possible, s.actual].map(String),
    ratio(s.precision),
    ratio(s.recall),
    ratio(s.f1),
  ];
  for (const sc of NER_SCHEMES) nerRows.push(nerRow('overall', r.nervaluate.overall[sc], sc));
  for (const [type, v] of Object.entries(r.nervaluate.entities)) for (const sc of NER_SCHEMES) nerRows.push(nerRow(type, v[sc], sc));
  tables.push({
    title: `nervaluate (SemEval-2013; ${ev.mode} mode entities)`,
    header: ['type', 'scheme', 'cor', 'inc', 'par', 'mis', 'spu', 'pos', 'act', 'precision', 'recall', 'f1'],
    rows: nerRows,
    leftColumns: 2,
  });
  const c = r.conlleval;
  const pct = (x: number) => printfFixed(x, 2);
  tables.push({
    title: 'conlleval',
    header: ['type', 'precision%', 'recall%', 'FB1', 'found'],
    rows: [['overall', pct(c.precision), pct(c.recall), pct(c.f1), String(c.found)], ...Object.entries(c.types).map(([k, v]) => [k, pct(v.precision), pct(v.recall), pct(v.f1), String(v.found)])],
    notes: [`processed ${c.tokens} tokens with ${c.gold_phrases} phrases; found: ${c.found} phrases; correct: ${c.correct}; accuracy ${pct(c.accuracy)}%`],
  });
  const labels = Object.keys(r.confusion);
  tables.push({
    title: `token confusion (rows gold, columns predicted); token accuracy ${ratio(r.token_accuracy)}`,
    header: ['gold \\ pred', ...labels],
    rows: labels.map((g) => [g, ...labels.map((p) => String(r.confusion[g][p]))]),
  });
  return tables;
}

/** Long CSV: tool, mode, label, metric, value. */
export function reportCsv(r: FullReport): string {
  const rows: (string | number | null)[][] = [];
  for (const mode of ['default', 'strict'] as const) {
    const rep = r.seqeval[mode];
    if (rep === null) continue;
    for (const [label, v] of Object.entries(rep)) for (const [m, x] of Object.entries(v)) rows.push(['seqeval', mode, label, m, x]);
  }
  const ner = (label: string, v: FullReport['nervaluate']['overall']) => {
    for (const sc of NER_SCHEMES) for (const [m, x] of Object.entries(v[sc])) rows.push(['nervaluate', sc, label, m, x]);
  };
  ner('overall', r.nervaluate.overall);
  for (const [t, v] of Object.entries(r.nervaluate.entities)) ner(t, v);
  const c = r.conlleval;
  for (const m of ['tokens', 'gold_phrases', 'found', 'correct', 'accuracy', 'precision', 'recall', 'f1'] as const) rows.push(['conlleval', '', 'overall', m, c[m]]);
  for (const [t, v] of Object.entries(c.types)) for (const [m, x] of Object.entries(v)) rows.push(['conlleval', '', t, m, x]);
  rows.push(['token', '', 'overall', 'accuracy', r.token_accuracy]);
  for (const [g, row] of Object.entries(r.confusion)) for (const [p, x] of Object.entries(row)) rows.push(['confusion', g, p, 'tokens', x]);
  return csvLines(['tool', 'mode', 'label', 'metric', 'value'], rows);
}

export function renderEvaluation(ev: Evaluation, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(ev.report) + '\n';
    case 'conlleval':
      return renderConllevalText(ev.report.conlleval);
    case 'csv':
      return reportCsv(ev.report);
    case 'md':
      return renderMarkdown(reportTables(ev));
    case 'table':
      return renderText(reportTables(ev));
  }
}
