import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAnnotations, writeAnnotations } from '../src/formats/index.js';
import { parseCsv, CsvSyntaxError } from '../src/formats/csv-parse.js';
import { parseJsonWithLines, parseJsonSlow, JsonSyntaxError } from '../src/formats/json-parse.js';
import fc from 'fast-check';
import { documentFromText } from '../src/segment/document.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gujnlp-readers-'));
const put = (dir: string, name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const ents = (path: string, opts = {}) => readAnnotations(path, opts).map((d) => d.entities.map((e) => `${e.label}:${e.text}${e.source ? `@${e.source}` : ''}`));

test('doccano: label, the older labels key and the newer entities list', (t) => {
  const dir = tmp();
  const f = put(
    dir,
    'd.jsonl',
    [
      JSON.stringify({ id: 7, text: '🇷🇺 રશિયા', label: [[5, 10, 'LOC']] }),
      JSON.stringify({ text: 'ઇમરાન ખાન', labels: [[0, 9, 'PER']] }),
      JSON.stringify({ text: 'એસસીઓ', entities: [{ id: 1, start_offset: 0, end_offset: 5, label: 'ORG' }] }),
      '',
    ].join('\n'),
  );
  t.deepEqual(ents(f), [['LOC:રશિયા'], ['PER:ઇમરાન ખાન'], ['ORG:એસસીઓ']]);
  t.deepEqual(
    readAnnotations(f).map((d) => d.id),
    ['7', 'd-2', 'd-3'],
  );
  // the same span in code points (a file made by a Python program): --offsets codepoint
  const cp = put(dir, 'cp.jsonl', `${JSON.stringify({ text: '🇷🇺 રશિયા', label: [[3, 8, 'LOC']] })}\n`);
  t.deepEqual(ents(cp, { offsets: 'codepoint' }), [['LOC:રશિયા']]);
  t.throws(() => readAnnotations(cp), { message: /cp\.jsonl:1: label\[0\]: LOC span 3-8 \(UTF-16 units\) falls inside a surrogate pair.*--offsets codepoint/ });
});

test('Label Studio: model output written as predictions loads as pre-annotation; corrected annotations win', (t) => {
  const dir = tmp();
  const doc = documentFromText('ls', 'ઇમરાન ખાન મોસ્કો ગયા.');
  doc.entities = [
    { start: 0, end: 9, label: 'PER', source: 'rules@1', score: 0.75 },
    { start: 10, end: 16, label: 'LOC', source: 'rules@1', score: 0.25 },
  ];
  const f = join(dir, 'ls.json');
  writeAnnotations(f, [doc], { format: 'labelstudio' });
  const task = JSON.parse(readFileSync(f, 'utf8'))[0];
  t.deepEqual(task.annotations, []);
  t.is(task.predictions[0].model_version, 'rules@1');
  t.is(task.predictions[0].score, 0.5);
  t.deepEqual(task.predictions[0].result[1].value, { start: 10, end: 16, text: 'મોસ્કો', labels: ['LOC'] });
  // predictions are never gold: the task is unfinished; read as predictions on request
  t.deepEqual(ents(f, { onNotes: () => {} }), []);
  t.deepEqual(ents(f, { annotations: 'predictions' }), [['PER:ઇમરાન ખાન@rules@1', 'LOC:મોસ્કો@rules@1']]);
  const back = readAnnotations(f, { annotations: 'predictions' })[0];
  t.is(back.entities[0].score, 0.75);
  // an annotator corrects it in Label Studio: the annotation is gold, the prediction is ignored
  task.annotations = [{ was_cancelled: true, result: [] }, { result: [{ ...task.predictions[0].result[0], id: 'x' }] }];
  writeFileSync(f, JSON.stringify([task]));
  t.deepEqual(ents(f), [['PER:ઇમરાન ખાન']]);
});

test('CoNLL: IOB1 read with its scheme; tags written in another scheme', (t) => {
  const dir = tmp();
  const f = put(dir, 'i.conll', 'ઇમરાન I-PER\nખાન I-PER\nપુટિન B-PER\nમળ્યા O\n');
  t.deepEqual(ents(f, { scheme: 'IOB1' }), [['PER:ઇમરાન ખાન', 'PER:પુટિન']]);
  const out = join(dir, 'o.conll');
  writeAnnotations(out, readAnnotations(f, { scheme: 'IOB1' }), { format: 'conll', scheme: 'IOBES' });
  t.is(readFileSync(out, 'utf8'), 'ઇમરાન B-PER\nખાન E-PER\nપુટિન S-PER\nમળ્યા O\n');
});

test('HF: string ner_tags need no label list; a missing label list is an error for integers', (t) => {
  const dir = tmp();
  const f = put(dir, 's.jsonl', `${JSON.stringify({ tokens: ['મોસ્કો', 'ગયા'], ner_tags: ['B-LOC', 'O'] })}\n`);
  t.deepEqual(ents(f), [['LOC:મોસ્કો']]);
  const g = put(dir, 'n.jsonl', `${JSON.stringify({ tokens: ['મોસ્કો'], ner_tags: [3] })}\n`);
  t.throws(() => readAnnotations(g), { message: /n\.jsonl:1: integer ner_tags need a label list/ });
  put(dir, 'labels.json', JSON.stringify({ id2label: { 0: 'O', 1: 'B-PER', 2: 'I-PER', 3: 'B-LOC' } }));
  t.deepEqual(ents(g), [['LOC:મોસ્કો']]);
  const h = put(dir, 'x.jsonl', `${JSON.stringify({ tokens: ['મોસ્કો'], ner_tags: [9] })}\n`);
  t.throws(() => readAnnotations(h), { message: /x\.jsonl:1: ner_tag 9 is not an index into the 4 labels/ });
});

test('brat: discontinuous fragments and notes are written back unchanged, never as a covering span', (t) => {
  const dir = tmp();
  put(dir, 'b.txt', 'જમ્મુ અને કાશ્મીર');
  const ann = 'T1\tLOC 0 5;10 17\tજમ્મુ કાશ્મીર\n#1\tAnnotatorNotes T1\tone region, two fragments\n';
  const f = put(dir, 'b.ann', ann);
  const docs = readAnnotations(f, { onNotes: () => {} });
  t.deepEqual(docs[0].entities, []);
  t.deepEqual((docs[0].meta?.brat as { discontinuous: unknown }).discontinuous, [
    {
      id: 'T1',
      label: 'LOC',
      fragments: [
        [0, 5],
        [10, 17],
      ],
      text: 'જમ્મુ કાશ્મીર',
    },
  ]);
  writeAnnotations(join(dir, 'c.ann'), docs, { format: 'brat' });
  t.is(readFileSync(join(dir, 'c.ann'), 'utf8'), ann);
  t.throws(() => writeAnnotations(join(dir, 'c.conll'), docs, { format: 'conll' }), { message: /discontinuous LOC span T1 \(0-5, 10-17: "જમ્મુ કાશ્મીર"\) cannot be written to conll/ });
  // a span brat split at a line break is one span
  put(dir, 'n.txt', 'જમ્મુ\nકાશ્મીર');
  const n = readAnnotations(put(dir, 'n.ann', 'T1\tLOC 0 5;6 13\tજમ્મુ કાશ્મીર\n'));
  t.deepEqual(
    n[0].entities.map((e) => e.text),
    ['જમ્મુ\nકાશ્મીર'],
  );
  t.throws(() => readAnnotations(put(dir, 'e.ann', 'T1\tLOC 0\tજ\n')), { message: /e\.ann: the text file .*e\.txt beside the \.ann file does not exist/ });
  put(dir, 'e.txt', 'જ');
  t.throws(() => readAnnotations(join(dir, 'e.ann')), { message: /e\.ann:1: bad text-bound annotation/ });
});

test('CSV reader: RFC 4180 quoting, line breaks in fields, CRLF, errors with lines', (t) => {
  const rows = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\nlast,,\n');
  t.deepEqual(
    rows.map((r) => [r.line, r.fields]),
    [
      [1, ['a', 'b', 'c']],
      [2, ['x, y', 'say "hi"', 'two\nlines']],
      [5, ['last', '', '']],
    ],
  );
  t.throws(() => parseCsv('a,b\n"open,x\n'), { instanceOf: CsvSyntaxError, message: /unterminated/ });
  const e = t.throws(() => parseCsv('a,b\nx,y"z\n'), { instanceOf: CsvSyntaxError });
  t.is(e!.line, 2);
});

test('JSON reader: same values as JSON.parse, lines of objects, syntax errors with line and column', (t) => {
  const src = '[\n  {"a": 1.5e2, "b": [true, null, "\\u0aa8\\n"]},\n  {"c": {}}\n]';
  const p = parseJsonWithLines(src);
  t.deepEqual(p.value, JSON.parse(src));
  const arr = p.value as Record<string, unknown>[];
  t.is(p.lineOf(arr), 1);
  t.is(p.lineOf(arr[1]), 3);
  const e = t.throws(() => parseJsonWithLines('{\n  "a": [1, 2,,]\n}'), { instanceOf: JsonSyntaxError });
  t.is(e!.line, 2);
  t.is(e!.column, 14);
  // the prototype is not polluted by a "__proto__" key
  const q = parseJsonWithLines('{"__proto__": {"x": 1}}').value as Record<string, unknown>;
  t.deepEqual(Object.keys(q), ['__proto__']);
  t.is(({} as Record<string, unknown>).x, undefined);
});

test('JSON reader: the fast path gives the same values and lines as the reference parser', (t) => {
  const containers = (v: unknown, out: unknown[] = []): unknown[] => {
    if (typeof v === 'object' && v !== null) {
      out.push(v);
      for (const x of Array.isArray(v) ? v : Object.values(v)) containers(x, out);
    }
    return out;
  };
  fc.assert(
    fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2), (v, indent) => {
      const src = JSON.stringify(v, null, indent);
      const fast = parseJsonWithLines(src);
      const slow = parseJsonSlow(src);
      t.deepEqual(fast.value, slow.value);
      const a = containers(fast.value).map((x) => fast.lineOf(x));
      const b = containers(slow.value).map((x) => slow.lineOf(x));
      t.deepEqual(a, b);
    }),
    { numRuns: 300 },
  );
  // duplicate keys and integer-like keys take the reference path
  const dup = parseJsonWithLines('{\n"a": [1],\n"a": {"b": [2]}\n}');
  t.is(dup.lineOf((dup.value as { a: unknown }).a), 3);
  const num = parseJsonWithLines('{\n"b": [1],\n"1": [2]\n}');
  t.is(num.lineOf((num.value as Record<string, unknown>)['1']), 3);
});

test('CoNLL: # comment lines before sentences (MultiCoNER style) are kept; a # token is still a token', (t) => {
  const dir = tmp();
  const src = '# id 1\tdomain=gu\nઇમરાન _ _ B-PER\nખાન _ _ I-PER\n\n# id 2\n# second comment\n# _ _ O\nમોસ્કો _ _ B-LOC\n';
  const f = put(dir, 'm.conll', src);
  const docs = readAnnotations(f);
  t.deepEqual(
    docs[0].tokens.map((x) => x.text),
    ['ઇમરાન', 'ખાન', '#', 'મોસ્કો'],
  );
  t.deepEqual(ents(f), [['PER:ઇમરાન ખાન', 'LOC:મોસ્કો']]);
  writeAnnotations(join(dir, 'o.conll'), docs, { format: 'conll' });
  t.is(readFileSync(join(dir, 'o.conll'), 'utf8'), src);
});

test('CoNLL-2003 → HF → CoNLL keeps the POS and chunk columns, one line at a time', (t) => {
  const dir = tmp();
  const src = '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n';
  const f = put(dir, 'c.conll', src);
  writeAnnotations(join(dir, 'c.jsonl'), readAnnotations(f), { format: 'hf' });
  const lines = readFileSync(join(dir, 'c.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.deepEqual(lines[1].columns, [
    ['NNP', 'B-NP'],
    ['NNP', 'I-NP'],
  ]);
  t.false(JSON.stringify(lines[0].meta).includes('NNP'));
  writeAnnotations(join(dir, 'back.conll'), readAnnotations(join(dir, 'c.jsonl')), { format: 'conll' });
  t.is(readFileSync(join(dir, 'back.conll'), 'utf8'), src);
});
