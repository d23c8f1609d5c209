/**
 * doccano sequence labelling JSONL: one document per line,
 *   {"id"?, "text": "...", "label": [[start, end, "LOC"], ...]}
 * with code point offsets (doccano is Python). Also read: the older
 * `labels` key and the newer `entities: [{start_offset, end_offset, label}]`.
 */
import type { Document, Entity } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { entityFromCodePoints, report, type FormatInput, type ParseOptions, type Rendered } from './common.js';
import { JsonSyntaxError, parseJsonWithLines } from './json-parse.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses one JSON Lines line, reporting a syntax problem with line and column. */
export function parseJsonLine(raw: string, file: string, line: number, opts: ParseOptions): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    let msg = 'invalid JSON';
    try {
      parseJsonWithLines(raw, line);
    } catch (err) {
      if (err instanceof JsonSyntaxError) msg = `invalid JSON: ${err.message} (column ${err.column})`;
    }
    report(opts.sink, file, 'syntax', msg, { line });
    return undefined;
  }
}

export function parseDoccano(input: FormatInput, opts: ParseOptions): Document[] {
  const { file } = input;
  const sink = opts.sink;
  const docs: Document[] = [];
  const ids = new Set<string>();
  input.content.split('\n').forEach((raw, k) => {
    const line = k + 1;
    if (raw.trim() === '') return;
    const v = parseJsonLine(raw, file, line, opts);
    if (v === undefined) return;
    if (!isObj(v) || typeof v.text !== 'string') {
      report(sink, file, 'structure', 'expected {"text": "...", "label": [[start, end, "LABEL"], ...]}', { line });
      return;
    }
    const text = v.text;
    const map = new OffsetMap(text);
    let id = typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : `${opts.id}-${docs.length + 1}`;
    if (ids.has(id)) id = `${id}-line${line}`;
    ids.add(id);
    const entities: Entity[] = [];
    const raws: { start: unknown; end: unknown; label: unknown; ref: string }[] = [];
    const list = v.label ?? v.labels;
    if (list !== undefined) {
      if (!Array.isArray(list)) {
        report(sink, file, 'structure', '"label" must be an array of [start, end, "LABEL"]', { line });
        return;
      }
      list.forEach((x, i) => {
        if (!Array.isArray(x) || x.length < 3) {
          report(sink, file, 'structure', `label[${i}] must be [start, end, "LABEL"], got ${JSON.stringify(x)}`, { line });
          return;
        }
        raws.push({ start: x[0], end: x[1], label: x[2], ref: `label[${i}]` });
      });
    }
    if (Array.isArray(v.entities)) {
      v.entities.forEach((x, i) => {
        if (!isObj(x)) {
          report(sink, file, 'structure', `entities[${i}] must be an object {start_offset, end_offset, label}`, { line });
          return;
        }
        raws.push({ start: x.start_offset, end: x.end_offset, label: x.label, ref: x.id !== undefined ? `entity ${String(x.id)}` : `entities[${i}]` });
      });
    }
    for (const r of raws) {
      const e = entityFromCodePoints(map, r, { file, line, ref: r.ref }, sink);
      if (e) entities.push(e);
    }
    docs.push({ id, text, sentences: [], tokens: [], entities });
  });
  return docs;
}

export function renderDoccano(docs: readonly Document[], out: string): Rendered {
  const lines = docs.map((d) => {
    const map = new OffsetMap(d.text);
    const label = [...d.entities]
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((e) => [map.toCodePoint(e.start), map.toCodePoint(e.end), e.label]);
    return `${JSON.stringify({ id: d.id, text: d.text, label })}\n`;
  });
  return { files: new Map([[out, lines.join('')]]), misaligned: [] };
}
