import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmdAnnotator, cmdDisplayName, parseReply } from '../src/annotate/cmd.js';
import { loadAnnotator, splitSpec } from '../src/annotate/registry.js';
import { documentFromText } from '../src/segment/document.js';
import { HAS_PYTHON, SKIP_NO_PYTHON } from './helpers/python.js';
import { runCli, ROOT } from './helpers/cli.js';

const TAGGER = join(ROOT, 'test', 'fixtures', 'tagger.py');

const PY = HAS_PYTHON;
const py = PY ? test.serial : test.skip;
const SKIP = PY ? '' : SKIP_NO_PYTHON;

const TEXT = 'નરેન્દ્ર ગાંધી અમદાવાદમાં રહે છે. તે ભારત ગયા. ત્રીજું વાક્ય છે.';
const doc = () => documentFromText('d1', TEXT);

test('parseReply: tags, entities and every malformed shape', (t) => {
  t.deepEqual(parseReply('{"id":"a","tags":["B-PER","I-PER","O"]}', 'a', 3), [{ type: 'PER', start: 0, end: 2 }]);
  t.deepEqual(parseReply('{"id":"a","entities":[{"start":2,"end":3,"label":"LOC"},{"start":0,"end":1,"label":"PER"}]}', 'a', 3), [
    { type: 'PER', start: 0, end: 1 },
    { type: 'LOC', start: 2, end: 3 },
  ]);
  t.deepEqual(parseReply('{"id":"a","entities":[]}', 'a', 3), []);
  const bad: [string, RegExp][] = [
    ['not json', /not a JSON object/],
    ['[1,2]', /not a JSON object/],
    ['{"id":"b","tags":["O","O","O"]}', /id "b", expected "a"/],
    ['{"id":"a","tags":["O","O"]}', /2 tags for 3 tokens/],
    ['{"id":"a","tags":["O","O","PER"]}', /tag 3: 'PER' is not an entity tag/],
    ['{"id":"a","tags":["O","O",1]}', /tag 3: 1 is not a string/],
    ['{"id":"a"}', /neither "tags" nor "entities"/],
    ['{"id":"a","entities":[{"start":0,"end":4,"label":"PER"}]}', /outside 0\.\.3/],
    ['{"id":"a","entities":[{"start":1,"end":1,"label":"PER"}]}', /empty/],
    ['{"id":"a","entities":[{"start":0,"end":1}]}', /no label/],
    ['{"id":"a","entities":[{"start":"0","end":1,"label":"X"}]}', /integer token indices/],
    ['{"id":"a","entities":[{"start":0,"end":2,"label":"X"},{"start":1,"end":3,"label":"Y"}]}', /overlap/],
    ['{"id":"a","error":"CUDA out of memory"}', /model reported an error: CUDA/],
  ];
  for (const [line, re] of bad) {
    const r = parseReply(line, 'a', 3);
    t.is(typeof r, 'string', line);
    t.regex(r as string, re, line);
  }
});

test('cmd display names and specs', (t) => {
  t.is(cmdDisplayName('python3 test/fixtures/tagger.py'), 'tagger.py');
  t.is(cmdDisplayName('python3 "my dir/tag.py" --gpu'), 'tag.py');
  t.is(cmdDisplayName('python3 test/fixtures/tagger.py --die-after 1'), 'tagger.py');
  t.is(cmdDisplayName('python3 -m ner.serve'), 'ner.serve');
  t.is(cmdDisplayName('/opt/bin/tagger --gpu'), 'tagger');
  t.deepEqual(splitSpec('cmd:python3 tag.py'), ['cmd', 'python3 tag.py']);
  t.throws(() => new CmdAnnotator('  '), { message: /needs a command/ });
});

py(`cmd: a Python script tags every sentence, in batches, as tags or as entities${SKIP}`, async (t) => {
  for (const extra of ['', ' --entities']) {
    for (const batchSize of [1, 2, 64]) {
      const a = await loadAnnotator(`cmd:python3 ${TAGGER}${extra}`, { batchSize });
      try {
        const d = doc();
        const ents = await a.annotate(d);
        t.deepEqual(
          ents.map((e) => [e.label, e.text]),
          [
            ['PER', 'નરેન્દ્ર ગાંધી'],
            ['LOC', 'અમદાવાદમાં'],
            ['LOC', 'ભારત'],
          ],
          `${extra} batch ${batchSize}`,
        );
        for (const e of ents) t.is(d.text.slice(e.start, e.end), e.text ?? '');
        // the same child serves the next document
        t.is((await a.annotate(documentFromText('d2', 'સુરત.'))).length, 1);
        t.deepEqual(await a.annotate(documentFromText('d3', '')), []);
      } finally {
        await a.close?.();
      }
    }
  }
});

async function failure(t: import('ava').ExecutionContext, cmd: string, re: RegExp, opts: { timeout?: number } = {}): Promise<void> {
  const a = new CmdAnnotator(cmd, { timeout: opts.timeout ?? 20, batchSize: 2 });
  try {
    const err = await t.throwsAsync(a.annotate(doc()));
    t.regex(err!.message, /^model '[^']+' \(cmd:.+\): document 'd1', sentence \d \(id "d1#\d", "/);
    t.regex(err!.message, re);
    t.false(err!.message.includes('\n'), 'one line');
    // a failed model stays failed
    await t.throwsAsync(a.annotate(doc()), { message: re });
  } finally {
    await a.close();
  }
}

py(`cmd: a child that dies, hangs, or replies wrongly is an error naming the model and the sentence${SKIP}`, async (t) => {
  await failure(t, `python3 ${TAGGER} --die-after 1`, /sentence 2 .*exited with status 7 before replying/);
  await failure(t, `python3 ${TAGGER} --wrong-length`, /sentence 2 .*the reply has 3 tags for 4 tokens/);
  await failure(t, `python3 ${TAGGER} --wrong-id`, /sentence 1 .*expected "d1#1"/);
  await failure(t, `python3 ${TAGGER} --hang`, /sentence 1 .*no reply within 1 s/, { timeout: 1 });
  await failure(t, 'exit 0', /sentence 1 .*exited with status 0 before replying/);
  await failure(t, 'no-such-command-gujnlp', /exited with status 127/);
});

py(`cmd: through the CLI the child's stderr passes through and predictions are written${SKIP}`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-cmd-'));
  const input = join(dir, 'in.txt');
  writeFileSync(input, TEXT);
  const r = await runCli(['annotate', input, '--model', `cmd:python3 ${TAGGER}`, '--format', 'json']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /tagger\.py: ready/);
  const out = JSON.parse(r.stdout);
  const docs = Array.isArray(out) ? out : [out];
  t.deepEqual(
    docs[0].entities.map((e: { label: string; text: string }) => e.label),
    ['PER', 'LOC', 'LOC'],
  );
  const bad = await runCli(['annotate', input, '--model', `cmd:python3 ${TAGGER} --wrong-length`]);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /gujnlp: model 'tagger\.py' .*sentence 2 .*3 tags for 4 tokens/);
});
