/**
 * CSV formula injection: a spreadsheet runs a cell that starts with
 * `= + - @` (or a tab or carriage return) as a formula, so a document id,
 * entity text or model name such as `=HYPERLINK(...)` in a CSV gujnlp
 * writes would become live. Every CSV writer passes text cells through
 * `csvText`, which puts a `'` before such a cell (spreadsheets show it as
 * text and hide the `'`); plain numbers (`-0.5`) are left alone. The CSV
 * reader undoes it with `csvTextBack`, so gujnlp's own files round-trip.
 * `--csv-raw` (setCsvRaw) writes cells as they are.
 */
const FORMULA = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

let raw = false;

/** Cells as they are (`--csv-raw`), for every CSV written from now on in this process. */
export function setCsvRaw(on: boolean): void {
  raw = on;
}

export function csvText(s: string): string {
  if (raw || !FORMULA.test(s) || PLAIN_NUMBER.test(s)) return s;
  return `'${s}`;
}

/** The cell as it was before csvText (a `'` before a formula-like cell is dropped). */
export function csvTextBack(s: string): string {
  return s.startsWith("'") && FORMULA.test(s) && !PLAIN_NUMBER.test(s.slice(1)) ? s.slice(1) : s;
}
