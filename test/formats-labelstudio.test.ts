import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from './helpers/cli.js';
import { documentFromText } from '../src/segment/document.js';
import { readAnnotations, writeAnnotations, type ReadNotes } from '../src/formats/index.js';
import { parseLabelingConfig } from '../src/formats/labelstudio-config.js';
import { selectAnnotation } from '../src/formats/labelstudio.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gujnlp-ls-'));

test('a project with other names: tasks, config and export agree on them', async (t) => {
  const dir = tmp();
  const doc = documentFromText('d', 'ઇમરાન ખાન મોસ્કો ગયા.');
  doc.entities = [{ start: 0, end: 9, label: 'PER' }];
  const names = { fromName: 'ner', toName: 'doc', dataKey: 'content' };
  writeAnnotations(join(dir, 't.json'), [doc], { format: 'labelstudio', labelstudio: names, labels: ['PER', 'LOC'] });
  const xml = readFileSync(join(dir, 't.config.xml'), 'utf8');
  t.is(xml, '<View>\n  <Labels name="ner" toName="doc">\n    <Label value="PER"/>\n    <Label value="LOC"/>\n  </Labels>\n  <Text name="doc" value="$content"/>\n</View>\n');
  t.deepEqual(parseLabelingConfig(xml, 'x'), { ...names, labels: ['PER', 'LOC'] });
  const task = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8'))[0];
  t.is(task.data.content, doc.text);
  t.is(task.annotations[0].result[0].from_name, 'ner');
  // the default names do not find the text; the config does
  const bad = await runCli(['convert', join(dir, 't.json'), join(dir, 'o.json')]);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /t\.json:\d+: task 1: "data" has no "text" string \(its keys: "content", "doc"\)/);
  const ok = await runCli(['convert', join(dir, 't.json'), join(dir, 'o.json'), '--ls-config', join(dir, 't.config.xml')]);
  t.is(ok.code, 0, ok.stderr);
  // a Label Studio output keeps the project's names
  t.deepEqual(
    readAnnotations(join(dir, 'o.json'), { labelstudio: names })[0].entities.map((e) => e.text),
    ['ઇમરાન ખાન'],
  );
});

test('UTF-16 offsets of old Label Studio versions are repaired and counted; the selection rules', (t) => {
  let notes: ReadNotes = new Map();
  const [d] = readAnnotations(join(ROOT, 'test', 'fixtures', 'formats', 'utf16-offsets.json'), { onNotes: (n) => (notes = n) });
  t.deepEqual(
    d.entities.map((e) => d.text.slice(e.start, e.end)),
    ['Sergey #Lavrov'],
  );
  t.is([...notes.values()][0], 1);
  t.regex([...notes.keys()][0], /UTF-16/);
  const a = { id: 1, updated_at: '2024-01-02T00:00:00Z' };
  const b = { id: 2, updated_at: '2024-01-01T00:00:00Z' };
  t.is(selectAnnotation([a, b]), a);
  t.is(selectAnnotation([a, { ...b, ground_truth: true }])?.id, 2);
  t.is(selectAnnotation([{ id: 3 }, { id: 4 }])?.id, 4);
});
