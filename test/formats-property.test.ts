import test from 'ava';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document, Entity, Sentence, Token } from '../src/doc/types.js';
import { FORMAT_NAMES, readAnnotations, writeAnnotations, type FormatName } from '../src/formats/index.js';

// words with Gujarati marks, ZWJ/ZWNJ, astral emoji and flags, CSV/JSON-special characters
const WORDS = ['ઇમરાન', 'ખાન', 'પાકિસ્તાન', 'ઉદ્‌ગાર', '🇷🇺', '😀x', '"q"', 'a,b', 'x\\y', '#Lavrov', '@mfa', '૧૯૧૬', '.', 'ક્ષ'];
const LABELS = ['PER', 'LOC', 'ORG', 'MISC'];

const docArb = fc
  .array(
    fc.record({
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
      gaps: fc.array(fc.constantFrom(' ', '  ', '\t', ' \u00a0'), { minLength: 6, maxLength: 6 }),
      spans: fc.array(fc.tuple(fc.nat(5), fc.integer({ min: 1, max: 3 }), fc.constantFrom(...LABELS)), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((sents): Document => {
    let text = '';
    const tokens: Token[] = [];
    const sentences: Sentence[] = [];
    const entities: Entity[] = [];
    sents.forEach((s, k) => {
      if (k > 0) text += k % 2 ? '\n' : '\n\n';
      const first = tokens.length;
      const sStart = text.length;
      s.words.forEach((w, i) => {
        if (i > 0) text += s.gaps[i];
        tokens.push({ start: text.length, end: text.length + w.length, text: w, kind: 'word' });
        text += w;
      });
      sentences.push({ start: sStart, end: text.length, text: text.slice(sStart) });
      // non-overlapping token ranges of this sentence
      let next = 0;
      for (const [skip, len, label] of s.spans) {
        const a = next + skip;
        const b = Math.min(a + len, s.words.length);
        if (a >= s.words.length) break;
        const start = tokens[first + a].start;
        const end = tokens[first + b - 1].end;
        entities.push({ start, end, label, text: text.slice(start, end) });
        next = b;
      }
    });
    return { id: 'p', text, sentences, tokens, entities };
  });

const OUT: Record<FormatName, string> = {
  json: 'p.json',
  conll: 'p.conll',
  conllu: 'p.conllu',
  iob: 'p.iob',
  hf: 'p.jsonl',
  brat: 'p.ann',
  doccano: 'p.jsonl',
  labelstudio: 'p.json',
  csv: 'p.csv',
};

test('random documents round trip through every format with the same entities and text', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-prop-'));
  try {
    fc.assert(
      fc.property(docArb, (doc) => {
        for (const format of FORMAT_NAMES) {
          const out = join(dir, `${format}-${OUT[format]}`);
          const rep = writeAnnotations(out, [doc], { format });
          if (rep.misaligned.length !== 0) return false;
          const read = readAnnotations(out, { format, text: ['conll', 'csv', 'conllu', 'iob'].includes(format) ? doc.text : undefined, onNotes: () => {} });
          // a Label Studio task without gold spans is unfinished: skipped on reading, never empty gold
          if (format === 'labelstudio' && doc.entities.length === 0) {
            if (read.length !== 0) throw new Error('labelstudio: an unannotated task was read as a document');
            continue;
          }
          const [back] = read;
          if (back.text !== doc.text) throw new Error(`${format}: text differs`);
          const a = back.entities.map((e) => `${e.start}:${e.end}:${e.label}:${e.text}`);
          const b = doc.entities.map((e) => `${e.start}:${e.end}:${e.label}:${e.text}`);
          if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${format}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
        }
        return true;
      }),
      { numRuns: 40 },
    );
    t.pass();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
