/**
 * The whole annotation loop through the CLI, as a user runs it: seed
 * article → Label Studio tasks + labeling config → an export as Label
 * Studio writes it (two annotators, a cancelled annotation, an unfinished
 * task, predictions as integer ids) → convert → dataset merge → dataset
 * split → an HF folder whose dataset card names the labels. Nothing is
 * lost and every count is printed.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, ROOT } from './helpers/cli.js';
import { readAnnotations } from '../src/formats/index.js';
import { OffsetMap } from '../src/text/offsets.js';

const ID = 'lavrov-pakistan-visit-2021';
const SEED = join(ROOT, 'corpus', `${ID}.txt`);
const GOLD = readAnnotations(join(ROOT, 'annotations', 'gold', `${ID}.json`))[0];

test.serial('seed article → Label Studio → two annotators → merge → split → HF folder; nothing lost', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-loop-'));
  // 1. pre-annotate: tasks and the labeling config beside them
  const pre = await runCli(['annotate', SEED, '--model', 'rules', '-f', 'labelstudio', '-o', join(dir, 'tasks.json')]);
  t.is(pre.code, 0, pre.stderr);
  const config = readFileSync(join(dir, 'tasks.config.xml'), 'utf8');
  for (const l of ['PER', 'LOC', 'ORG', 'MISC']) t.true(config.includes(`<Label value="${l}"/>`), l);
  t.regex(config, /<Labels name="label" toName="text">[\s\S]*<Text name="text" value="\$text"\/>/);
  const tasks = JSON.parse(readFileSync(join(dir, 'tasks.json'), 'utf8')) as { data: { text: string }; predictions: { result: unknown[] }[] }[];
  t.is(tasks.length, 1);
  t.true(tasks[0].predictions[0].result.length > 0, 'model output loads as pre-annotation');
  t.is(tasks[0].data.text, GOLD.text);

  // 2. the export as Label Studio writes it after two annotators worked
  const map = new OffsetMap(GOLD.text);
  const result = (prefix: string, ents: typeof GOLD.entities) =>
    ents.map((e, i) => ({
      id: `${prefix}${i}`,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      origin: 'manual',
      value: { start: map.toCodePoint(e.start), end: map.toCodePoint(e.end), text: GOLD.text.slice(e.start, e.end), labels: [e.label] },
    }));
  const gold = GOLD.entities;
  // annotator 1 misses the last entity and calls the first one MISC
  const first = { ...gold[0], label: gold[0].label === 'MISC' ? 'ORG' : 'MISC' };
  const one = [first, ...gold.slice(1, -1)];
  const ann = (id: number, who: number, res: unknown[], extra: Record<string, unknown> = {}) => ({
    id,
    completed_by: who,
    result: res,
    was_cancelled: false,
    ground_truth: false,
    created_at: `2024-01-0${who}T10:00:00Z`,
    updated_at: `2024-01-0${who}T10:00:00Z`,
    ...extra,
  });
  const exp = [
    {
      id: 1,
      data: { text: GOLD.text },
      annotations: [
        ann(11, 1, result('a', one)),
        ann(12, 2, [...result('b', gold), { from_id: 'b0', to_id: 'b1', type: 'relation', direction: 'right', labels: [] }], { ground_truth: true }),
        ann(13, 3, [], { was_cancelled: true }),
      ],
      predictions: [101],
    },
    { id: 2, data: { text: 'ગાંધીનગર ગુજરાતની રાજધાની છે.' }, annotations: [], predictions: [102] },
  ];
  const exportPath = join(dir, 'export.json');
  writeFileSync(exportPath, JSON.stringify(exp, null, 1));

  // 3. status and convert: the unfinished task is counted, never empty gold
  const st = await runCli(['dataset', 'status', exportPath]);
  t.is(st.code, 0, st.stderr);
  t.regex(st.stdout, /2 documents \(1 finished, 1 unfinished\)/);
  t.regex(st.stdout, new RegExp(`annotator 1: 1 documents, ${one.length} entities`));
  t.regex(st.stdout, new RegExp(`annotator 2: 1 documents, ${gold.length} entities`));
  const conv = await runCli(['convert', exportPath, join(dir, 'layers.json'), '--annotations', 'all']);
  t.is(conv.code, 0, conv.stderr);
  t.regex(conv.stderr, /1 unfinished tasks skipped/);
  t.regex(conv.stderr, /1 cancelled annotations ignored/);
  t.regex(conv.stderr, /1 "relation" results skipped/);
  t.regex(conv.stderr, new RegExp(`2 documents, ${one.length + gold.length} entities`));
  const sel = await runCli(['convert', exportPath, join(dir, 'selected.json')]);
  t.is(sel.code, 0, sel.stderr);
  t.deepEqual(
    readAnnotations(join(dir, 'selected.json'))[0].entities.map((e) => [e.start, e.end, e.label]),
    gold.map((e) => [e.start, e.end, e.label]),
    'the ground truth annotation',
  );

  // 4. adjudication of the two layers: every conflict listed for a third person
  const merged = join(dir, 'merged.json');
  const m = await runCli(['dataset', 'merge', exportPath, '-o', merged, '--strategy', 'b', '--conflicts', join(dir, 'conflicts.csv')]);
  t.is(m.code, 0, m.stderr);
  t.regex(m.stderr, new RegExp(`${gold.length - 2} entities agreed, 2 conflicts \\(type 1, only-b 1\\)`));
  const csv = readFileSync(join(dir, 'conflicts.csv'), 'utf8').trim().split('\n');
  t.is(csv.length, 3);
  t.true(csv[1].includes(GOLD.text.slice(gold[0].start, gold[0].end)));
  const back = readAnnotations(merged)[0];
  t.deepEqual(
    back.entities.map((e) => [e.start, e.end, e.label]),
    gold.map((e) => [e.start, e.end, e.label]),
  );

  // 5. split into an HF folder: label counts printed, the card names the labels, no entity lost
  const out = join(dir, 'hf');
  const s = await runCli(['dataset', 'split', merged, '--out', out, '--to', 'hf', '--by', 'sentence', '--seed', '3']);
  t.is(s.code, 0, s.stderr);
  t.regex(s.stderr, /split: train: \d+ sentences, \d+ entities \(.*PER \d+/);
  t.deepEqual(readdirSync(out).sort(), ['README.md', 'dev.jsonl', 'labels.json', 'test.jsonl', 'train.jsonl']);
  const card = readFileSync(join(out, 'README.md'), 'utf8');
  const labels = JSON.parse(readFileSync(join(out, 'labels.json'), 'utf8')) as string[];
  t.deepEqual(labels.slice(0, 3), ['O', 'B-PER', 'I-PER']);
  const yaml = card.split('---')[1];
  t.regex(yaml, /- name: tokens\n {4}sequence: string\n/);
  t.regex(yaml, /- name: ner_tags\n {4}sequence:\n {6}class_label:\n {8}names:\n {10}'0': 'O'\n {10}'1': 'B-PER'\n/);
  t.regex(yaml, /- split: validation\n {4}path: 'dev.jsonl'/);
  let spans = 0;
  for (const f of ['train.jsonl', 'dev.jsonl', 'test.jsonl']) {
    const rows = readFileSync(join(out, f), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of rows) {
      t.deepEqual(Object.keys(r), ['id', 'tokens', 'ner_tags', 'doc', 'text', 'start', 'offsets', 'spans', 'doc_text', 'meta'], 'same keys on every line');
      spans += (r.spans as unknown[]).length;
    }
    t.is(
      readAnnotations(join(out, f)).reduce((n, d) => n + d.entities.length, 0),
      rows.reduce((n, r) => n + (r.spans as unknown[]).length, 0),
    );
  }
  t.is(spans, gold.length);
});
