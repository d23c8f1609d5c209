/**
 * brat standoff (brat `server/src/annotation.py`): the text in `NAME.txt`,
 * annotations in `NAME.ann`, code point offsets:
 *   T1<TAB>LOC 0 9<TAB>પાકિસ્તાન
 *   T2<TAB>ORG 0 5;7 9<TAB>frag ment      (discontinuous)
 *   T3<TAB>Travel 10 13<TAB>ગયા           (an event trigger when an E line names it)
 *   E1<TAB>Travel:T3 Agent:T1
 *   #1<TAB>AnnotatorNotes T1<TAB>note
 * Event triggers are not entities; they are kept in `doc.meta.brat.triggers`.
 * Discontinuous spans stay discontinuous: kept in `doc.meta.brat.discontinuous`
 * (not entities, never a covering span), written back to brat and json, and
 * refused by writers of formats that cannot hold them. Other lines (notes,
 * relations, attributes, events, normalisations) are kept in `meta.brat.other`
 * and written back as long as what they point to still exists; entity ids
 * are kept too. Writing also puts an `annotation.conf` beside the .ann files
 * declaring the entity, relation, event and attribute types used.
 */
import { dirname, join } from 'node:path';
import type { Document, Entity } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { safeFileNames } from '../io/file-names.js';
import { OffsetMap } from '../text/offsets.js';
import type { ProblemSink } from '../io/problem.js';
import { addNote, entityFromCodePoints, report, type FormatInput, type ParseOptions, type Rendered } from './common.js';

export interface BratMeta {
  /** brat id of each entity as read, keyed by "start end label" (code points). */
  ids: Record<string, string>;
  /** Discontinuous fragments ([start, end] code points) by brat id (of entities written by older versions). */
  fragments?: Record<string, [number, number][]>;
  /** Discontinuous spans, as read: not entities, written back only to brat (and kept by json). */
  discontinuous?: DiscontinuousSpan[];
  /** Event trigger lines (`T3<TAB>Travel 28 31<TAB>ગયા`), verbatim: not entities. */
  triggers?: string[];
  /** Other annotation lines, verbatim. */
  other?: string[];
}

export interface DiscontinuousSpan {
  id: string;
  label: string;
  /** [start, end] code point offsets of each fragment. */
  fragments: [number, number][];
  text: string;
}

export const BRAT_NOTES = {
  discontinuous: 'discontinuous spans kept as they are, not as entities (brat and json hold them; other formats refuse them)',
  triggers: 'event triggers read as triggers, not entities',
} as const;

const key = (s: number, e: number, label: string): string => `${s} ${e} ${label}`;

/** The discontinuous spans of a document read from brat. */
export function discontinuousSpans(doc: Document): DiscontinuousSpan[] {
  return bratMeta(doc)?.discontinuous ?? [];
}

/** The .txt beside an .ann. */
export function bratTextPath(ann: string): string {
  return ann.replace(/\.ann$/i, '') + '.txt';
}

export function parseBrat(input: FormatInput, opts: ParseOptions): Document[] {
  const { file } = input;
  const sink = opts.sink;
  const txtPath = bratTextPath(file);
  const text = opts.text ?? input.sibling(txtPath);
  if (text === undefined) {
    report(sink, file, 'structure', `the text file ${txtPath} beside the .ann file does not exist (or give --text)`);
    return [];
  }
  const map = new OffsetMap(text);
  const entities: Entity[] = [];
  const meta: BratMeta = { ids: {} };
  const other: string[] = [];
  const idLines = new Map<string, number>();
  const otherLines: { text: string; line: number }[] = [];
  const discontinuous: DiscontinuousSpan[] = [];
  const triggers: string[] = [];
  const lines = input.content.split('\n').map((raw) => (raw.endsWith('\r') ? raw.slice(0, -1) : raw));
  // event triggers: the first TYPE:ID of every E line; each must exist as a T line
  const tIds = new Set(lines.filter((l) => /^T\d+\t/.test(l)).map((l) => l.slice(0, l.indexOf('\t'))));
  const triggerIds = new Set<string>();
  lines.forEach((l, k) => {
    if (!/^E\S*\t/.test(l)) return;
    const m = /^[^:\s]+:(\S+)/.exec(l.split('\t')[1] ?? '');
    if (m === null) report(sink, file, 'syntax', `bad event line, expected E<n><TAB>TYPE:TRIGGER ROLE:ARG ...: ${JSON.stringify(l.slice(0, 60))}`, { line: k + 1 });
    else if (!tIds.has(m[1]))
      report(sink, file, 'structure', `event ${l.slice(0, l.indexOf('\t'))} names the trigger ${m[1]}, which is not a text-bound annotation in the file`, { line: k + 1, ref: m[1] });
    else triggerIds.add(m[1]);
  });
  lines.forEach((l, k) => {
    const line = k + 1;
    if (l.trim() === '') return;
    if (!l.startsWith('T')) {
      if (!/^[#RAEMN*]\S*\t/.test(l)) report(sink, file, 'syntax', `not a brat annotation line (expected ID<TAB>...): ${JSON.stringify(l.slice(0, 60))}`, { line });
      else {
        other.push(l);
        otherLines.push({ text: l, line });
      }
      return;
    }
    const cols = l.split('\t');
    const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
    if (cols.length < 2 || m === null || !/^T\d+$/.test(cols[0])) {
      report(sink, file, 'syntax', `bad text-bound annotation, expected T<n><TAB>LABEL START END<TAB>TEXT: ${JSON.stringify(l.slice(0, 60))}`, { line });
      return;
    }
    const id = cols[0];
    if (idLines.has(id)) {
      report(sink, file, 'duplicate-id', `entity id ${id} already used on line ${idLines.get(id)}`, { line, ref: id });
      return;
    }
    idLines.set(id, line);
    const label = m[1];
    const frags = m[2].split(';').map((p) => p.split(' ').map(Number) as [number, number]);
    const start = Math.min(...frags.map((f) => f[0]));
    const end = Math.max(...frags.map((f) => f[1]));
    const where = { file, line, ref: id };
    let expectText: string | undefined = cols.slice(2).join('\t');
    if (cols.length < 3) expectText = undefined;
    if (triggerIds.has(id)) {
      // a trigger's offsets are checked like an entity's, but it is kept as its line
      if (entityFromCodePoints(map, { start, end, label, text: frags.length > 1 ? undefined : expectText }, where, sink) === null) return;
      triggers.push(l);
      addNote(opts.notes, BRAT_NOTES.triggers);
      return;
    }
    // brat splits a span over a line break into fragments: only line breaks between them is one span
    const gaps = frags.slice(1).map((f, i) => (f[0] >= frags[i][1] && f[0] <= map.codePointLength ? text.slice(map.toUtf16(frags[i][1]), map.toUtf16(f[0])) : 'x'));
    if (frags.length > 1 && gaps.every((g) => /^[\r\n]+$/.test(g))) expectText = undefined;
    else if (frags.length > 1) {
      // fragment texts are joined by a space in the .ann text column
      for (const [s, e] of frags) {
        if (s < 0 || e > map.codePointLength || s >= e) {
          report(sink, file, 'offsets', `${label} fragment ${s}-${e} outside the text of ${map.codePointLength} code points or empty`, where);
          return;
        }
      }
      const fragText = frags.map(([s, e]) => text.slice(map.toUtf16(s), map.toUtf16(e))).join(' ');
      if (expectText !== undefined && expectText !== fragText) {
        report(sink, file, 'text-mismatch', `${label} fragments ${m[2]} text ${JSON.stringify(expectText)} differs from the text at those offsets ${JSON.stringify(fragText)}`, where);
        return;
      }
      report(sink, file, 'discontinuous', `discontinuous ${label} span ${m[2]} kept as fragments, not as an entity`, where, 'warning');
      discontinuous.push({ id, label, fragments: frags, text: fragText });
      addNote(opts.notes, BRAT_NOTES.discontinuous);
      return;
    }
    const e = entityFromCodePoints(map, { start, end, label, text: expectText }, where, sink);
    if (e === null) return;
    entities.push(e);
    meta.ids[key(start, end, label)] = id;
  });
  checkReferences(otherLines, idLines, file, sink);
  if (other.length > 0) meta.other = other;
  if (discontinuous.length > 0) meta.discontinuous = discontinuous;
  if (triggers.length > 0) meta.triggers = triggers;
  return [{ id: opts.id, text, sentences: [], tokens: [], entities, meta: { brat: meta } }];
}

/**
 * Relations, events, attributes, notes and normalisations must point to
 * annotations of the file: a relation to a missing entity is an error (brat
 * itself refuses to load it).
 */
function checkReferences(other: readonly { text: string; line: number }[], tIds: ReadonlyMap<string, number>, file: string, sink: ProblemSink): void {
  const known = new Set(tIds.keys());
  for (const o of other) known.add(o.text.split('\t')[0]);
  for (const o of other) {
    const [id, body = ''] = o.text.split('\t');
    const words = body.split(' ');
    // the first word is the type (relation, attribute or note kind), except in events (`Type:T3`); the rest name annotations (`Arg1:T3`, `T3`)
    const named = (id.startsWith('E') ? words : words.slice(1)).map((w) => w.replace(/^[^:]*:/, '')).filter((w) => /^[TRE#AMN]\d+$/.test(w));
    for (const r of named) {
      if (!known.has(r)) report(sink, file, 'reference', `${id} points to ${r}, which is not in the file`, { ref: id, line: o.line });
    }
  }
}

function bratMeta(doc: Document): BratMeta | undefined {
  const m = doc.meta?.brat;
  return typeof m === 'object' && m !== null ? (m as BratMeta) : undefined;
}

/** The .ann content of one document. */
export function renderBratAnn(doc: Document): string {
  const map = new OffsetMap(doc.text);
  const meta = bratMeta(doc);
  const used = new Set<string>();
  let next = 1;
  const reserved = [...(meta?.triggers ?? []).map((l) => l.slice(0, l.indexOf('\t'))), ...(meta?.discontinuous ?? []).map((d) => d.id)];
  for (const id of [...Object.values(meta?.ids ?? {}), ...reserved]) next = Math.max(next, Number(id.slice(1)) + 1);
  for (const id of reserved) used.add(id);
  const lines: string[] = [];
  const ents = [...doc.entities].sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
  for (const e of ents) {
    const s = map.toCodePoint(e.start);
    const en = map.toCodePoint(e.end);
    let id = meta?.ids[key(s, en, e.label)];
    if (id === undefined || used.has(id)) id = `T${next++}`;
    used.add(id);
    let frags = meta?.fragments?.[id];
    if (frags === undefined) {
      // brat keeps an entity on one line: a span over a line break becomes fragments
      frags = [];
      const re = /[^\r\n]+/g;
      const body = doc.text.slice(e.start, e.end);
      for (const m of body.matchAll(re)) {
        const fs = e.start + m.index!;
        frags.push([map.toCodePoint(fs), map.toCodePoint(fs + m[0].length)]);
      }
      if (frags.length === 0) frags = [[s, en]];
    }
    const fragText = frags.map(([a, b]) => doc.text.slice(map.toUtf16(a), map.toUtf16(b))).join(' ');
    if (/[\t\s]/.test(e.label)) throw new InputError(`document ${doc.id}: label ${JSON.stringify(e.label)} holds white space and cannot be written to brat`);
    lines.push(`${id}\t${e.label} ${frags.map(([a, b]) => `${a} ${b}`).join(';')}\t${fragText}`);
  }
  lines.push(...(meta?.triggers ?? []));
  for (const d of meta?.discontinuous ?? []) lines.push(`${d.id}\t${d.label} ${d.fragments.map(([a, b]) => `${a} ${b}`).join(';')}\t${d.text}`);
  // keep notes, relations, ... whose T ids still exist
  for (const l of meta?.other ?? []) {
    const refs =
      l
        .split('\t')
        .slice(1)
        .join(' ')
        .match(/\bT\d+\b/g) ?? [];
    if (refs.every((r) => used.has(r))) lines.push(l);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * One document: OUT.ann and OUT.txt. Several: OUT is a directory holding
 * ID.ann and ID.txt per document.
 */
export function renderBrat(docs: readonly Document[], out: string, labels: readonly string[] = [], sidecars = true): Rendered {
  const files = new Map<string, string>();
  if (docs.length === 1 && (out.toLowerCase().endsWith('.ann') || out === 'stdout')) {
    files.set(out, renderBratAnn(docs[0]));
    files.set(bratTextPath(out === 'stdout' ? 'stdout.ann' : out), docs[0].text);
    if (sidecars) files.set(join(dirname(out === 'stdout' ? 'stdout.ann' : out), 'annotation.conf'), renderAnnotationConf(docs, labels));
    return { files, misaligned: [] };
  }
  if (out.toLowerCase().endsWith('.ann') || out === 'stdout') {
    throw new InputError(`brat holds one document per .ann file but there are ${docs.length}; give a directory as the output`, { file: out });
  }
  const names = safeFileNames(docs.map((d) => d.id));
  docs.forEach((d, k) => {
    const name = names[k];
    files.set(join(out, `${name}.ann`), renderBratAnn(d));
    files.set(join(out, `${name}.txt`), d.text);
  });
  if (sidecars) files.set(join(out, 'annotation.conf'), renderAnnotationConf(docs, labels));
  return { files, misaligned: [] };
}

/**
 * brat's `annotation.conf` for these documents: the schema's entity types
 * (then any other found), and the relation, event and attribute types of
 * the lines kept, with open argument types (`<ENTITY>`), so brat shows and
 * edits the files without "unknown type" errors.
 */
export function renderAnnotationConf(docs: readonly Document[], labels: readonly string[]): string {
  const entities = [...labels];
  const relations = new Map<string, string>();
  const events = new Map<string, Set<string>>();
  const attributes = new Map<string, { targets: Set<string>; values: Set<string> }>();
  const addEntity = (l: string): void => {
    if (!entities.includes(l)) entities.push(l);
  };
  for (const d of docs) {
    for (const e of d.entities) addEntity(e.label);
    const meta = bratMeta(d);
    for (const x of meta?.discontinuous ?? []) addEntity(x.label);
    const eventIds = new Set<string>();
    for (const l of meta?.other ?? []) if (l.startsWith('E')) eventIds.add(l.slice(0, l.indexOf('\t')));
    for (const l of meta?.other ?? []) {
      const [id, body = ''] = l.split('\t');
      const parts = body.split(' ');
      if (id.startsWith('R')) relations.set(parts[0], `Arg1:<ENTITY>, Arg2:<ENTITY>`);
      else if (id.startsWith('*')) relations.set(parts[0], `Arg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive`);
      else if (id.startsWith('E')) {
        const [type] = parts[0].split(':');
        const roles = events.get(type) ?? new Set<string>();
        for (const p of parts.slice(1)) if (p.includes(':')) roles.add(p.slice(0, p.indexOf(':')).replace(/\d+$/, ''));
        events.set(type, roles);
      } else if (id.startsWith('A') || id.startsWith('M')) {
        const a = attributes.get(parts[0]) ?? { targets: new Set<string>(), values: new Set<string>() };
        a.targets.add(eventIds.has(parts[1] ?? '') ? '<EVENT>' : '<ENTITY>');
        if (parts[2] !== undefined) a.values.add(parts[2]);
        attributes.set(parts[0], a);
      }
    }
  }
  const out = ['# brat annotation configuration written by gujnlp', '[entities]', ...entities, '[relations]', '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>'];
  for (const [t, args] of relations) out.push(`${t}\t${args}`);
  out.push('[events]');
  for (const [t, roles] of events) out.push(roles.size === 0 ? t : `${t}\t${[...roles].map((r) => `${r}?:<ENTITY>`).join(', ')}`);
  out.push('[attributes]');
  for (const [t, a] of attributes) {
    const args = [`Arg:${[...a.targets].join('|')}`];
    if (a.values.size > 0) args.push(`Value:${[...a.values].join('|')}`);
    out.push(`${t}\t${args.join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}
