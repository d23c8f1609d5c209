/**
 * doccano sequence labelling JSONL: one document per line,
 *   {"id"?, "text": "...", "label": [[start, end, "LOC"], ...]}
 * Also read: the older `labels` key (doccano 1.2) and the relation export's
 * `entities: [{id, start_offset, end_offset, label}]` (relations kept in meta).
 *
 * Offsets are UTF-16 code units by default: doccano's UI (v-annotator)
 * takes them from the DOM, so after an emoji they are larger than code
 * points, and that is what its export holds. `offsets: 'codepoint'` reads
 * and writes files made by other (Python) programs. A span that cuts a
 * surrogate pair is an error naming the line.
 */
import type { Document, Entity } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { entityFromCodePoints, entityFromUtf16, report, type FormatInput, type OffsetUnit, type ParseOptions, type Rendered } from './common.js';
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

/** One doccano line → a document (null after reporting a problem); `ids` keeps ids unique. */
export function parseDoccanoLine(raw: string, file: string, line: number, opts: ParseOptions, ids: Set<string>, ordinal: number): Document | null {
  const sink = opts.sink;
  const v = parseJsonLine(raw, file, line, opts);
  if (v === undefined) return null;
  if (!isObj(v) || typeof v.text !== 'string') {
    report(sink, file, 'structure', 'expected {"text": "...", "label": [[start, end, "LABEL"], ...]}', { line });
    return null;
  }
  const text = v.text;
  const map = new OffsetMap(text);
  let id = typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : `${opts.id}-${ordinal}`;
  if (ids.has(id)) {
    // never renamed quietly: two documents with one id would be merged or mixed up downstream
    report(sink, file, 'duplicate-id', `document id ${JSON.stringify(id)} appears again`, { line });
    id = `${id}-line${line}`;
  }
  ids.add(id);
  const entities: Entity[] = [];
  const raws: { start: unknown; end: unknown; label: unknown; ref: string }[] = [];
  const list = v.label ?? v.labels;
  if (list !== undefined) {
    if (!Array.isArray(list)) {
      report(sink, file, 'structure', '"label" must be an array of [start, end, "LABEL"]', { line });
      return null;
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
  const unit: OffsetUnit = opts.offsets ?? 'utf16';
  for (const r of raws) {
    const e = unit === 'utf16' ? entityFromUtf16(map, r, { file, line, ref: r.ref }, sink) : entityFromCodePoints(map, r, { file, line, ref: r.ref }, sink);
    if (e) entities.push(e);
  }
  const doc: Document = { id, text, sentences: [], tokens: [], entities };
  if (Array.isArray(v.relations) && v.relations.length > 0)
    doc.meta = { doccano: { relations: v.relations, entity_ids: Array.isArray(v.entities) ? v.entities.map((x) => (isObj(x) ? x.id : undefined)) : undefined } };
  return doc;
}

export function parseDoccano(input: FormatInput, opts: ParseOptions): Document[] {
  const docs: Document[] = [];
  const ids = new Set<string>();
  input.content.split('\n').forEach((raw, k) => {
    if (raw.trim() === '') return;
    const d = parseDoccanoLine(raw, input.file, k + 1, opts, ids, docs.length + 1);
    if (d !== null) docs.push(d);
  });
  return docs;
}

/** doccano JSONL; offsets in UTF-16 units unless `offsets` is 'codepoint'. */
export function renderDoccano(docs: readonly Document[], out: string, offsets: OffsetUnit = 'utf16'): Rendered {
  const lines = docs.map((d) => {
    const map = new OffsetMap(d.text);
    const label = [...d.entities]
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((e) => (offsets === 'utf16' ? [e.start, e.end, e.label] : [map.toCodePoint(e.start), map.toCodePoint(e.end), e.label]));
    return `${JSON.stringify({ id: d.id, text: d.text, label })}\n`;
  });
  return { files: new Map([[out, lines.join('')]]), misaligned: [] };
}
