/**
 * Hugging Face token classification: JSON Lines, one sentence per line,
 *   {"id": "0", "tokens": [...], "ner_tags": [3, 4, 0, ...]}
 * with the label list (IOB2 by default: O, then B-/I- per schema type) in
 * `labels.json` beside it — the layout `datasets` and `run_ner.py` read.
 *
 * For lossless round trips each line also carries, in code points relative
 * to its document: "doc" (document id), "text" (the sentence), "start" (its
 * offset), "offsets" (per token) and "spans" ({start, end, label} objects of
 * the entities starting in the sentence, exact even where tags could not be);
 * "doc_text" (the document text, on its first line when the document is not
 * just its sentences joined by newlines, else null) and "meta" (a JSON
 * string, on the first line of a document with some, else null); extra
 * CoNLL columns (POS, chunk) go on each line as "columns". Every line has
 * the same keys and no list mixes types, so Arrow (datasets) loads the file;
 * a dataset card README.md declares the features with the label names.
 * Files with only tokens and ner_tags are read too (text rebuilt or --text),
 * and older gujnlp files ([start, end, label] spans, meta objects).
 */
import { dirname, join } from 'node:path';
import type { Document, Entity, Sentence, Token } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { entitiesToTags, sentenceTokenRanges, tagsToEntities } from '../align/index.js';
import { schemePrefixes } from '../tags/encode.js';
import type { TagScheme } from '../tags/scheme.js';
import { guessScheme } from '../tags/guess.js';
import { checkTagSequence } from '../tags/check.js';
import {
  documentFromTokenLines,
  isEntityTag,
  setTokenOrigins,
  entityFromCodePoints,
  guessTokenKind,
  report,
  stemOf,
  type FormatInput,
  type ParseOptions,
  type Rendered,
  type RenderOptions,
} from './common.js';
import { JsonSyntaxError, parseJsonWithLines } from './json-parse.js';
import { parseJsonLine } from './doccano.js';
import { hfColumns, renderDatasetCard, splitNameOf } from './hf-card.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths where the label list of `file` is looked for: `<stem>.labels.json`, then `labels.json`. */
export function labelFileCandidates(file: string): string[] {
  const dir = dirname(file);
  return [join(dir, `${stemOf(file, ['.jsonl'])}.labels.json`), join(dir, 'labels.json')];
}

function readLabels(input: FormatInput, opts: ParseOptions): string[] | undefined {
  for (const p of labelFileCandidates(input.file)) {
    const content = input.sibling(p);
    if (content === undefined) continue;
    let v: unknown;
    try {
      v = parseJsonWithLines(content).value;
    } catch (err) {
      const line = err instanceof JsonSyntaxError ? err.line : undefined;
      report(opts.sink, p, 'syntax', `invalid JSON in label list: ${(err as Error).message}`, { line });
      return undefined;
    }
    // a list, or a transformers config-style {"id2label": {"0": "O", ...}}
    if (isObj(v) && isObj(v.id2label)) {
      const m = v.id2label;
      v = Object.keys(m)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => m[k]);
    }
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      report(opts.sink, p, 'structure', 'label list must be a JSON array of tag strings ["O", "B-PER", ...]');
      return undefined;
    }
    return v as string[];
  }
  return undefined;
}

export interface HfLine {
  line: number;
  id?: unknown;
  doc?: string;
  tokens: string[];
  tags: string[];
  offsets?: [number, number][];
  spans?: unknown[];
  text?: string;
  start?: number;
  docText?: string;
  meta?: Record<string, unknown>;
  /** Extra CoNLL columns per token (CoNLL-2003 POS and chunk tags). */
  columns?: string[][];
}

/** State shared by the lines of one HF file: its label list, read once when integer tags first appear. */
export interface HfLineContext {
  input: FormatInput;
  labels?: string[];
  labelsRead: boolean;
}

/** One JSON Lines row → its tokens, tags and round-trip keys (null after reporting a problem). */
export function parseHfLine(raw: string, line: number, ctx: HfLineContext, opts: ParseOptions): HfLine | null {
  const file = ctx.input.file;
  const sink = opts.sink;
  const v = parseJsonLine(raw, file, line, opts);
  if (v === undefined) return null;
  if (!isObj(v) || !Array.isArray(v.tokens) || !v.tokens.every((t) => typeof t === 'string' && t !== '')) {
    report(sink, file, 'structure', 'expected {"tokens": [non-empty strings], "ner_tags": [...]}', { line });
    return null;
  }
  if (!Array.isArray(v.ner_tags)) {
    report(sink, file, 'structure', 'missing "ner_tags" array', { line });
    return null;
  }
  const tokens = v.tokens as string[];
  if (v.ner_tags.length !== tokens.length) {
    report(sink, file, 'count-mismatch', `${tokens.length} tokens but ${v.ner_tags.length} ner_tags`, { line });
    return null;
  }
  const tags: string[] = [];
  for (const x of v.ner_tags) {
    if (typeof x === 'string') {
      tags.push(x);
      continue;
    }
    if (!ctx.labelsRead) {
      ctx.labels = readLabels(ctx.input, opts);
      ctx.labelsRead = true;
      if (ctx.labels === undefined) report(sink, file, 'structure', `integer ner_tags need a label list: none of ${labelFileCandidates(file).join(', ')} exists`, { line });
    }
    if (ctx.labels === undefined) return null;
    if (!Number.isInteger(x) || x < 0 || x >= ctx.labels.length) {
      report(sink, file, 'structure', `ner_tag ${JSON.stringify(x)} is not an index into the ${ctx.labels.length} labels`, { line });
      return null;
    }
    tags.push(ctx.labels[x]);
  }
  for (const t of tags) {
    if (!isEntityTag(t)) {
      report(sink, file, 'syntax', `invalid tag ${JSON.stringify(t)}`, { line });
      return null;
    }
  }
  const row: HfLine = { line, id: v.id, tokens, tags };
  if (typeof v.doc === 'string') row.doc = v.doc;
  if (v.offsets !== undefined) {
    const o = v.offsets;
    if (!Array.isArray(o) || !o.every((p) => Array.isArray(p) && p.length === 2 && Number.isInteger(p[0]) && Number.isInteger(p[1]))) {
      report(sink, file, 'structure', '"offsets" must be [[start, end], ...] integer pairs', { line });
      return null;
    }
    if (o.length !== tokens.length) {
      report(sink, file, 'count-mismatch', `${tokens.length} tokens but ${o.length} offsets`, { line });
      return null;
    }
    row.offsets = o as [number, number][];
  }
  if (v.spans !== undefined) {
    if (!Array.isArray(v.spans)) {
      report(sink, file, 'structure', '"spans" must be [[start, end, label], ...]', { line });
      return null;
    }
    row.spans = v.spans;
  }
  if (typeof v.text === 'string') row.text = v.text;
  if (Number.isInteger(v.start)) row.start = v.start as number;
  if (typeof v.doc_text === 'string') row.docText = v.doc_text;
  if (isObj(v.meta)) row.meta = v.meta;
  else if (typeof v.meta === 'string') {
    try {
      const m = JSON.parse(v.meta) as unknown;
      if (isObj(m)) row.meta = m;
      else throw new Error('not an object');
    } catch {
      report(sink, file, 'structure', '"meta" must be a JSON object (or a string holding one)', { line });
      return null;
    }
  }
  if (Array.isArray(v.columns) && v.columns.length === tokens.length && v.columns.every((c) => Array.isArray(c) && c.every((x) => typeof x === 'string'))) {
    row.columns = v.columns as string[][];
  }
  return row;
}

export function parseHf(input: FormatInput, opts: ParseOptions): Document[] {
  const { file, content } = input;
  const sink = opts.sink;
  const ctx: HfLineContext = { input, labelsRead: false };
  const rows: HfLine[] = [];
  content.split('\n').forEach((raw, k) => {
    if (raw.trim() === '') return;
    const row = parseHfLine(raw, k + 1, ctx, opts);
    if (row !== null) rows.push(row);
  });

  // consecutive lines with the same "doc" form a document
  const groups: HfLine[][] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0].doc === r.doc) last.push(r);
    else groups.push([r]);
  }
  const scheme = opts.scheme ?? guessScheme(rows.flatMap((r) => r.tags)).scheme;
  if (opts.text !== undefined && groups.length > 1) {
    report(sink, file, 'structure', `--text gives one text but the file holds ${groups.length} documents`, { line: groups[1][0].line });
    return [];
  }
  const seen = new Map<string, number>();
  return groups.map((g, k) => {
    let id = g[0].doc ?? (groups.length > 1 ? `${opts.id}-${k + 1}` : opts.id);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) id = `${id}-${n + 1}`;
    return hfGroupDocument(g, id, scheme, file, opts);
  });
}

/** The document of one group of rows (consecutive rows with the same "doc"): tag sequences checked, then tokens and entities (src/stream/ reads groups one at a time). */
export function hfGroupDocument(g: HfLine[], id: string, scheme: TagScheme, file: string, opts: ParseOptions): Document {
  for (const r of g) {
    for (const p of checkTagSequence(r.tags, scheme)) report(opts.sink, file, 'tag-sequence', `token ${p.index + 1}: ${p.message} (scheme ${scheme})`, { line: r.line });
  }
  return g.every((r) => r.offsets !== undefined) ? docFromOffsets(id, g, file, opts) : docFromTokens(id, g, file, opts);
}

/** Lines without offsets: text rebuilt from the tokens (or located in --text), entities from the tags. */
function docFromTokens(id: string, g: HfLine[], file: string, opts: ParseOptions): Document {
  const doc = documentFromTokenLines(
    id,
    g.map((r) => r.tokens.map((text) => ({ text, line: r.line }))),
    file,
    opts.sink,
    opts.text ?? g[0].docText,
  );
  if (doc.tokens.length === g.reduce((n, r) => n + r.tokens.length, 0)) {
    setEntitiesFromTags(doc, g, file);
  }
  restoreMeta(doc, g);
  return doc;
}

/** Lines with offsets: the document text from doc_text or the sentence texts, tokens from the offsets. */
function docFromOffsets(id: string, g: HfLine[], file: string, opts: ParseOptions): Document {
  const sink = opts.sink;
  let text = opts.text ?? g[0].docText;
  if (text === undefined) {
    if (g.every((r) => r.text !== undefined)) text = g.map((r) => r.text).join('\n');
    else text = g.map((r) => r.tokens.join(' ')).join('\n');
  }
  const map = new OffsetMap(text);
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const entities: Entity[] = [];
  let tagsOk = true;
  for (const r of g) {
    const before = tokens.length;
    let bad = false;
    r.offsets!.forEach(([s, e], i) => {
      if (bad) return;
      if (s < 0 || e > map.codePointLength || s >= e) {
        report(sink, file, 'offsets', `token ${i + 1} offsets ${s}-${e} outside the text of ${map.codePointLength} code points`, { line: r.line });
        bad = true;
        return;
      }
      const u = { start: map.toUtf16(s), end: map.toUtf16(e) };
      const actual = text.slice(u.start, u.end);
      if (actual !== r.tokens[i]) {
        report(sink, file, 'text-mismatch', `token ${i + 1} ${JSON.stringify(r.tokens[i])} differs from the text at its offsets ${s}-${e} ${JSON.stringify(actual)}`, { line: r.line });
        bad = true;
        return;
      }
      tokens.push({ ...u, text: actual, kind: guessTokenKind(actual) });
    });
    if (bad) {
      tokens.length = before;
      tagsOk = false;
      continue;
    }
    if (tokens.length > before) {
      let sStart = tokens[before].start;
      let sEnd = tokens[tokens.length - 1].end;
      if (r.start !== undefined && r.text !== undefined && r.start >= 0 && r.start <= map.codePointLength) {
        const s = map.toUtf16(r.start);
        if (text.startsWith(r.text, s)) {
          sStart = s;
          sEnd = s + r.text.length;
        }
      }
      sentences.push({ start: sStart, end: sEnd, text: text.slice(sStart, sEnd) });
    }
    if (r.spans !== undefined) {
      r.spans.forEach((sp, i) => {
        const raw = Array.isArray(sp) && sp.length >= 3 ? { start: sp[0], end: sp[1], label: sp[2] } : isObj(sp) ? { start: sp.start, end: sp.end, label: sp.label } : undefined;
        if (raw === undefined) {
          report(sink, file, 'structure', `spans[${i}] must be {"start", "end", "label"}`, { line: r.line });
          return;
        }
        const e = entityFromCodePoints(map, raw, { file, line: r.line, ref: `spans[${i}]` }, sink);
        if (e) entities.push(e);
      });
    }
  }
  const doc: Document = { id, text, sentences, tokens, entities };
  if (g.every((r) => r.spans === undefined) && tagsOk) {
    setEntitiesFromTags(doc, g, file);
  }
  restoreMeta(doc, g);
  return doc;
}

/** Document meta from the first line, with per-line CoNLL columns put back as meta.conll.extra. */
function restoreMeta(doc: Document, g: readonly HfLine[]): void {
  if (g[0].meta !== undefined) doc.meta = { ...g[0].meta };
  if (g.some((r) => r.columns !== undefined) && doc.tokens.length === g.reduce((n, r) => n + r.tokens.length, 0)) {
    const extra = g.flatMap((r) => r.columns ?? r.tokens.map(() => []));
    const conll = typeof doc.meta?.conll === 'object' && doc.meta.conll !== null ? doc.meta.conll : { separator: '\t' };
    doc.meta = { ...doc.meta, conll: { ...conll, extra } };
  }
}

/** The label list: O, then the scheme's prefixes for each type (schema order, then others sorted). */
export function hfLabelList(types: readonly string[], scheme: TagScheme): string[] {
  const out = ['O'];
  for (const t of types) for (const p of schemePrefixes(scheme)) out.push(`${p}-${t}`);
  return out;
}

export function renderHf(docs: readonly Document[], out: string, opts: Partial<RenderOptions>): Rendered {
  const scheme = opts.scheme ?? 'IOB2';
  const align = opts.align ?? 'expand';
  const schemaTypes = opts.labels ?? [];
  const extra = new Set<string>();
  for (const d of docs) for (const e of d.entities) if (!schemaTypes.includes(e.label)) extra.add(e.label);
  const labels = hfLabelList([...schemaTypes, ...[...extra].sort()], scheme);
  const index = new Map(labels.map((l, i) => [l, i]));
  const lines: string[] = [];
  const misaligned: Rendered['misaligned'] = [];
  let n = 0;
  // one key set for every line: "columns" on all lines when any document has CoNLL columns
  const withColumns = docs.some((d) => hfExtraColumns(d) !== undefined);
  for (const doc of docs) {
    const r = renderHfDocument(doc, { scheme, align, index, firstId: n, cpBase: 0, docText: true, first: true, withColumns }, misaligned);
    for (const l of r.lines) lines.push(l);
    n = r.nextId;
  }
  const labelPath = join(dirname(out), 'labels.json');
  const files = new Map([
    [out, lines.map((l) => `${l}\n`).join('')],
    [labelPath, `${JSON.stringify(labels, null, 2)}\n`],
  ]);
  if (opts.sidecars !== false && out !== 'stdout') {
    const name = out.replace(/^.*[\\/]/, '');
    const card = renderDatasetCard(hfColumns(labels, withColumns), [{ split: splitNameOf(stemOf(name, ['.jsonl'])), path: name, rows: lines.length }], labels);
    files.set(join(dirname(out), 'README.md'), card);
  }
  return { files, misaligned };
}

export interface HfDocumentOptions {
  scheme: TagScheme;
  align: NonNullable<RenderOptions['align']>;
  /** Tag → index in the label list. */
  index: ReadonlyMap<string, number>;
  /** `id` of the first line. */
  firstId: number;
  /** Code points before `doc.text` when the document is a part of a larger one (offsets are the larger one's). */
  cpBase: number;
  /** Decide `doc_text` on the first line here (false: left null for the caller, see HF_DOC_TEXT). */
  docText: boolean;
  /** The document's first line is among these (false for a later part of a document: no doc_text, no meta). */
  first: boolean;
  /** Every line has "columns" (some document of the file has CoNLL columns). */
  withColumns: boolean;
}

/** The `doc_text` key as written when undecided; unique in a line (inside strings its quotes are escaped). */
export const HF_DOC_TEXT = ',"doc_text":null,"meta":';

/**
 * One document's lines (JSON, no line breaks) and the next line id.
 * Misaligned entities are appended to `misaligned`.
 */
export function renderHfDocument(doc: Document, o: HfDocumentOptions, misaligned: Rendered['misaligned']): { lines: string[]; nextId: number } {
  const { scheme, align, index, cpBase, withColumns } = o;
  let n = o.firstId;
  const lines: string[] = [];
  const map = new OffsetMap(doc.text);
  const cp = (u: number): number => cpBase + map.toCodePoint(u);
  const { tags, misaligned: mis } = entitiesToTags(doc, { scheme, align });
  for (const m of mis) misaligned.push(m);
  const ranges = sentenceTokenRanges(doc);
  const ents = [...doc.entities].sort((a, b) => a.start - b.start || a.end - b.end);
  // entities starting before the next sentence with tokens go on this sentence's line
  const limits: number[] = new Array<number>(ranges.length).fill(Infinity);
  for (let k = ranges.length - 2, next = Infinity; k >= 0; k--) {
    const r = ranges[k + 1];
    if (r.end > r.start) next = doc.sentences[k + 1]?.start ?? doc.tokens[r.start].start;
    limits[k] = next;
  }
  // CoNLL extra columns go on each line ("columns"), not all in the first line's meta
  const extra = hfExtraColumns(doc);
  const meta = hfLineMeta(doc);
  let firstLine = true;
  let ei = 0;
  ranges.forEach((r, s) => {
    if (r.end === r.start) return;
    const sent = doc.sentences[s] ?? { start: doc.tokens[r.start].start, end: doc.tokens[r.end - 1].end };
    const toks = doc.tokens.slice(r.start, r.end);
    const limit = limits[s];
    const spans: { start: number; end: number; label: string }[] = [];
    while (ei < ents.length && ents[ei].start < limit) {
      const e = ents[ei++];
      spans.push({ start: cp(e.start), end: cp(e.end), label: e.label });
    }
    const obj: Record<string, unknown> = {
      id: String(n++),
      tokens: toks.map((t) => t.text),
      ner_tags: tags[s].map((t) => index.get(t)!),
      doc: doc.id,
      text: doc.text.slice(sent.start, sent.end),
      start: cp(sent.start),
      offsets: toks.map((t) => [cp(t.start), cp(t.end)]),
      spans,
      doc_text: null,
      meta: null,
    };
    if (firstLine && o.first) {
      if (o.docText) {
        const joined = doc.sentences.map((x) => x.text).join('\n');
        if (joined !== doc.text || doc.sentences.length !== ranges.filter((x) => x.end > x.start).length) obj.doc_text = doc.text;
      }
      if (meta !== undefined && Object.keys(meta).length > 0) obj.meta = JSON.stringify(meta);
    }
    firstLine = false;
    if (withColumns) obj.columns = extra?.slice(r.start, r.end) ?? toks.map(() => []);
    lines.push(JSON.stringify(obj));
  });
  // entities in a document without tokens still need a home: none — they are reported
  for (; ei < ents.length; ei++) misaligned.push({ entity: ents[ei], kind: 'dropped', doc: doc.id, reason: 'no sentence with tokens to hold it' });
  return { lines, nextId: n };
}

/** A document's CoNLL extra columns, when there is one row per token. */
export function hfExtraColumns(doc: Document): string[][] | undefined {
  const c = doc.meta?.conll as { extra?: unknown } | undefined;
  return Array.isArray(c?.extra) && c.extra.length === doc.tokens.length ? (c.extra as string[][]) : undefined;
}

/** The meta a document's first line carries: CoNLL extra columns left out when they go per line. */
export function hfLineMeta(doc: Document): Document['meta'] {
  const conll = doc.meta?.conll as { extra?: unknown } | undefined;
  if (hfExtraColumns(doc) === undefined || conll === undefined) return doc.meta;
  const { extra: _drop, ...rest } = conll;
  return { ...doc.meta, conll: rest };
}

/** Entities from the rows' tags, each token remembering the line it came from. */
function setEntitiesFromTags(doc: Document, rows: readonly { tags: string[]; tokens: string[]; line: number }[], file: string): void {
  doc.entities = tagsToEntities(
    doc,
    rows.map((r) => r.tags),
  );
  setTokenOrigins(
    doc,
    rows.flatMap((r) => r.tokens.map(() => r.line)),
    file,
  );
}
