/**
 * Format writers that take a document stream part by part and write the
 * same bytes `writeAnnotations` writes for the whole list (test/stream-
 * annotate.test.ts proves it). json, CoNLL, HF and doccano stream (a huge
 * document's sections that its layout puts later, such as the JSON token
 * list after the whole text, are spooled to temp files); brat, Label
 * Studio and CSV collect whole documents and write them at the end.
 *
 * Whether the file holds one document or several changes the layout (a
 * JSON array, CoNLL -DOCSTART- lines), so the first document is held until
 * the second arrives or the stream ends (`Gate`). Only documents of one
 * part can be followed by others (sources cut only single-document inputs).
 */
import { join, dirname } from 'node:path';
import type { Document } from '../doc/types.js';
import { DEFAULT_SCHEMA } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { detach } from '../text/detach.js';
import type { TagScheme } from '../tags/scheme.js';
import { countMisaligned, type AlignMode, type Misaligned, type MisalignKind } from '../align/index.js';
import { InputError } from '../io/errors.js';
import { entityToCodePoints, type DocstartStyle, type FormatName, type OffsetUnit } from '../formats/common.js';
import { renderDoccano } from '../formats/doccano.js';
import { documentToJson, stringifyDocumentJson } from '../formats/json.js';
import { renderConllDocument } from '../formats/conll.js';
import { HF_DOC_TEXT, hfExtraColumns, hfLabelList, renderHfDocument } from '../formats/hf.js';
import { hfColumns, renderDatasetCard, splitNameOf } from '../formats/hf-card.js';
import { stemOf } from '../formats/common.js';
import { checkReplaceable, keepUnrelatedFiles, TOKEN_FORMATS, withTokens, writeAnnotations, writeRendered, type AlignmentReport } from '../formats/index.js';
import { OutFile, Spool } from './out.js';
import type { Part } from './parts.js';

export interface StreamWriteOptions {
  format: FormatName;
  scheme?: TagScheme;
  align?: AlignMode;
  /** Label order for HF labels.json; default the schema's labels. */
  labels?: readonly string[];
  /** doccano offsets (default UTF-16, as doccano's UI counts). */
  offsets?: OffsetUnit;
  /** CoNLL document separators (default: as read). */
  docstart?: DocstartStyle;
  /** HF: every line has "columns" (default: told by the first document; a pass over the input knows it for sure). */
  withColumns?: boolean;
  /** Told of each entity token tags cannot hold exactly, with the part it is in. */
  onMisaligned?: (m: Misaligned, part: Part) => void;
}

/**
 * A stream the writer cannot write in one pass without knowing what comes
 * later (an HF label sorting before one already written); the caller may
 * read the input once more to learn it (`labels`, `withColumns`) and start again.
 */
export class NeedsLookahead extends InputError {}

export interface PartWriter {
  /** Takes the next part (in input order). */
  write(part: Part): void;
  /** Finishes the output (renames it into place) and reports alignment. */
  end(): AlignmentReport;
  /** Leaves the target as it was. */
  abort(): void;
}

/** Formats written part by part; the others collect whole documents. */
export const STREAMED_FORMATS: ReadonlySet<FormatName> = new Set(['json', 'conll', 'hf', 'doccano']);

export function createPartWriter(path: string, opts: StreamWriteOptions): PartWriter {
  switch (opts.format) {
    case 'json':
      return new Gate(new JsonWriter(path));
    case 'conll':
      return new Gate(new ConllWriter(path, opts));
    case 'hf':
      return new Gate(new HfWriter(path, opts));
    case 'doccano':
      return new Gate(new DoccanoWriter(path, opts.offsets));
    default:
      return new CollectingWriter(path, opts);
  }
}

/** A writer told whether the output holds several documents. */
interface FormatWriter {
  write(part: Part, many: boolean): void;
  end(): AlignmentReport;
  abort(): void;
}

/** Holds the first one-part document until it is known whether others follow. */
class Gate implements PartWriter {
  private held: Part | undefined;
  private many: boolean | undefined;
  constructor(private readonly inner: FormatWriter) {}

  write(part: Part): void {
    if (this.many === undefined) {
      if (this.held === undefined) {
        if (part.first && part.last) {
          this.held = part;
          return;
        }
        this.many = false; // a document in parts is the only one
      } else {
        this.many = true;
        this.inner.write(this.held, true);
        this.held = undefined;
      }
    }
    this.inner.write(part, this.many);
  }

  end(): AlignmentReport {
    if (this.held !== undefined) this.inner.write(this.held, false);
    this.held = undefined;
    return this.inner.end();
  }

  abort(): void {
    this.inner.abort();
  }
}

function reportOf(misaligned: Misaligned[], files: string[], skipped: string[] = []): AlignmentReport {
  return { misaligned, counts: countMisaligned(misaligned), files, skipped, tokenized: [] };
}

/** Misaligned entities a streamed report keeps; all are counted. */
export const MISALIGNED_KEPT = 100;

/**
 * The misaligned entities of a stream: every one counted, the first
 * MISALIGNED_KEPT kept, their texts copied. A full list grows with the
 * corpus, and each entity's text (a slice of its part's text) would keep
 * that whole part alive: on 50 MB of FLORES text it held ~40 MB.
 */
class MisalignedLog {
  readonly kept: Misaligned[] = [];
  readonly counts: Record<MisalignKind, number> = { expanded: 0, contracted: 0, dropped: 0 };

  /** Takes the misaligned entities found in one part (a list the renderer filled). */
  add(found: readonly Misaligned[]): void {
    for (const m of found) {
      this.counts[m.kind]++;
      if (this.kept.length < MISALIGNED_KEPT) this.kept.push({ ...m, entity: m.entity.text === undefined ? m.entity : { ...m.entity, text: detach(m.entity.text) } });
    }
  }

  report(files: string[], skipped: string[] = []): AlignmentReport {
    return { misaligned: this.kept, counts: { ...this.counts }, files, skipped, tokenized: [] };
  }
}

function tell(opts: StreamWriteOptions, misaligned: readonly Misaligned[], from: number, part: Part): void {
  if (opts.onMisaligned !== undefined) for (let i = from; i < misaligned.length; i++) opts.onMisaligned(misaligned[i], part);
}

/** A part made ready for token formats: standoff parts without tokens are tokenized (as writeAnnotations does). */
function tokenized(doc: Document, tokenizedIds: string[]): Document {
  const r = withTokens([doc]);
  if (r.tokenized.length > 0) tokenizedIds.push(...r.tokenized);
  return r.docs[0];
}

/** JSON string contents (without the quotes) of a piece of text (pieces never split a surrogate pair). */
function jsonInner(s: string): string {
  return s === '' ? '' : JSON.stringify(s).slice(1, -1);
}

/** Compares two texts given piece by piece, without holding either. */
export class StreamEqual {
  private a = '';
  private b = '';
  private same = true;
  left(s: string): void {
    if (this.same) this.a += s;
    this.settle();
  }
  right(s: string): void {
    if (this.same) this.b += s;
    this.settle();
  }
  private settle(): void {
    if (!this.same) return;
    const n = Math.min(this.a.length, this.b.length);
    if (n === 0) return;
    if (this.a.slice(0, n) !== this.b.slice(0, n)) {
      this.same = false;
      this.a = this.b = '';
      return;
    }
    this.a = this.a.slice(n);
    this.b = this.b.slice(n);
  }
  equal(): boolean {
    return this.same && this.a === this.b;
  }
}

// ---------------------------------------------------------------- json

/** gujnlp json: one object, or an array of them for several documents. */
class JsonWriter implements FormatWriter {
  private readonly out: OutFile;
  private count = 0;
  private array = false;
  private parts: JsonSpools | undefined;

  constructor(path: string) {
    this.out = new OutFile(path === '-' ? '-' : path);
  }

  write(part: Part, many: boolean): void {
    if (part.first && part.last) {
      const body = stringifyDocumentJson(documentToJson(whole(part)), many ? '  ' : '');
      this.out.write(many ? `${this.count === 0 ? '[\n' : ',\n'}${body}` : `${body}\n`);
      this.array ||= many;
      this.count++;
      return;
    }
    // one document in parts (the only one): sections spooled, assembled at its end
    const s = (this.parts ??= new JsonSpools());
    s.add(part);
    if (part.last) {
      s.finish(this.out, part);
      this.parts = undefined;
      this.count++;
    }
  }

  end(): AlignmentReport {
    // several documents end the array; none gives an empty array as writeAnnotations does
    if (this.count === 0) this.out.write('[\n\n]\n');
    else if (this.array) this.out.write('\n]\n');
    this.out.commit();
    return reportOf([], [this.out.path]);
  }

  abort(): void {
    this.parts?.discard();
    this.out.abort();
  }
}

/** A one-part document as a Document (text with what the part says is before and after it). */
function whole(part: Part): Document {
  if (part.before === '' && part.after === '') return part.document;
  const d = part.document;
  const shift = part.before.length;
  const text = part.before + d.text + part.after;
  const move = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start + shift, end: x.end + shift });
  return { ...d, text, sentences: d.sentences.map(move), tokens: d.tokens.map(move), entities: d.entities.map(move) };
}

/** The sections of a JSON document written in parts. */
class JsonSpools {
  private readonly text = new Spool('text');
  private readonly lists = { sentences: new Spool('sentences'), tokens: new Spool('tokens'), entities: new Spool('entities') };
  private readonly counts = { sentences: 0, tokens: 0, entities: 0 };
  private meta: Document['meta'];
  private id = '';

  add(part: Part): void {
    const d = part.document;
    if (part.first) {
      this.id = d.id;
      this.meta = d.meta;
    }
    this.text.write(jsonInner(part.before));
    this.text.write(jsonInner(d.text));
    if (part.last) this.text.write(jsonInner(part.after));
    const map = new OffsetMap(d.text);
    const base = part.cpBase;
    const item = (key: keyof JsonSpools['counts'], obj: unknown): void => {
      this.lists[key].write(`${this.counts[key]++ === 0 ? '' : ',\n'}    ${JSON.stringify(obj)}`);
    };
    for (const s of d.sentences) item('sentences', { start: base + map.toCodePoint(s.start), end: base + map.toCodePoint(s.end) });
    for (const t of d.tokens) item('tokens', { start: base + map.toCodePoint(t.start), end: base + map.toCodePoint(t.end), text: t.text, kind: t.kind });
    for (const e of d.entities) {
      const o = entityToCodePoints(map, e);
      o.start += base;
      o.end += base;
      item('entities', o);
    }
  }

  /** Writes the document: the layout of stringifyDocumentJson, sections copied from the spools. */
  finish(out: OutFile, _last: Part): void {
    out.write(`{\n  ${JSON.stringify('id')}: ${JSON.stringify(this.id)},\n  "text": "`);
    this.text.drainInto(out);
    out.write(`",\n  "offsets": "codepoint"`);
    for (const key of ['sentences', 'tokens', 'entities'] as const) {
      if (this.counts[key] === 0) {
        out.write(`,\n  "${key}": []`);
        this.lists[key].discard();
        continue;
      }
      out.write(`,\n  "${key}": [\n`);
      this.lists[key].drainInto(out);
      out.write('\n  ]');
    }
    if (this.meta !== undefined && Object.keys(this.meta).length > 0) out.write(`,\n  "meta": ${JSON.stringify(this.meta)}`);
    out.write('\n}\n');
  }

  discard(): void {
    this.text.discard();
    for (const s of Object.values(this.lists)) s.discard();
  }
}

// ---------------------------------------------------------------- conll

class ConllWriter implements FormatWriter {
  private readonly out: OutFile;
  private wrote = false;
  private readonly misaligned = new MisalignedLog();
  private readonly tokenizedIds: string[] = [];
  constructor(
    path: string,
    private readonly opts: StreamWriteOptions,
  ) {
    this.out = new OutFile(path);
  }

  write(part: Part, many: boolean): void {
    let doc = tokenized(part.document, this.tokenizedIds);
    if (!part.first && doc.meta?.conll !== undefined) {
      // the -DOCSTART- line belongs to the document's first part
      const { docstart: _drop, ...rest } = doc.meta.conll as Record<string, unknown>;
      doc = { ...doc, meta: { ...doc.meta, conll: rest } };
    }
    const found: Misaligned[] = [];
    const block = renderConllDocument(doc, many && part.first, { scheme: this.opts.scheme, align: this.opts.align ?? 'expand', docstart: part.first ? this.opts.docstart : 'none' }, found);
    tell(this.opts, found, 0, part);
    this.misaligned.add(found);
    if (block === '') return;
    this.out.write(this.wrote ? `\n\n${block}` : block);
    this.wrote = true;
  }

  end(): AlignmentReport {
    if (this.wrote) this.out.write('\n');
    this.out.commit();
    const r = this.misaligned.report([this.out.path]);
    r.tokenized = this.tokenizedIds;
    return r;
  }

  abort(): void {
    this.out.abort();
  }
}

// ---------------------------------------------------------------- hf

class HfWriter implements FormatWriter {
  private readonly out: OutFile;
  private readonly misaligned = new MisalignedLog();
  private readonly tokenizedIds: string[] = [];
  private readonly scheme: TagScheme;
  private readonly schemaTypes: readonly string[];
  private readonly extra: string[] = [];
  private labels: string[];
  private index: Map<string, number>;
  /** Extra labels already used on a written line (their index must not move). */
  private readonly used = new Set<string>();
  private nextId = 0;
  private rows = 0;
  private withColumns: boolean | undefined;
  private doc: HfDocState | undefined;

  constructor(
    private readonly path: string,
    private readonly opts: StreamWriteOptions,
  ) {
    this.out = new OutFile(path);
    this.scheme = opts.scheme ?? 'IOB2';
    this.schemaTypes = opts.labels ?? DEFAULT_SCHEMA.labels;
    this.labels = hfLabelList(this.schemaTypes, this.scheme);
    this.index = new Map(this.labels.map((l, i) => [l, i]));
  }

  /** Adds labels outside the schema; their order is sorted, so one sorting before a used one cannot be streamed. */
  private addLabels(doc: Document): void {
    let added = false;
    for (const e of doc.entities) {
      if (this.schemaTypes.includes(e.label) || this.extra.includes(e.label)) continue;
      const later = this.extra.find((x) => this.used.has(x) && x > e.label);
      if (later !== undefined) {
        throw new NeedsLookahead(
          `label ${JSON.stringify(e.label)} appears after lines tagged ${JSON.stringify(later)} were written; HF label ids are sorted, so this stream cannot be written in one pass (map the labels with --map, or write another format)`,
        );
      }
      this.extra.push(e.label);
      added = true;
    }
    if (!added) return;
    this.extra.sort();
    this.labels = hfLabelList([...this.schemaTypes, ...this.extra], this.scheme);
    this.index = new Map(this.labels.map((l, i) => [l, i]));
  }

  write(part: Part, _many: boolean): void {
    const doc = tokenized(part.document, this.tokenizedIds);
    this.addLabels(doc);
    for (const e of doc.entities) if (!this.schemaTypes.includes(e.label)) this.used.add(e.label);
    // every line has "columns" when any document has CoNLL columns: told by the first document
    const columns = hfExtraColumns(doc) !== undefined;
    this.withColumns ??= this.opts.withColumns ?? columns;
    if (columns && !this.withColumns) {
      throw new NeedsLookahead(
        `document ${doc.id} has CoNLL extra columns but the documents before it had none; HF lines share one key set, so this stream cannot be written in one pass (write another format)`,
      );
    }
    const one = part.first && part.last;
    const found: Misaligned[] = [];
    const r = renderHfDocument(
      doc,
      { scheme: this.scheme, align: this.opts.align ?? 'expand', index: this.index, firstId: this.nextId, cpBase: part.cpBase, docText: one, first: part.first, withColumns: this.withColumns },
      found,
    );
    tell(this.opts, found, 0, part);
    this.misaligned.add(found);
    this.rows += r.lines.length;
    this.nextId = r.nextId;
    if (one) {
      for (const l of r.lines) this.out.write(`${l}\n`);
      return;
    }
    const s = (this.doc ??= new HfDocState());
    s.add(part, doc, r.lines);
    if (part.last) {
      s.finish(this.out);
      this.doc = undefined;
    }
  }

  end(): AlignmentReport {
    const dir = dirname(this.path === '-' ? 'stdout' : this.path);
    const labelPath = join(dir, 'labels.json');
    const skipped: string[] = [];
    const labelsJson = `${JSON.stringify(this.labels, null, 2)}\n`;
    if (this.path === '-') {
      this.out.commit();
      skipped.push(labelPath);
      const r = this.misaligned.report(['-'], skipped);
      r.tokenized = this.tokenizedIds;
      return r;
    }

    const name = this.path.replace(/^.*[\\/]/, '');
    const card = renderDatasetCard(hfColumns(this.labels, this.withColumns ?? false), [{ split: splitNameOf(stemOf(name, ['.jsonl'])), path: name, rows: this.rows }], this.labels);
    // the companions by the whole-file writer's rules (an unrelated labels.json kept, a README.md not written by gujnlp refused), checked before the main file is renamed into place
    let companions: [string, string][];
    try {
      companions = keepUnrelatedFiles([
        [this.path, ''],
        [labelPath, labelsJson],
        [join(dir, 'README.md'), card],
      ]).slice(1);
      checkReplaceable(companions);
    } catch (err) {
      this.abort();
      throw err;
    }
    this.out.commit();
    writeRendered(companions);
    const files = [this.path, ...companions.map(([p]) => p)];
    const r = this.misaligned.report(files, skipped);
    r.tokenized = this.tokenizedIds;
    return r;
  }

  abort(): void {
    this.doc?.discard();
    this.out.abort();
  }
}

/** An HF document written in parts: its first line waits for doc_text, decided at its end. */
class HfDocState {
  private firstLine: string | undefined;
  private readonly rest = new Spool('hf-lines');
  private readonly text = new Spool('hf-text');
  private readonly eq = new StreamEqual();
  private sentences = 0;
  private withTokens = 0;

  add(part: Part, doc: Document, lines: string[]): void {
    const pieces = [part.before, doc.text, part.last ? part.after : ''];
    for (const p of pieces) {
      this.text.write(jsonInner(p));
      this.eq.left(p);
    }
    for (const s of doc.sentences) {
      this.eq.right(this.sentences++ === 0 ? s.text : `\n${s.text}`);
    }
    for (const l of lines) {
      if (this.firstLine === undefined) this.firstLine = l;
      else this.rest.write(`${l}\n`);
      this.withTokens++;
    }
  }

  finish(out: OutFile): void {
    if (this.firstLine === undefined) {
      this.discard();
      return;
    }
    const line = this.firstLine;
    const docText = !this.eq.equal() || this.sentences !== this.withTokens;
    const at = line.indexOf(HF_DOC_TEXT);
    if (docText && at >= 0) {
      const key = ',"doc_text":';
      out.write(line.slice(0, at + key.length));
      out.write('"');
      this.text.drainInto(out);
      out.write('"');
      out.write(`${line.slice(at + key.length + 4)}\n`);
    } else {
      this.text.discard();
      out.write(`${line}\n`);
    }
    this.rest.drainInto(out);
  }

  discard(): void {
    this.rest.discard();
    this.text.discard();
  }
}

// ---------------------------------------------------------------- doccano

class DoccanoWriter implements FormatWriter {
  private readonly out: OutFile;
  private text: Spool | undefined;
  private labels: Spool | undefined;
  private nLabels = 0;
  /** UTF-16 units of the document before the current part. */
  private u16 = 0;

  constructor(
    path: string,
    private readonly offsets: OffsetUnit = 'utf16',
  ) {
    this.out = new OutFile(path);
  }

  write(part: Part, _many: boolean): void {
    const d = part.document;
    if (part.first && part.last) {
      this.out.write(renderDoccano([whole(part)], 'out', this.offsets).files.get('out')!);
      return;
    }
    if (part.first) {
      this.out.write(`{"id":${JSON.stringify(d.id)},"text":"`);
      this.text = new Spool('doccano-text');
      this.labels = new Spool('doccano-labels');
      this.nLabels = 0;
      this.u16 = 0;
    }
    const text = this.text!;
    const labels = this.labels!;
    text.write(jsonInner(part.before));
    text.write(jsonInner(d.text));
    this.u16 += part.before.length;
    const map = new OffsetMap(d.text);
    for (const e of sortedEntities(d)) {
      const span = this.offsets === 'utf16' ? [this.u16 + e.start, this.u16 + e.end] : [part.cpBase + map.toCodePoint(e.start), part.cpBase + map.toCodePoint(e.end)];
      labels.write(`${this.nLabels++ === 0 ? '' : ','}${JSON.stringify([...span, e.label])}`);
    }
    this.u16 += d.text.length;
    if (part.last) {
      text.write(jsonInner(part.after));
      text.drainInto(this.out);
      this.out.write('","label":[');
      labels.drainInto(this.out);
      this.out.write(']}\n');
      this.text = this.labels = undefined;
    }
  }

  end(): AlignmentReport {
    this.out.commit();
    return reportOf([], [this.out.path]);
  }

  abort(): void {
    this.text?.discard();
    this.labels?.discard();
    this.out.abort();
  }
}

function sortedEntities(d: Document): Document['entities'] {
  return [...d.entities].sort((a, b) => a.start - b.start || a.end - b.end);
}

// ---------------------------------------------------------------- the others

/** brat, Label Studio, CSV: whole documents collected, written by writeAnnotations at the end. */
class CollectingWriter implements PartWriter {
  private readonly docs: Document[] = [];
  private pending: Part[] = [];
  constructor(
    private readonly path: string,
    private readonly opts: StreamWriteOptions,
  ) {}

  write(part: Part): void {
    this.pending.push(part);
    if (!part.last) return;
    this.docs.push(mergeParts(this.pending));
    this.pending = [];
  }

  end(): AlignmentReport {
    const opts = { format: this.opts.format, scheme: this.opts.scheme, align: this.opts.align ?? 'expand', labels: this.opts.labels };
    const r = writeAnnotations(this.path, this.docs, opts);
    return r;
  }

  abort(): void {
    this.docs.length = 0;
  }
}

/** The parts of one document as one Document (spans shifted into the whole text). */
export function mergeParts(parts: readonly Part[]): Document {
  if (parts.length === 1) return whole(parts[0]);
  const first = parts[0].document;
  const doc: Document = { id: first.id, text: '', sentences: [], tokens: [], entities: [] };
  if (first.meta !== undefined) doc.meta = first.meta;
  const texts: string[] = [];
  let shift = 0;
  for (const p of parts) {
    texts.push(p.before);
    shift += p.before.length;
    const d = p.document;
    for (const s of d.sentences) doc.sentences.push({ ...s, start: s.start + shift, end: s.end + shift });
    for (const t of d.tokens) doc.tokens.push({ ...t, start: t.start + shift, end: t.end + shift });
    for (const e of d.entities) doc.entities.push({ ...e, start: e.start + shift, end: e.end + shift });
    texts.push(d.text);
    shift += d.text.length;
    if (p.last) texts.push(p.after);
  }
  doc.text = texts.join('');
  return doc;
}

export { TOKEN_FORMATS };
