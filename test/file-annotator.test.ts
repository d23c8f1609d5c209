import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alignPredictions, loadFileAnnotator } from '../src/annotate/file.js';
import { documentFromText } from '../src/segment/document.js';
import type { Document, Entity } from '../src/doc/types.js';
import { InputError } from '../src/io/errors.js';
import { ROOT } from './helpers/cli.js';

const ID = 'lavrov-pakistan-visit-2021';
const TEXT = readFileSync(join(ROOT, 'corpus', `${ID}.txt`), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'gujnlp-file-'));

function doc(): Document {
  return documentFromText(ID, TEXT);
}

/** Entities over whole tokens: the first token with the given text, plus `len` tokens. */
function entityAt(d: Document, token: string, len: number, label: string): Entity {
  const i = d.tokens.findIndex((t) => t.text === token);
  if (i < 0) throw new Error(`no token ${token}`);
  const start = d.tokens[i].start;
  const end = d.tokens[i + len - 1].end;
  return { start, end, label, text: d.text.slice(start, end) };
}

/** Another system's output as CoNLL over gujnlp's tokens (as a Python script would write it). */
function conllOf(d: Document, entities: Entity[], edit?: (sentences: string[][][]) => void): string {
  const sentences = d.sentences.map((s) =>
    d.tokens
      .filter((t) => t.start >= s.start && t.end <= s.end)
      .map((t) => {
        const e = entities.find((x) => x.start <= t.start && t.end <= x.end);
        return [t.text, e === undefined ? 'O' : `${e.start === t.start ? 'B' : 'I'}-${e.label}`];
      }),
  );
  edit?.(sentences);
  return sentences.map((s) => s.map((r) => r.join('\t')).join('\n')).join('\n\n') + '\n';
}

test('file: predictions in CoNLL over gujnlp tokens come back as spans of the original text', async (t) => {
  const d = doc();
  const gold = [entityAt(d, 'રશિયાના', 1, 'LOC'), entityAt(d, 'ઇમરાન', 2, 'PER'), entityAt(d, 'Sergey', 2, 'PER')];
  const path = join(dir, 'python-ner.conll');
  writeFileSync(path, conllOf(d, gold));
  const ann = await loadFileAnnotator(path);
  t.is(ann.name, 'python-ner.conll');
  t.regex(ann.version, /^file-[0-9a-f]{12}$/);
  const got = await ann.annotate(d);
  t.deepEqual(
    got,
    gold.map((e) => ({ ...e, source: 'python-ner.conll' })),
  );
  // the corpus has flag emoji before 'Sergey': UTF-16 offsets are used in memory
  t.is(TEXT.slice(got[2].start, got[2].end), 'Sergey #Lavrov');
  t.true(got[2].start > TEXT.indexOf('🇷🇺') + 4);
  t.is(d.entities.length, 0, 'the document is not changed');
});

test('file: differing tokens are an error naming the sentence and token', async (t) => {
  const d = doc();
  const path = join(dir, 'other-tokenizer.conll');
  // the other system split 'પાકિસ્તાનની' into stem and ending
  let where = '';
  writeFileSync(
    path,
    conllOf(d, [], (sents) => {
      for (const [s, sent] of sents.entries()) {
        const i = sent.findIndex((r) => r[0] === 'પાકિસ્તાનની');
        if (i >= 0) {
          sent.splice(i, 1, ['પાકિસ્તાન', 'B-LOC'], ['ની', 'O']);
          where = `sentence ${s + 1}, token ${i + 1}`;
          return;
        }
      }
    }),
  );
  t.is(where, 'sentence 1, token 8');
  const ann = await loadFileAnnotator(path);
  const err = await t.throwsAsync(ann.annotate(d), { instanceOf: InputError });
  t.true(err!.message.startsWith(`${path}: document '${ID}': tokens differ from gujnlp's`), err!.message);
  t.true(err!.message.includes(`gujnlp: ${where}`), err!.message);
  t.true(err!.message.includes(`gujnlp has 'પાકિસ્તાનની', the file has 'પાકિસ્તાન'`), err!.message);
  // a file that stops early names the first missing token
  const short = join(dir, 'short.conll');
  writeFileSync(
    short,
    conllOf(d, [], (sents) => sents.splice(1)),
  );
  const e2 = await t.throwsAsync((await loadFileAnnotator(short)).annotate(d), { instanceOf: InputError });
  t.regex(e2!.message, /gujnlp: sentence 2, token 1.*the file has nothing/);
});

test('file: same text keeps spans exactly; documents are matched by id', (t) => {
  const d = doc();
  // a standoff prediction over the same text, with a span inside a token (case ending left out)
  const i = d.tokens.findIndex((x) => x.text === 'પાકિસ્તાનના');
  const inner: Entity = { start: d.tokens[i].start, end: d.tokens[i].start + 'પાકિસ્તાન'.length, label: 'LOC', score: 0.9 };
  const pred: Document = { ...doc(), entities: [inner] };
  const got = alignPredictions(d, pred, 'pred.json', 'pred.json');
  t.deepEqual(got, [{ ...inner, text: 'પાકિસ્તાન', source: 'pred.json' }]);
});

test('file: a document missing from a multi-document file is a clear error', async (t) => {
  const path = join(dir, 'two-docs.conll');
  writeFileSync(path, '-DOCSTART- a\n\nભારત\tB-LOC\n\n-DOCSTART- b\n\nચીન\tB-LOC\n');
  const ann = await loadFileAnnotator(path);
  const err = await t.throwsAsync(ann.annotate(doc()), { instanceOf: InputError });
  t.regex(err!.message, new RegExp(`two-docs\\.conll: no predictions for document '${ID}' \\(the file has 2 documents`));
});

test('file: span formats without tokens (doccano) must carry the same text; spans kept, code points converted', async (t) => {
  const d = doc();
  const cp = (u16: number) => [...TEXT.slice(0, u16)].length;
  const ents = [entityAt(d, 'Sergey', 2, 'PER'), entityAt(d, 'રશિયાના', 1, 'LOC')];
  // 'રશિયા' without its case ending: a span inside a token
  ents[1] = { ...ents[1], end: ents[1].start + 'રશિયા'.length, text: 'રશિયા' };
  const path = join(dir, 'doccano-preds.jsonl');
  // doccano counts UTF-16 units, as its UI does
  writeFileSync(path, JSON.stringify({ id: ID, text: TEXT, label: ents.map((e) => [e.start, e.end, e.label]) }) + '\n');
  void cp;
  const got = await (await loadFileAnnotator(path)).annotate(d);
  t.deepEqual(
    got.map((e) => [e.label, e.text, TEXT.slice(e.start, e.end), e.source]),
    [
      ['LOC', 'રશિયા', 'રશિયા', 'doccano-preds.jsonl'],
      ['PER', 'Sergey #Lavrov', 'Sergey #Lavrov', 'doccano-preds.jsonl'],
    ],
  );
  // a different text (one character changed on line 4) is refused
  const changed = TEXT.replace('Sergey', 'Sergei');
  const bad = join(dir, 'doccano-other.jsonl');
  writeFileSync(bad, JSON.stringify({ id: ID, text: changed, label: [] }) + '\n');
  const err = await t.throwsAsync(async () => (await loadFileAnnotator(bad)).annotate(d), { instanceOf: InputError });
  const at = TEXT.indexOf('Sergey') + 5;
  const line = TEXT.slice(0, at).split('\n').length;
  const column = [...TEXT.slice(TEXT.lastIndexOf('\n', at) + 1, at)].length + 1;
  t.is(line, 4);
  t.true(err!.message.includes(`the file's text differs from the document's at line ${line}, column ${column}`), err!.message);
  t.true(err!.message.includes(`the document has "y", the file has "i"`), err!.message);
});
