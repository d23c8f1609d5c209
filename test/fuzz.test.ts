/**
 * Fuzzing every reader (issue 14): random bytes, random Unicode and
 * randomly damaged valid files of every format. The promise under test:
 * a clean error (InputError, or problems collected by validate) or a
 * correct result — never another exception (a stack trace at the CLI),
 * never a changed text (every token and entity is a slice of the text, and
 * where the file carries the text, the text read is that text).
 */
import test from 'ava';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMAT_NAMES, TOKEN_FORMATS, readAnnotations, renderAnnotations, type FormatName } from '../src/formats/index.js';
import { validateFile } from '../src/validate/index.js';
import { InputError } from '../src/io/errors.js';
import { documentFromText } from '../src/segment/document.js';
import type { Document } from '../src/doc/types.js';

const RUNS = 60;
const SEED = 1414;

const OUT: Partial<Record<FormatName, string>> = {
  json: 'f.json',
  conll: 'f.conll',
  hf: 'f.jsonl',
  brat: 'f.ann',
  doccano: 'f.jsonl',
  labelstudio: 'f.json',
  csv: 'f.csv',
};

/** A valid document with entities, written in every format, is the seed the damage starts from. */
function seedDoc(): Document {
  const text = 'નરેન્દ્ર મોદી અમદાવાદ ગયા. "ભારત" 🇮🇳 અને પાકિસ્તાને કહ્યું.\nબીજું વાક્ય (પ્રકરણ ૩: ૫) છે.';
  const doc = documentFromText('seed', text);
  const at = (s: string, label: string) => {
    const start = text.indexOf(s);
    return { start, end: start + s.length, label, text: s };
  };
  doc.entities = [at('નરેન્દ્ર મોદી', 'PER'), at('અમદાવાદ', 'LOC'), at('ભારત', 'LOC'), at('પાકિસ્તાન', 'LOC')];
  return doc;
}

/** Text invariants of whatever a reader returns. */
function checkDocs(docs: readonly Document[], where: string): void {
  for (const d of docs) {
    if (typeof d.text !== 'string') throw new Error(`${where}: text is not a string`);
    for (const t of d.tokens) {
      if (!(t.start >= 0 && t.end <= d.text.length && t.start <= t.end)) throw new Error(`${where}: token outside the text`);
      if (t.text !== d.text.slice(t.start, t.end)) throw new Error(`${where}: token text changed`);
    }
    for (const e of d.entities) {
      if (!(e.start >= 0 && e.end <= d.text.length && e.start < e.end)) throw new Error(`${where}: entity outside the text`);
      if (e.text !== undefined && e.text !== d.text.slice(e.start, e.end)) throw new Error(`${where}: entity text changed`);
    }
  }
}

/** Reads a file both ways (stop at the first error, collect every problem); any exception but InputError fails. */
function readBoth(path: string, format: FormatName): Document[] | null {
  let docs: Document[] | null;
  try {
    docs = readAnnotations(path, { format, onNotes: () => {} } as Parameters<typeof readAnnotations>[1]);
    checkDocs(docs, `${format} read`);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    docs = null;
  }
  try {
    validateFile(path, { format });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
  }
  return docs;
}

/** Damage: cut a range, insert random text, duplicate or drop a line, truncate. */
const damage = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    s: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('\n', '\r', '\t', '"', '{', ']', ',', '-DOCSTART-\tO\n', '\ud800', 'B-', 'I-LOC', 'T1\t', '0', '999')),
  }),
  fc.record({ kind: fc.constant('dupline' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dropline' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

function applyDamage(s: string, d: Damage): string {
  const at = s.length === 0 ? 0 : d.at % s.length;
  switch (d.kind) {
    case 'cut':
      return s.slice(0, at) + s.slice(at + d.len);
    case 'insert':
      return s.slice(0, at) + d.s + s.slice(at);
    case 'truncate':
      return s.slice(0, at);
    default: {
      const lines = s.split('\n');
      const k = lines.length === 0 ? 0 : d.at % lines.length;
      if (d.kind === 'dupline') lines.splice(k, 0, lines[k]);
      else lines.splice(k, 1);
      return lines.join('\n');
    }
  }
}

test('random bytes and random Unicode: every reader gives a clean error or documents whose spans are slices of their text', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-fuzz-'));
  try {
    for (const format of FORMAT_NAMES) {
      const path = join(dir, OUT[format] ?? `f.${format}`);
      const companions = format === 'brat' ? [join(dir, 'f.txt')] : format === 'csv' ? [join(dir, 'f.tokens.csv'), join(dir, 'f.entities.csv')] : [];
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
            fc.string({ unit: 'binary', maxLength: 120 }).map((s) => Buffer.from(s, 'utf8')),
          ),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          (bytes, text) => {
            writeFileSync(path, bytes);
            for (const c of companions) writeFileSync(c, c.endsWith('.txt') ? text : bytes);
            readBoth(format === 'csv' ? join(dir, 'f.csv') : path, format);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    }
    t.pass();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('randomly damaged valid files of every format: a clean error or a correct result, never a stack trace or a changed text', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-fuzz-'));
  const doc = seedDoc();
  let read = 0;
  let refused = 0;
  try {
    for (const format of FORMAT_NAMES) {
      const main = join(dir, OUT[format] ?? `f.${format}`);
      const files = [...renderAnnotations([doc], { format, path: main }).files];
      // undamaged: a correct result
      for (const [p, c] of files) writeFileSync(p, c);
      const [clean] = readAnnotations(main, { format, text: format === 'conll' || format === 'csv' ? doc.text : undefined });
      // token formats hold whole tokens (expand alignment): પાકિસ્તાન|ે becomes the token
      const exact = !TOKEN_FORMATS.has(format);
      t.deepEqual(
        clean.entities.map((e) => (exact ? [e.start, e.end, e.label] : [e.label])),
        doc.entities.map((e) => (exact ? [e.start, e.end, e.label] : [e.label])),
        format,
      );
      fc.assert(
        fc.property(fc.nat({ max: files.length - 1 }), fc.array(damage, { minLength: 1, maxLength: 3 }), (which, ds) => {
          for (const [p, c] of files) writeFileSync(p, c);
          const [p, c] = files[which];
          const damaged = ds.reduce(applyDamage, c);
          writeFileSync(p, damaged);
          let docs: Document[] | null;
          try {
            docs = readBoth(main, format);
          } catch (err) {
            throw new Error(`${format}, ${p}: ${(err as Error).stack?.split('\n').slice(0, 4).join(' | ')}`, { cause: err });
          }
          if (docs === null) {
            refused++;
            return;
          }
          read++;
          // where the text is a file of its own (brat .txt), the text read is exactly that file
          if (format === 'brat') {
            const txt = readFileSync(join(dir, 'f.txt'), 'utf8');
            for (const d of docs) if (d.text !== txt) throw new Error('brat: text differs from the .txt file');
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
    t.log(`damaged files: ${read} read, ${refused} refused with one clean error`);
    t.true(refused > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
