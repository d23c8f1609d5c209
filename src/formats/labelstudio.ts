/**
 * Label Studio JSON (export of a Named Entity Recognition project, and the
 * import format for pre-annotations): a list of tasks
 *   {"id"?, "data": {"text": ..., "doc"?: id},
 *    "annotations": [{"id", "completed_by", "ground_truth", "was_cancelled", "updated_at", "result": [R, ...]}],
 *    "predictions": [{"model_version", "score"?, "result": [R, ...]} | id]}
 *   R = {"id", "from_name": "label", "to_name": "text", "type": "labels",
 *        "value": {"start", "end", "text", "labels": ["LOC"]}, "score"?}
 * and the JSON-MIN export (one flat record per annotation:
 * {"text", "id", "label": [{start, end, text, labels}], "annotator", "annotation_id", "updated_at"}).
 * Offsets are code points; the names `label`, `text`, `$text` follow the
 * project's labeling config (options `labelstudio`).
 *
 * Reading (label-studio's export rules): cancelled annotations are ignored;
 * a task with no other annotation is unfinished and skipped (counted; its
 * predictions are never taken as gold). The annotation used is the one
 * with `ground_truth: true`, else the most recent (`updated_at`); with
 * `annotations: 'all'` each annotation is its own document, a layer, with
 * `meta.annotator` = `completed_by`, id `DOC@ANNOTATOR`, `meta.document` = DOC.
 * Relations and other result types are skipped and counted. Each span is
 * checked against `value.text`: when code points disagree but UTF-16 units
 * agree (Label Studio before its emoji fix, issue 1347), the UTF-16 reading
 * is used and counted; when neither agrees it is an error.
 *
 * Writing: gold entities (no `source`) go to `annotations`, model output to
 * one `predictions` entry per source, so a model's output loads as
 * pre-annotation to be corrected; the labeling config goes beside the tasks.
 */
import type { Document, Entity } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { addNote, entityFromCodePoints, entityFromUtf16, report, type FormatInput, type LabelStudioNames, type ParseOptions, type Rendered, type RenderOptions } from './common.js';
import { JsonSyntaxError, parseJsonWithLines, type ParsedJson } from './json-parse.js';
import { configPathFor, lsNames, renderLabelingConfig } from './labelstudio-config.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface LabelStudioMeta {
  /** Task id and data keys other than text, kept for the round trip. */
  task?: unknown;
  data?: Record<string, unknown>;
  from_name?: string;
  to_name?: string;
  data_key?: string;
  /** Id of the annotation read. */
  annotation?: unknown;
}

/** What the reader counts on stderr. */
export const LS_NOTES = {
  unfinished: 'unfinished tasks skipped (no annotation that is not cancelled; predictions are not gold)',
  cancelled: 'cancelled annotations ignored',
  utf16: 'spans repaired: offsets counted in UTF-16 units (Label Studio before its emoji fix) where code points disagree with value.text',
  otherAnnotators: 'annotations by other annotators not used (the ground truth or most recent one was; --annotations all keeps every one)',
  skipped: (type: string): string => `"${type}" results skipped (not entity spans)`,
  otherControl: (name: string): string => `results of the control "${name}" skipped (not the configured --ls-from-name)`,
} as const;

interface Ctx {
  file: string;
  opts: ParseOptions;
  names: LabelStudioNames;
  /** Whether from_name was given: results of other controls are then skipped. */
  strictFromName: boolean;
  lineOf(v: unknown): number | undefined;
  ids: Set<string>;
}

function uniqueId(ctx: Ctx, id: string, k: number): string {
  let out = id;
  if (ctx.ids.has(out)) {
    // two tasks with one document id are an error (validate and every reader), never renamed quietly
    report(ctx.opts.sink, ctx.file, 'duplicate-id', `document id ${JSON.stringify(id)} appears again (task ${k + 1})`);
    out = `${id}-${k + 1}`;
  }
  ctx.ids.add(out);
  return out;
}

const time = (a: Record<string, unknown>): number => {
  const t = Date.parse(String(a.updated_at ?? a.created_at ?? ''));
  return Number.isNaN(t) ? -Infinity : t;
};

/**
 * The annotation Label Studio's own export would use: ground truth first,
 * then the most recent; equal times keep the later one in the list.
 */
export function selectAnnotation<T extends Record<string, unknown>>(anns: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const a of anns) {
    if (best === undefined) {
      best = a;
      continue;
    }
    const ga = a.ground_truth === true;
    const gb = best.ground_truth === true;
    if (ga !== gb) {
      if (ga) best = a;
      continue;
    }
    if (time(a) >= time(best)) best = a;
  }
  return best;
}

/** Entities of one annotation's results, each checked against value.text. */
function entitiesOfResults(results: readonly unknown[], map: OffsetMap, ctx: Ctx, meta: LabelStudioMeta, fallbackLine: number | undefined, what: string, source?: string): Entity[] {
  const { file, opts } = ctx;
  const sink = opts.sink;
  const entities: Entity[] = [];
  for (const r of results) {
    const rline = ctx.lineOf(r) ?? fallbackLine;
    if (!isObj(r)) {
      report(sink, file, 'structure', 'result must be an object', { line: rline });
      continue;
    }
    if (r.type !== 'labels') {
      addNote(opts.notes, LS_NOTES.skipped(typeof r.type === 'string' ? r.type : 'untyped'));
      continue;
    }
    if (ctx.strictFromName && r.from_name !== ctx.names.fromName) {
      addNote(opts.notes, LS_NOTES.otherControl(String(r.from_name)));
      continue;
    }
    if (typeof r.from_name === 'string') meta.from_name = r.from_name;
    if (typeof r.to_name === 'string') meta.to_name = r.to_name;
    const ref = typeof r.id === 'string' || typeof r.id === 'number' ? `${what}, result ${String(r.id)}` : what;
    entities.push(...spansOfValue(r.value, typeof r.score === 'number' ? r.score : undefined, map, ctx, { file, line: rline, ref }, source));
  }
  return entities;
}

/** The entities of one `{start, end, text, labels}` value (JSON-MIN items too). */
function spansOfValue(v: unknown, score: number | undefined, map: OffsetMap, ctx: Ctx, where: { file: string; line?: number; ref?: string }, source?: string): Entity[] {
  const sink = ctx.opts.sink;
  if (!isObj(v) || !Array.isArray(v.labels) || v.labels.length === 0) {
    report(sink, where.file, 'structure', 'labels result needs "value": {"start", "end", "labels": [...]}', where);
    return [];
  }
  const out: Entity[] = [];
  let repaired = false;
  for (const label of v.labels) {
    const raw = { start: v.start, end: v.end, label, text: v.text, score, source };
    // code points first; where value.text disagrees but fits as UTF-16 units, repair (counted)
    const quiet: Parameters<typeof entityFromCodePoints>[3] = () => {};
    let e = entityFromCodePoints(map, raw, where, quiet);
    if (e === null && typeof v.text === 'string') {
      e = entityFromUtf16(map, raw, where, quiet);
      if (e !== null) repaired = true;
    }
    if (e === null) {
      // neither reading agrees: report the code point reading's problem, naming the task and span
      const problems: Parameters<typeof sink>[0][] = [];
      entityFromCodePoints(map, raw, where, (p) => problems.push(p));
      for (const p of problems) sink({ ...p, message: `${p.message}; as UTF-16 units it does not fit either` });
      continue;
    }
    out.push(e);
  }
  if (repaired) addNote(ctx.opts.notes, LS_NOTES.utf16);
  return out;
}

function docFor(ctx: Ctx, id: string, text: string, entities: Entity[], meta: LabelStudioMeta, annotator: unknown): Document {
  const doc: Document = { id, text, sentences: [], tokens: [], entities };
  const m: Record<string, unknown> = {};
  if (Object.keys(meta).length > 0) m.labelstudio = meta;
  if (annotator !== undefined && annotator !== null) m.annotator = String(annotator);
  if (Object.keys(m).length > 0) doc.meta = m;
  void ctx;
  return doc;
}

/** One task of a full JSON export → its documents (none when unfinished). */
export function parseLabelStudioTask(task: unknown, k: number, ctx: Ctx): Document[] {
  const { file, opts, names } = ctx;
  const sink = opts.sink;
  const line = ctx.lineOf(task);
  const what = isObj(task) && task.id !== undefined ? `task ${String(task.id)}` : `task ${k + 1}`;
  if (!isObj(task) || !isObj(task.data)) {
    report(sink, file, 'structure', `${what}: expected a task {"data": {"${names.dataKey}": ...}, "annotations": [...]}`, { line });
    return [];
  }
  const data = task.data;
  const text = data[names.dataKey];
  if (typeof text !== 'string') {
    const keys =
      Object.keys(data)
        .map((x) => `"${x}"`)
        .join(', ') || 'none';
    report(sink, file, 'structure', `${what}: "data" has no "${names.dataKey}" string (its keys: ${keys}); name the key with --ls-data-key or --ls-config`, { line: ctx.lineOf(data) ?? line });
    return [];
  }
  for (const p of Array.isArray(task.predictions) ? task.predictions : []) {
    // predictions as objects or as bare ids: never gold, only checked for shape
    if (!isObj(p) && !Number.isInteger(p)) report(sink, file, 'structure', `${what}: a prediction must be an object or an integer id, got ${JSON.stringify(p)}`, { line });
  }
  if (task.predictions !== undefined && !Array.isArray(task.predictions)) report(sink, file, 'structure', `${what}: "predictions" must be an array`, { line });
  if (opts.annotations === 'predictions') return predictionDocs(task, k, ctx, text, what, line);
  const list = task.annotations ?? task.completions ?? [];
  if (!Array.isArray(list)) {
    report(sink, file, 'structure', `${what}: "annotations" must be an array`, { line });
    return [];
  }
  const live: Record<string, unknown>[] = [];
  for (const a of list) {
    if (!isObj(a)) {
      report(sink, file, 'structure', `${what}: an annotation must be an object with "result"`, { line: ctx.lineOf(a) ?? line });
      continue;
    }
    if (a.was_cancelled === true) {
      addNote(opts.notes, LS_NOTES.cancelled);
      continue;
    }
    if (!Array.isArray(a.result)) {
      report(sink, file, 'structure', `${what}: annotation has no "result" array`, { line: ctx.lineOf(a) ?? line });
      continue;
    }
    live.push(a);
  }
  if (live.length === 0) {
    addNote(opts.notes, LS_NOTES.unfinished);
    return [];
  }
  const baseId = typeof data.doc === 'string' && data.doc !== '' ? data.doc : task.id !== undefined ? `${opts.id}-${String(task.id)}` : `${opts.id}-${k + 1}`;
  const map = new OffsetMap(text);
  const { [names.dataKey]: _t, doc: _d, ...rest } = data;
  const layers = opts.annotations === 'all' ? live : [selectAnnotation(live)!];
  if (opts.annotations !== 'all') addNote(opts.notes, LS_NOTES.otherAnnotators, live.length - 1);
  return layers.map((a) => {
    const meta: LabelStudioMeta = {};
    if (task.id !== undefined) meta.task = task.id;
    if (Object.keys(rest).length > 0) meta.data = rest;
    if (names.dataKey !== 'text') meta.data_key = names.dataKey;
    if (a.id !== undefined) meta.annotation = a.id;
    const entities = entitiesOfResults(a.result as unknown[], map, ctx, meta, ctx.lineOf(a) ?? line, what);
    const annotator = a.completed_by ?? undefined;
    const annotatorId = isObj(annotator) ? (annotator.email ?? annotator.id) : annotator;
    if (opts.annotations === 'all') {
      const who = annotatorId === undefined ? `annotation${String(a.id ?? layers.indexOf(a) + 1)}` : String(annotatorId);
      const doc = docFor(ctx, uniqueId(ctx, `${baseId}@${who}`, k), text, entities, meta, who);
      doc.meta = { ...doc.meta, document: baseId };
      return doc;
    }
    return docFor(ctx, uniqueId(ctx, baseId, k), text, entities, meta, annotatorId);
  });
}

/**
 * `annotations: 'predictions'`: the model output of a task (pre-annotations,
 * e.g. gujnlp's own Label Studio output), with `source` = model_version;
 * never mixed with annotations. Predictions given only as ids are counted.
 */
function predictionDocs(task: Record<string, unknown>, k: number, ctx: Ctx, text: string, what: string, line: number | undefined): Document[] {
  const { opts, names } = ctx;
  const data = task.data as Record<string, unknown>;
  const preds = Array.isArray(task.predictions) ? task.predictions : [];
  const objs = preds.filter(isObj);
  addNote(opts.notes, 'predictions given only as ids skipped (the export holds no results for them)', preds.length - objs.length);
  if (objs.length === 0) {
    addNote(opts.notes, 'tasks without predictions skipped');
    return [];
  }
  const map = new OffsetMap(text);
  const meta: LabelStudioMeta = {};
  if (task.id !== undefined) meta.task = task.id;
  const { [names.dataKey]: _t, doc: _d, ...rest } = data;
  if (Object.keys(rest).length > 0) meta.data = rest;
  const entities = objs.flatMap((p) =>
    Array.isArray(p.result) ? entitiesOfResults(p.result, map, ctx, meta, ctx.lineOf(p) ?? line, what, typeof p.model_version === 'string' ? p.model_version : 'prediction') : [],
  );
  const baseId = typeof data.doc === 'string' && data.doc !== '' ? data.doc : task.id !== undefined ? `${opts.id}-${String(task.id)}` : `${opts.id}-${k + 1}`;
  return [docFor(ctx, uniqueId(ctx, baseId, k), text, entities, meta, undefined)];
}

/** True when the parsed export is JSON-MIN (flat records with the text at the top). */
function isJsonMin(items: readonly unknown[], names: LabelStudioNames): boolean {
  return items.length > 0 && items.every((x) => isObj(x) && x.data === undefined && typeof x[names.dataKey] === 'string');
}

/** JSON-MIN: one record per annotation; records of one task id are its annotations. */
function parseJsonMin(items: readonly Record<string, unknown>[], ctx: Ctx): Document[] {
  const { names, opts } = ctx;
  const byTask = new Map<string, Record<string, unknown>[]>();
  items.forEach((x, k) => {
    const key = x.id !== undefined ? String(x.id) : `#${k}`;
    byTask.set(key, [...(byTask.get(key) ?? []), x]);
  });
  const docs: Document[] = [];
  let k = 0;
  for (const [key, recs] of byTask) {
    const chosen = opts.annotations === 'all' ? recs : [selectAnnotation(recs)!];
    if (opts.annotations !== 'all') addNote(opts.notes, LS_NOTES.otherAnnotators, recs.length - 1);
    const baseId = key.startsWith('#') ? `${opts.id}-${k + 1}` : `${opts.id}-${key}`;
    for (const rec of chosen) {
      const original = rec;
      const text = original[names.dataKey] as string;
      const map = new OffsetMap(text);
      const line = ctx.lineOf(original);
      const value = original[names.fromName];
      const entities: Entity[] = [];
      if (value !== undefined) {
        if (!Array.isArray(value)) report(opts.sink, ctx.file, 'structure', `"${names.fromName}" must be a list of {start, end, text, labels}`, { line });
        else for (const v of value) entities.push(...spansOfValue(v, undefined, map, ctx, { file: ctx.file, line: ctx.lineOf(v) ?? line }));
      }
      const meta: LabelStudioMeta = { from_name: names.fromName, to_name: names.toName };
      if (original.id !== undefined) meta.task = original.id;
      if (original.annotation_id !== undefined) meta.annotation = original.annotation_id;
      const who = original.annotator;
      if (opts.annotations === 'all') {
        const w = who === undefined ? `annotation${String(original.annotation_id ?? chosen.indexOf(rec) + 1)}` : String(who);
        const doc = docFor(ctx, uniqueId(ctx, `${baseId}@${w}`, k), text, entities, meta, w);
        doc.meta = { ...doc.meta, document: baseId };
        docs.push(doc);
      } else docs.push(docFor(ctx, uniqueId(ctx, baseId, k), text, entities, meta, who));
    }
    k++;
  }
  return docs;
}

export function parseLabelStudio(input: FormatInput, opts: ParseOptions): Document[] {
  const { file } = input;
  let parsed: ParsedJson;
  try {
    parsed = parseJsonWithLines(input.content);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      report(opts.sink, file, 'syntax', `invalid JSON: ${err.message} (column ${err.column})`, { line: err.line });
      return [];
    }
    throw err;
  }
  const names = lsNames(opts.labelstudio);
  const ctx: Ctx = { file, opts, names, strictFromName: opts.labelstudio?.fromName !== undefined, lineOf: (v) => parsed.lineOf(v), ids: new Set() };
  const tasks = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (isJsonMin(tasks, names)) return parseJsonMin(tasks as Record<string, unknown>[], ctx);
  return tasks.flatMap((task, k) => parseLabelStudioTask(task, k, ctx));
}

function lsMeta(doc: Document): LabelStudioMeta | undefined {
  const m = doc.meta?.labelstudio;
  return typeof m === 'object' && m !== null ? (m as LabelStudioMeta) : undefined;
}

export function renderLabelStudio(docs: readonly Document[], out: string, opts: Partial<RenderOptions> = {}): Rendered {
  const names = lsNames(opts.labelstudio);
  const found = new Set<string>();
  const tasks = docs.map((doc) => {
    const map = new OffsetMap(doc.text);
    const meta = lsMeta(doc);
    let n = 0;
    const result = (e: Entity): Record<string, unknown> => {
      found.add(e.label);
      const r: Record<string, unknown> = {
        id: `${doc.id}-${++n}`,
        from_name: names.fromName,
        to_name: names.toName,
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
    task.data = { [names.dataKey]: doc.text, doc: typeof doc.meta?.document === 'string' ? doc.meta.document : doc.id, ...(meta?.data ?? {}) };
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
  const labels = [...(opts.labels ?? [])];
  for (const l of [...found].sort()) if (!labels.includes(l)) labels.push(l);
  const files = new Map([[out, `${JSON.stringify(tasks, null, 2)}\n`]]);
  if (opts.sidecars !== false) files.set(configPathFor(out === 'stdout' ? 'tasks.json' : out), renderLabelingConfig(labels, names));
  return { files, misaligned: [] };
}
