/**
 * Every file of ../shared/fixtures/real-tools/ (laid out exactly as Label
 * Studio, doccano, brat and spaCy write them) read with the exact entities
 * (text and type) that must come out, or refused with the one error it must
 * give. Skips cleanly where ../shared is absent.
 */
import test from 'ava';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readAnnotations, type ReadNotes, type ReadOptions } from '../src/formats/index.js';
import { SHARED, SKIP_NO_SHARED } from './helpers/shared.js';

const DIR = join(SHARED, 'fixtures', 'real-tools');
const HAVE = existsSync(DIR);
const maybe = HAVE ? test : test.skip;

/** Entities as `TYPE text`, per document, with the notes the reader counted. */
function read(rel: string, opts: ReadOptions = {}): { docs: string[][]; ids: string[]; annotators: (string | undefined)[]; notes: Record<string, number> } {
  let notes: ReadNotes = new Map();
  const docs = readAnnotations(join(DIR, rel), { ...opts, onNotes: (n) => (notes = n) });
  return {
    docs: docs.map((d) => d.entities.map((e) => `${e.label} ${d.text.slice(e.start, e.end)}`)),
    ids: docs.map((d) => d.id),
    annotators: docs.map((d) => (d.meta?.annotator === undefined ? undefined : String(d.meta.annotator))),
    notes: Object.fromEntries(notes),
  };
}

const GT = ['LOC રશિયા', 'PER સેરગેઈ લાવરોવ', 'LOC ઇસ્લામાબાદ'];
const A1 = ['LOC રશિયા', 'PER સેરગેઈ લાવરોવ'];

/** What must come out of each file (every file of the folder has an entry: checked below). */
const EXPECTED: Record<string, (t: import('ava').ExecutionContext) => void> = {
  'labelstudio-export.json': (t) => {
    const r = read('labelstudio-export.json');
    // the ground-truth annotation (annotator 2), not the prediction, not the cancelled one; the relation skipped and counted
    t.deepEqual(r.docs, [GT]);
    t.deepEqual(r.annotators, ['2']);
    t.like(r.notes, { 'cancelled annotations ignored': 1, '"relation" results skipped (not entity spans)': 1 });
    const all = read('labelstudio-export.json', { annotations: 'all' });
    t.deepEqual(all.docs, [A1, GT]);
    t.deepEqual(all.annotators, ['1', '2']);
    t.deepEqual(all.ids, ['labelstudio-export-11@1', 'labelstudio-export-11@2']);
    const preds = read('labelstudio-export.json', { annotations: 'predictions' });
    t.deepEqual(preds.docs, [['LOC રશિયા']]);
  },
  'labelstudio-export-int-predictions.json': (t) => {
    const r = read('labelstudio-export-int-predictions.json');
    // the unannotated task 99 is skipped and counted, never a document with no entities
    t.deepEqual(r.docs, [GT]);
    t.deepEqual(r.ids, ['labelstudio-export-int-predictions-11']);
    t.is(r.notes['unfinished tasks skipped (no annotation that is not cancelled; predictions are not gold)'], 1);
    t.deepEqual(read('labelstudio-export-int-predictions.json', { annotations: 'all' }).docs, [A1, GT]);
  },
  'labelstudio-export.json-min.json': (t) => {
    // no ground_truth in JSON-MIN: the most recent annotation (annotator 2, 2024-01-02)
    const r = read('labelstudio-export.json-min.json');
    t.deepEqual(r.docs, [GT]);
    t.deepEqual(r.annotators, ['2']);
    const all = read('labelstudio-export.json-min.json', { annotations: 'all' });
    t.deepEqual(all.docs, [GT, A1]);
    t.deepEqual(all.annotators, ['2', '1']);
  },
  'labelstudio-export.conll2003.conll': (t) => {
    // label-studio-sdk splits on white space: the tag covers the whole token રશિયાના
    const r = read('labelstudio-export.conll2003.conll');
    t.deepEqual(r.docs, [['LOC રશિયાના', 'PER સેરગેઈ લાવરોવ', 'LOC ઇસ્લામાબાદ', 'LOC રશિયાના', 'PER સેરગેઈ લાવરોવ']]);
  },
  'doccano-export.jsonl': (t) => {
    // UTF-16 offsets after the flag emoji: [5, 10] is રશિયા, [26, 39] is સેરગેઈ લાવરોવ
    t.deepEqual(read('doccano-export.jsonl').docs, [['LOC રશિયા', 'PER સેરગેઈ લાવરોવ']]);
    // read as code points the same offsets are shifted: never silently — the span now starts on a vowel sign, inside a grapheme cluster
    t.throws(() => read('doccano-export.jsonl', { offsets: 'codepoint' }), { message: /LOC span 5-10 starts inside a grapheme cluster/ });
  },
  'doccano-relations-export.jsonl': (t) => {
    // its offsets (3-8, 24-37) count code points: as UTF-16 units 3 cuts the flag's surrogate pair
    t.throws(() => read('doccano-relations-export.jsonl'), {
      message: /doccano-relations-export\.jsonl:1: entity 10: LOC span 3-8 \(UTF-16 units\) falls inside a surrogate pair.*"રશિયા".*--offsets codepoint/,
    });
    const r = read('doccano-relations-export.jsonl', { offsets: 'codepoint' });
    t.deepEqual(r.docs, [['LOC રશિયા', 'PER સેરગેઈ લાવરોવ']]);
    t.deepEqual(r.ids, ['2']);
  },
  'doccano-1.2-export.jsonl': (t) => {
    t.throws(() => read('doccano-1.2-export.jsonl'), { message: /doccano-1\.2-export\.jsonl:1: label\[0\]: LOC span 3-8 \(UTF-16 units\) falls inside a surrogate pair/ });
    t.deepEqual(read('doccano-1.2-export.jsonl', { offsets: 'codepoint' }).docs, [['LOC રશિયા']]);
  },
  'brat/doc.ann': (t) => {
    const docs = readAnnotations(join(DIR, 'brat', 'doc.ann'), { onNotes: () => {} });
    const d = docs[0];
    // the trigger T3 (Travel ગયા) is not an entity; the discontinuous T6 is not a covering span
    t.deepEqual(
      d.entities.map((e) => `${e.label} ${d.text.slice(e.start, e.end)}`),
      ['PER સેરગેઈ લાવરોવ', 'LOC ઇસ્લામાબાદ', 'LOC રશિયા', 'LOC પાકિસ્તાન'],
    );
    const brat = d.meta?.brat as { discontinuous: unknown; triggers: unknown; other: string[] };
    t.deepEqual(brat.discontinuous, [
      {
        id: 'T6',
        label: 'MISC',
        fragments: [
          [3, 9],
          [33, 38],
        ],
        text: 'સેરગેઈ રશિયા',
      },
    ]);
    t.deepEqual(brat.triggers, ['T3\tTravel 28 31\tગયા']);
    t.is(brat.other.length, 7);
  },
  'brat/doc.txt': (t) => {
    // the text of brat/doc.ann: read through the directory, the same one document
    const docs = readAnnotations(join(DIR, 'brat'), { onNotes: () => {} });
    t.is(docs.length, 1);
    t.true(docs[0].text.startsWith('🇷🇺 સેરગેઈ લાવરોવ'));
    t.is(docs[0].entities.length, 4);
  },
  'conllu-ner-in-misc.conllu': (t) => {
    const docs = readAnnotations(join(DIR, 'conllu-ner-in-misc.conllu'));
    t.deepEqual(
      docs.map((d) => d.entities.map((e) => `${e.label} ${d.text.slice(e.start, e.end)}`)),
      [['PER સેરગેઈ લાવરોવ', 'LOC ઇસ્લામાબાદ']],
    );
    // the text of the sentence comes from its # text line; tokens are column 2
    t.is(docs[0].text, 'સેરગેઈ લાવરોવ ઇસ્લામાબાદ ગયા.');
    t.deepEqual(
      docs[0].tokens.map((x) => x.text),
      ['સેરગેઈ', 'લાવરોવ', 'ઇસ્લામાબાદ', 'ગયા', '.'],
    );
  },
};

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f), `${prefix}${f}/`) : [`${prefix}${f}`]));
}

maybe(`every file in ../shared/fixtures/real-tools has its expected entities${HAVE ? '' : ` (${SKIP_NO_SHARED('fixtures/real-tools')})`}`, (t) => {
  const files = filesUnder(DIR)
    .filter((f) => f !== 'README.md')
    .sort();
  t.deepEqual(files, Object.keys(EXPECTED).sort(), 'a new fixture needs its expected entities here');
});

for (const [file, check] of Object.entries(EXPECTED)) {
  maybe(`real tools: ${file}${HAVE ? '' : ` (${SKIP_NO_SHARED(`fixtures/real-tools/${file}`)})`}`, (t) => check(t));
}
