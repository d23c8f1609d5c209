/**
 * Label Studio JSON (export of a Named Entity Recognition project, and the
 * import format for pre-annotations): a list of tasks
 *   {"id"?, "data": {"text": ..., "doc"?: id},
 *    "annotations": [{"result": [R, ...]}], "predictions": [{"model_version", "score"?, "result": [R, ...]}]}
 *   R = {"id", "from_name": "label", "to_name": "text", "type": "labels",
 *        "value": {"start", "end", "text", "labels": ["LOC"]}, "score"?}
 * Offsets are code points (Label Studio stores code points since its emoji
 * fix; a file with UTF-16 offsets is reported with a hint).
 *
 * Reading: entities come from the first annotation that is not cancelled;
 * a task without annotations gives the first prediction's results, with
 * `source` = its model_version. Writing: gold entities (no `source`) go to
 * `annotations`, model output to one `predictions` entry per source, so a
 * model's output loads as pre-annotation to be corrected.
 */
import type { Document, Entity } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { entityFromCodePoints, report, type FormatInput, type ParseOptions, type Rendered } from './common.js';
import { JsonSyntaxError, parseJsonWithLines, type ParsedJson } from './json-parse.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface LabelStudioMeta {
  /** Task id and data keys other than text, kept for the round trip. */
  task?: unknown;
  data?: Record<string, unknown>;
  from_name?: string;
  to_name?: string;
}

export function parseLabelStudio(input: FormatInput, opts: ParseOptions): Document[] {
  const { file } = input;
  const sink = opts.sink;
  let parsed: ParsedJson;
  try {
    parsed = parseJsonWithLines(input.content);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      report(sink, file, 'syntax', `invalid JSON: ${err.message} (column ${err.column})`, { line: err.line });
      return [];
    }
    throw err;
  }
  const tasks = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const docs: Document[] = [];
  const ids = new Set<string>();
  tasks.forEach((task, k) => {
    const line = parsed.lineOf(task);
    if (!isObj(task) || !isObj(task.data) || typeof task.data.text !== 'string') {
      report(sink, file, 'structure', 'expected a task {"data": {"text": ...}, "annotations": [...]}', { line });
      return;
    }
    const data = task.data;
    const text = data.text as string;
    const map = new OffsetMap(text);
    let id = typeof data.doc === 'string' ? data.doc : task.id !== undefined ? `${opts.id}-${String(task.id)}` : `${opts.id}-${k + 1}`;
    if (ids.has(id)) id = `${id}-${k + 1}`;
    ids.add(id);
    const meta: LabelStudioMeta = {};
    if (task.id !== undefined) meta.task = task.id;
    const { text: _t, doc: _d, ...rest } = data;
    if (Object.keys(rest).length > 0) meta.data = rest;

    const pick = (key: 'annotations' | 'predictions'): { result: unknown[]; source?: string; line?: number } | undefined => {
      const list = task[key];
      if (list === undefined) return undefined;
      if (!Array.isArray(list)) {
        report(sink, file, 'structure', `"${key}" must be an array`, { line });
        return undefined;
      }
      for (const a of list) {
        if (!isObj(a)) {
          report(sink, file, 'structure', `${key} entry must be an object with "result"`, { line: parsed.lineOf(a) ?? line });
          continue;
        }
        if (a.was_cancelled === true) continue;
        if (!Array.isArray(a.result)) {
          report(sink, file, 'structure', `${key} entry has no "result" array`, { line: parsed.lineOf(a) ?? line });
          continue;
        }
        const source = key === 'predictions' ? (typeof a.model_version === 'string' ? a.model_version : 'prediction') : undefined;
        return { result: a.result, source, line: parsed.lineOf(a) };
      }
      return undefined;
    };
    const chosen = pick('annotations') ?? pick('predictions');
    const entities: Entity[] = [];
    for (const r of chosen?.result ?? []) {
      const rline = parsed.lineOf(r) ?? chosen?.line ?? line;
      if (!isObj(r)) {
        report(sink, file, 'structure', 'result must be an object', { line: rline });
        continue;
      }
      if (r.type !== 'labels') continue; // relations, choices, ... are not spans
      const v = r.value;
      const ref = typeof r.id === 'string' ? r.id : undefined;
      if (!isObj(v) || !Array.isArray(v.labels) || v.labels.length === 0) {
        report(sink, file, 'structure', 'labels result needs "value": {"start", "end", "labels": [...]}', { line: rline, ref });
        continue;
      }
      if (typeof r.from_name === 'string') meta.from_name = r.from_name;
      if (typeof r.to_name === 'string') meta.to_name = r.to_name;
      for (const label of v.labels) {
        const score = typeof r.score === 'number' ? r.score : undefined;
        const e = entityFromCodePoints(map, { start: v.start, end: v.end, label, text: v.text, source: chosen?.source, score }, { file, line: rline, ref }, sink);
        if (e) entities.push(e);
      }
    }
    const doc: Document = { id, text, sentences: [], tokens: [], entities };
    if (Object.keys(meta).length > 0) doc.meta = { labelstudio: meta };
    docs.push(doc);
  });
  return docs;
}

function lsMeta(doc: Document): LabelStudioMeta | undefined {
  const m = doc.meta?.labelstudio;
  return typeof m === 'object' && m !== null ? (m as LabelStudioMeta) : undefined;
}

export function renderLabelStudio(docs: readonly Document[], out: string): Rendered {
  const tasks = docs.map((doc) => {
    const map = new OffsetMap(doc.text);
    const meta = lsMeta(doc);
    const from_name = meta?.from_name ?? 'label';
    const to_name = meta?.to_name ?? 'text';
    let n = 0;
    const result = (e: Entity): Record<string, unknown> => {
      const r: Record<string, unknown> = {
        id: `${doc.id}-${++n}`,
        from_name,
        to_name,
        type: 'labels',
        value: { start: map.toCodePoint(e.start), end: map.toCodePoint(e.end), text: doc.text.slice(e.start, e.end), labels: [e.label] },
      };
      if (e.score !== undefined) r.score = e.score;
      return r;
    };
    const sorted = [...doc.entities].sort((a, b) => a.start - b.start || a.end - b.end);
    const gold = sorted.filter((e) => e.source === undefined);
    const bySource = new Map<string, Entity[]>();
    for (const e of sorted) if (e.source !== undefined) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
    const task: Record<string, unknown> = {};
    if (meta?.task !== undefined) task.id = meta.task;
    task.data = { text: doc.text, doc: doc.id, ...(meta?.data ?? {}) };
    // no annotation object without spans: Label Studio would count the task as labelled
    task.annotations = gold.length > 0 ? [{ result: gold.map(result) }] : [];
    task.predictions = [...bySource].map(([source, ents]) => {
      const p: Record<string, unknown> = { model_version: source, result: ents.map(result) };
      const scores = ents.map((e) => e.score).filter((s): s is number => s !== undefined);
      if (scores.length === ents.length && scores.length > 0) p.score = scores.reduce((a, b) => a + b, 0) / scores.length;
      return p;
    });
    return task;
  });
  return { files: new Map([[out, `${JSON.stringify(tasks, null, 2)}\n`]]), misaligned: [] };
}
