/**
 * Plain tables (title, header, rows of cells) and their renderings as
 * aligned text, Markdown and CSV. Report modules build tables; these
 * functions only lay them out.
 */
import { csvText } from '../io/csv-safe.js';
export interface Table {
  title: string;
  header: string[];
  rows: string[][];
  /** Columns to left-align (default: the first). */
  leftColumns?: number;
  /** Lines printed under the table. */
  notes?: string[];
}

/** Display width: code points (good enough for the labels and numbers here). */
const width = (s: string) => [...s].length;

export function renderText(tables: readonly Table[]): string {
  const out: string[] = [];
  for (const t of tables) {
    const left = t.leftColumns ?? 1;
    const w = t.header.map((h, i) => Math.max(width(h), ...t.rows.map((r) => width(r[i] ?? ''))));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i < left ? c + ' '.repeat(w[i] - width(c)) : ' '.repeat(w[i] - width(c)) + c))
        .join('  ')
        .trimEnd();
    out.push(t.title, line(t.header));
    for (const r of t.rows) out.push(line(r));
    for (const n of t.notes ?? []) out.push(n);
    out.push('');
  }
  return out.join('\n');
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|');

export function renderMarkdown(tables: readonly Table[]): string {
  const out: string[] = [];
  for (const t of tables) {
    const left = t.leftColumns ?? 1;
    out.push(`### ${t.title}`, '');
    out.push(`| ${t.header.map(mdCell).join(' | ')} |`);
    out.push(`|${t.header.map((_, i) => (i < left ? ' --- ' : ' ---: ')).join('|')}|`);
    for (const r of t.rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
    if (t.notes && t.notes.length > 0) out.push('', ...t.notes);
    out.push('');
  }
  return out.join('\n');
}

/** RFC 4180 quoting. */
export function csvCell(v: string | number | null): string {
  const s = v === null ? '' : typeof v === 'number' ? String(v) : csvText(v); // no live formulas (src/io/csv-safe.ts)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLines(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** A ratio in [0, 1] as a percentage with one decimal (`0.9787` → `97.9`). */
export const percent = (x: number): string => (100 * x).toFixed(1);

/** A ratio as text with 4 decimals; null as "n/a". */
export const ratio = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));
