/**
 * gujnlp's own standoff document (`json`): one document per file (an array
 * of documents is also read and written when there are several), all
 * offsets in code points:
 *   {"id", "text", "offsets": "codepoint", "sentences": [{"start","end"}],
 *    "tokens": [{"start","end","text","kind"}],
 *    "entities": [{"start","end","label","text","source"?,"score"?}], "meta"?}
 * Written with one array item per line, so diffs and error lines are useful.
 */
import { TOKEN_KINDS, type Document, type Entity, type Sentence, type Token, type TokenKind } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { entityFromCodePoints, entityToCodePoints, report, type FormatInput, type ParseOptions, type Rendered } from './common.js';
import { JsonSyntaxError, parseJsonWithLines, type ParsedJson } from './json-parse.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseJsonFile(input: FormatInput, opts: ParseOptions): Document[] {
  let parsed: ParsedJson;
  try {
    parsed = parseJsonWithLines(input.content);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      report(opts.sink, input.file, 'syntax', `invalid JSON: ${err.message} (column ${err.column})`, { line: err.line });
      return [];
    }
    throw err;
  }
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (Array.isArray(parsed.value) && items.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) {
    const hint = items.every((x) => typeof x === 'string') ? ' (a list of strings: is this an HF labels.json?)' : '';
    report(opts.sink, input.file, 'structure', `expected a gujnlp document object or an array of them${hint}`, { line: 1 });
    return [];
  }
  const docs: Document[] = [];
  items.forEach((item, k) => {
    const d = documentFromJson(item, input.file, parsed, opts, items.length > 1 ? `${opts.id}-${k + 1}` : opts.id);
    if (d) docs.push(d);
  });
  return docs;
}

/** One standoff object → Document (UTF-16 offsets), problems reported to the sink. */
export function documentFromJson(item: unknown, file: string, parsed: Pick<ParsedJson, 'lineOf'>, opts: ParseOptions, fallbackId: string): Document | null {
  const sink = opts.sink;
  const line = parsed.lineOf(item);
  if (!isObj(item)) {
    report(sink, file, 'structure', 'expected a gujnlp document object {"id", "text", "entities", ...}', { line });
    return null;
  }
  if (typeof item.text !== 'string') {
    report(sink, file, 'structure', 'document has no "text" string', { line });
    return null;
  }
  if (item.offsets !== undefined && item.offsets !== 'codepoint') {
    report(sink, file, 'structure', `"offsets" must be "codepoint", got ${JSON.stringify(item.offsets)}`, { line });
    return null;
  }
  const id = typeof item.id === 'string' && item.id !== '' ? item.id : fallbackId;
  const text = item.text;
  const map = new OffsetMap(text);
  const list = (key: string): unknown[] => {
    const v = item[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      report(sink, file, 'structure', `"${key}" must be an array`, { line: parsed.lineOf(item) });
      return [];
    }
    return v;
  };
  const span = (v: unknown, what: string, ref: string): { start: number; end: number; obj: Record<string, unknown> } | null => {
    const where = { line: parsed.lineOf(v) ?? line, ref };
    if (!isObj(v) || !Number.isInteger(v.start) || !Number.isInteger(v.end)) {
      report(sink, file, 'structure', `${what} needs integer "start" and "end"`, where);
      return null;
    }
    const s = v.start as number;
    const e = v.end as number;
    if (s < 0 || e > map.codePointLength || s > e) {
      report(sink, file, 'offsets', `${what} span ${s}-${e} outside the text of ${map.codePointLength} code points`, where);
      return null;
    }
    return { start: map.toUtf16(s), end: map.toUtf16(e), obj: v };
  };
  const sentences: Sentence[] = [];
  list('sentences').forEach((v, i) => {
    const sp = span(v, 'sentence', `sentences[${i}]`);
    if (sp) sentences.push({ start: sp.start, end: sp.end, text: text.slice(sp.start, sp.end) });
  });
  const tokens: Token[] = [];
  list('tokens').forEach((v, i) => {
    const sp = span(v, 'token', `tokens[${i}]`);
    if (!sp) return;
    const actual = text.slice(sp.start, sp.end);
    const where = { line: parsed.lineOf(v) ?? line, ref: `tokens[${i}]` };
    if (sp.obj.text !== undefined && sp.obj.text !== actual) {
      report(sink, file, 'text-mismatch', `token text ${JSON.stringify(sp.obj.text)} differs from the text at its offsets ${JSON.stringify(actual)}`, where);
      return;
    }
    const kind = sp.obj.kind ?? 'word';
    if (typeof kind !== 'string' || !(TOKEN_KINDS as readonly string[]).includes(kind)) {
      report(sink, file, 'structure', `unknown token kind ${JSON.stringify(kind)} (one of ${TOKEN_KINDS.join(', ')})`, where);
      return;
    }
    tokens.push({ start: sp.start, end: sp.end, text: actual, kind: kind as TokenKind });
  });
  const entities: Entity[] = [];
  list('entities').forEach((v, i) => {
    const where = { file, line: parsed.lineOf(v) ?? line, ref: isObj(v) && typeof v.id === 'string' ? v.id : `entities[${i}]` };
    if (!isObj(v)) {
      report(sink, file, 'structure', 'entity must be an object {"start","end","label"}', where);
      return;
    }
    const e = entityFromCodePoints(map, v as { start: unknown; end: unknown; label: unknown }, where, sink);
    if (e) entities.push(e);
  });
  const doc: Document = { id, text, sentences, tokens, entities };
  if (isObj(item.meta)) doc.meta = item.meta;
  return doc;
}

/** Document → standoff object with code point offsets. */
export function documentToJson(doc: Document): Record<string, unknown> {
  const map = new OffsetMap(doc.text);
  const out: Record<string, unknown> = {
    id: doc.id,
    text: doc.text,
    offsets: 'codepoint',
    sentences: doc.sentences.map((s) => ({ start: map.toCodePoint(s.start), end: map.toCodePoint(s.end) })),
    tokens: doc.tokens.map((t) => ({ start: map.toCodePoint(t.start), end: map.toCodePoint(t.end), text: t.text, kind: t.kind })),
    entities: doc.entities.map((e) => entityToCodePoints(map, e)),
  };
  if (doc.meta !== undefined && Object.keys(doc.meta).length > 0) out.meta = doc.meta;
  return out;
}

/** JSON with top-level keys on their own lines and one array item per line. */
export function stringifyDocumentJson(obj: Record<string, unknown>, indent = ''): string {
  const inner = `${indent}  `;
  const fields = Object.entries(obj).map(([k, v]) => {
    if (Array.isArray(v)) {
      if (v.length === 0) return `${inner}${JSON.stringify(k)}: []`;
      return `${inner}${JSON.stringify(k)}: [\n${v.map((x) => `${inner}  ${JSON.stringify(x)}`).join(',\n')}\n${inner}]`;
    }
    return `${inner}${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  });
  return `${indent}{\n${fields.join(',\n')}\n${indent}}`;
}

export function renderJson(docs: readonly Document[], out: string): Rendered {
  const objs = docs.map(documentToJson);
  const body = objs.length === 1 ? stringifyDocumentJson(objs[0]) : `[\n${objs.map((o) => stringifyDocumentJson(o, '  ')).join(',\n')}\n]`;
  return { files: new Map([[out, `${body}\n`]]), misaligned: [] };
}
