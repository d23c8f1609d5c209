/**
 * Regression tests of issue 14 (hardening), one or more per numbered item;
 * each failed on the main branch before the fix. The hostile-input table,
 * the fuzz properties and the kill test are in hostile.test.ts,
 * fuzz.test.ts and kill.test.ts.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, ROOT } from './helpers/cli.js';
import { f1Chart, perTypeChart } from '../src/report/charts.js';
import { readAnnotations, writeAnnotations } from '../src/formats/index.js';
import { validateFile } from '../src/validate/index.js';
import { documentFromText } from '../src/segment/document.js';
import { modelFolderName } from '../src/bench/models.js';
import { safeFileName, safeFileNames } from '../src/io/file-names.js';
import { removeStaleTemps, writeFileAtomic } from '../src/io/atomic-write.js';
import { fsErrorToInput } from '../src/io/fs-errors.js';
import { InputError } from '../src/io/errors.js';
import { beginRun, INCOMPLETE_NAME, LOCK_NAME } from '../src/io/run-lock.js';
import { csvCell } from '../src/report/tables.js';
import { csvText, csvTextBack, setCsvRaw } from '../src/io/csv-safe.js';
import { splitSentences } from '../src/segment/index.js';
import type { LeaderboardRow } from '../src/eval/bootstrap.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gujnlp-harden-'));
const json = (o: unknown): string => JSON.stringify(o);
const codes = (file: string): string[] =>
  validateFile(file)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => p.code);
/** One line on stderr, no stack frame. */
const oneLine = (stderr: string): boolean => stderr.trim().split('\n').length === 1 && !/\n\s+at /.test(stderr);

// 1. script injection in report.html
test('1: labels and model names are escaped in the report charts, the per-type <title> and <text> included', (t) => {
  const evil = ['<script>alert(1)</script>', '<svg/onload=alert(2)>'];
  const row: LeaderboardRow = { name: '<img src=x onerror=alert(3)>', precision: 0.5, recall: 0.5, f1: 0.5, ci: [0.4, 0.6], pValue: null, perType: { [evil[0]]: 0.5, [evil[1]]: 0.25 } };
  const html = perTypeChart([row], evil) + f1Chart([row]);
  for (const s of [...evil, row.name]) t.false(html.includes(s), s);
  t.true(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
});

// 2. silent data loss or change
test('2: CoNLL with lone CR line ends keeps every token and entity (validate and convert agree)', (t) => {
  const dir = tmp();
  const f = join(dir, 'cr.conll');
  writeFileSync(f, 'અમદાવાદ\tB-LOC\rશહેર\tO\r\rરામ\tB-PER\rગયો\tO\r');
  const [doc] = readAnnotations(f);
  t.is(doc.tokens.length, 4);
  t.deepEqual(
    doc.entities.map((e) => e.label),
    ['LOC', 'PER'],
  );
  t.is(doc.sentences.length, 2);
});

test('2: a lone surrogate escaped in JSON is kept by JSON and refused by formats that write UTF-8 text, never turned into U+FFFD', async (t) => {
  const dir = tmp();
  const src = join(dir, 'sur.json');
  writeFileSync(src, '{"id":"a","text":"x\\ud800y","entities":[]}');
  let r = await runCli(['convert', src, join(dir, 'out.json')]);
  t.is(r.code, 0, r.stderr);
  t.true(readFileSync(join(dir, 'out.json'), 'utf8').includes('"x\\ud800y"'));
  r = await runCli(['convert', src, join(dir, 'out.ann')]);
  t.is(r.code, 1);
  t.regex(r.stderr, /lone UTF-16 surrogate/);
  t.true(oneLine(r.stderr));
  t.false(existsSync(join(dir, 'out.txt')));
  t.false(existsSync(join(dir, 'out.ann')));
});

test("2: converting to HF keeps another dataset's labels.json and writes this one's labels beside its file", (t) => {
  const dir = tmp();
  const other = '["O", "B-DISEASE", "I-DISEASE"]\n';
  writeFileSync(join(dir, 'labels.json'), other);
  const doc = documentFromText('d', 'અમદાવાદ શહેર છે.');
  doc.entities = [{ start: 0, end: 7, label: 'LOC', text: 'અમદાવાદ' }];
  const rep = writeAnnotations(join(dir, 'mine.jsonl'), [doc], { format: 'hf' });
  t.is(readFileSync(join(dir, 'labels.json'), 'utf8'), other);
  t.true(rep.files.includes(join(dir, 'mine.labels.json')));
  const [back] = readAnnotations(join(dir, 'mine.jsonl'), { format: 'hf' });
  t.deepEqual(
    back.entities.map((e) => [e.label, e.text]),
    [['LOC', 'અમદાવાદ']],
  );
});

test('2: convert X.json out.ann refuses to replace an unrelated out.txt', async (t) => {
  const dir = tmp();
  const doc = documentFromText('d', 'અમદાવાદ શહેર છે.');
  writeAnnotations(join(dir, 'x.json'), [doc], { format: 'json' });
  writeFileSync(join(dir, 'out.txt'), 'my notes\n');
  const r = await runCli(['convert', join(dir, 'x.json'), join(dir, 'out.ann')]);
  t.is(r.code, 1);
  t.regex(r.stderr, /out\.txt: exists and is not an output/);
  t.is(readFileSync(join(dir, 'out.txt'), 'utf8'), 'my notes\n');
  t.false(existsSync(join(dir, 'out.ann')));
  // an earlier conversion's pair is replaced as before
  writeFileSync(join(dir, 'out.txt'), 'old');
  writeFileSync(join(dir, 'out.ann'), '');
  t.is((await runCli(['convert', join(dir, 'x.json'), join(dir, 'out.ann')])).code, 0);
  t.is(readFileSync(join(dir, 'out.txt'), 'utf8'), doc.text);
});

test('2: annotate same.txt -o same.txt and convert a.json a.json refuse and keep the input', async (t) => {
  const dir = tmp();
  const f = join(dir, 'same.txt');
  writeFileSync(f, 'અમદાવાદ શહેર છે.\n');
  let r = await runCli(['annotate', f, '-o', f, '--model', 'rules']);
  t.is(r.code, 1);
  t.regex(r.stderr, /same\.txt: is also an input of this command/);
  t.is(readFileSync(f, 'utf8'), 'અમદાવાદ શહેર છે.\n');
  writeAnnotations(join(dir, 'a.json'), [documentFromText('a', 'ક ખ')], { format: 'json' });
  const before = readFileSync(join(dir, 'a.json'), 'utf8');
  symlinkSync(join(dir, 'a.json'), join(dir, 'alias.json'));
  r = await runCli(['convert', join(dir, 'a.json'), join(dir, 'alias.json')]);
  t.is(r.code, 1);
  t.is(readFileSync(join(dir, 'a.json'), 'utf8'), before);
});

test('2: model folders x y, x?y and x_y get three prediction folders; names that differ only in case are refused', (t) => {
  const names = ['x y', 'x?y', 'x_y', 'x/y', '../x', 'external', '.hidden'].map(modelFolderName);
  t.is(new Set(names).size, names.length);
  for (const n of names) {
    t.false(n.includes('/') || n.includes('\\') || n.startsWith('.'), n);
  }
  t.throws(() => safeFileNames(['Doc', 'doc']), { instanceOf: InputError, message: /same file name/ });
  t.throws(() => safeFileNames(['a', 'a']), { instanceOf: InputError, message: /appears twice/ });
});

test('2: bench --out inside the gold folder is refused before anything is written', async (t) => {
  const dir = tmp();
  const gold = join(dir, 'gold');
  mkdirSync(gold);
  writeFileSync(join(gold, 'keep.json'), '{}');
  const r = await runCli(['bench', '--corpus', join(ROOT, 'corpus'), '--gold', gold, '--out', join(gold, 'results'), '--predicted', join(dir, 'pred'), '--models', 'rules']);
  t.is(r.code, 1);
  t.regex(r.stderr, /inside the gold folder/);
  t.true(oneLine(r.stderr));
  t.deepEqual(readdirSync(gold), ['keep.json']);
  t.false(existsSync(join(dir, 'pred')));
});

// 3. validate and the readers: one rule set
test('3: validate rejects overlapping, empty and white-space tokens in JSON', (t) => {
  const dir = tmp();
  const f = join(dir, 'tok.json');
  const text = 'ક ખ ગ';
  writeFileSync(
    f,
    json({
      id: 'x',
      text,
      tokens: [
        { start: 0, end: 1 },
        { start: 0, end: 3 },
        { start: 3, end: 3 },
        { start: 3, end: 4 },
      ],
      entities: [],
    }),
  );
  const problems = validateFile(f).problems.filter((p) => p.code === 'token');
  t.true(problems.length >= 3, JSON.stringify(problems));
});

test('3: entity spans that cut a flag or a consonant from its nukta are errors; the case-ending vowel sign is the documented exception', (t) => {
  const dir = tmp();
  const write = (name: string, text: string, start: number, end: number): string => {
    const f = join(dir, name);
    writeFileSync(f, json({ id: name, text, entities: [{ start, end, label: 'LOC' }] }));
    return f;
  };
  // 🇮🇳🇵🇰 are two flags of two regional indicators each (4 code points)
  t.deepEqual(codes(write('flag.json', 'ધ્વજ 🇮🇳🇵🇰', 5, 6)), ['grapheme']);
  // ફ઼ = ફ + nukta U+0ABC
  t.deepEqual(codes(write('nukta.json', 'ફ઼ાઇલ', 0, 1)), ['grapheme']);
  // પાકિસ્તાન|ે: the ergative vowel sign stays outside the span (GUIDELINES.md)
  t.deepEqual(codes(write('ergative.json', 'પાકિસ્તાને કહ્યું', 0, 9)), []);
});

test('3: duplicate document ids are errors in JSON, doccano and Label Studio files', (t) => {
  const dir = tmp();
  const j = join(dir, 'dup.json');
  writeFileSync(
    j,
    json([
      { id: 'a', text: 'ક' },
      { id: 'a', text: 'ખ' },
    ]),
  );
  t.true(codes(j).includes('duplicate-id'));
  const d = join(dir, 'dup.jsonl');
  writeFileSync(d, `${json({ id: 7, text: 'ક', label: [] })}\n${json({ id: 7, text: 'ખ', label: [] })}\n`);
  t.true(codes(d).includes('duplicate-id'));
  const ls = join(dir, 'dup-ls.json');
  writeFileSync(
    ls,
    json([
      { data: { text: 'ક', doc: 'a' }, annotations: [{ result: [] }] },
      { data: { text: 'ખ', doc: 'a' }, annotations: [{ result: [] }] },
    ]),
  );
  t.true(codes(ls).includes('duplicate-id'));
});

test('3: CSV token tags that contradict entities.csv are reported', (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'c.tokens.csv'), 'doc,sentence,index,start,end,token,kind,tag\nd,0,0,0,7,અમદાવાદ,word,B-PER\nd,0,1,8,12,શહેર,word,O\n');
  writeFileSync(join(dir, 'c.entities.csv'), 'doc,start,end,label,text,source\nd,0,7,LOC,અમદાવાદ,\n');
  t.deepEqual(codes(join(dir, 'c.csv')), ['conflict']);
});

test('3: brat files with duplicate T ids or relations to missing entities are errors', (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'b.txt'), 'અમદાવાદ અને સુરત');
  writeFileSync(join(dir, 'b.ann'), 'T1\tLOC 0 7\tઅમદાવાદ\nT1\tLOC 12 16\tસુરત\nR1\tnear Arg1:T1 Arg2:T9\n');
  const c = codes(join(dir, 'b.ann'));
  t.true(c.includes('duplicate-id'), c.join());
  t.true(c.includes('reference'), c.join());
});

test('3: convert refuses an I- without B- exactly as validate reports it (one rule for both)', async (t) => {
  const dir = tmp();
  const f = join(dir, 'i.conll');
  writeFileSync(f, 'અમદાવાદ\tI-LOC\nશહેર\tO\n');
  t.deepEqual(codes(f), ['tag-sequence']);
  const r = await runCli(['convert', f, join(dir, 'o.json')]);
  t.is(r.code, 1);
  t.regex(r.stderr, /i\.conll:1: I-LOC does not continue a LOC chunk/);
  t.false(existsSync(join(dir, 'o.json')));
});

// 4. one line, never a stack trace
test('4: a trailing or doubled -DOCSTART- is read (with a warning), not a RangeError', async (t) => {
  const dir = tmp();
  const f = join(dir, 'ds.conll');
  writeFileSync(f, '-DOCSTART-\tO\n\n-DOCSTART-\tO\n\nક\tB-LOC\n\n-DOCSTART-\tO\n\n');
  const r = await runCli(['convert', f, join(dir, 'o.json')]);
  t.is(r.code, 0, r.stderr);
  t.notRegex(r.stderr, /RangeError|\n\s+at /);
  t.is(readAnnotations(join(dir, 'o.json'))[0].entities.length, 1);
});

test('4: JSON nested 5,000 deep, and train --cv 1000 on 20 sentences, give one line', async (t) => {
  const dir = tmp();
  const f = join(dir, 'deep.json');
  writeFileSync(f, '['.repeat(5000) + ']'.repeat(5000));
  let r = await runCli(['convert', f, join(dir, 'o.json')]);
  t.is(r.code, 1);
  t.regex(r.stderr, /nested deeper than/);
  t.true(oneLine(r.stderr));
  const train = join(dir, 't.conll');
  writeFileSync(train, 'રામ\tB-PER\nગયો\tO\n\n'.repeat(20));
  r = await runCli(['train', '--train', train, '--cv', '1000', '--predictions', join(dir, 'p.json')]);
  t.is(r.code, 1);
  t.regex(r.stderr, /1000 needs at least 1000 sentences/);
  t.notRegex(r.stderr, /internal error|\n\s+at /);
});

test('4: an output whose parent is a file, and NUL or 300-character ids as file names, give one line or a safe name', async (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'file'), 'x');
  const src = join(dir, 'in.json');
  writeAnnotations(src, [documentFromText('a', 'ક ખ')], { format: 'json' });
  const r = await runCli(['convert', src, join(dir, 'file', 'out.json')]);
  t.is(r.code, 1);
  t.regex(r.stderr, /is a file, not a folder/);
  t.true(oneLine(r.stderr));
  const long = 'ક'.repeat(300);
  for (const id of ['a\u0000b', long, 'x/../../y', '.', '..']) {
    const name = safeFileName(id);
    t.false(name.includes('\u0000') || /[/\\]/.test(name) || name.startsWith('.'), name);
    t.true(Buffer.byteLength(name) <= 120);
  }
  t.not(safeFileName(long), safeFileName(long + 'ખ'));
  const docs = [documentFromText('a\u0000b', 'ક'), documentFromText(long, 'ખ')];
  const out = join(dir, 'brat');
  writeAnnotations(out, docs, { format: 'brat' });
  t.is(readdirSync(out).filter((f) => f.endsWith('.ann')).length, 2);
});

test('4: permission and read-only errors are one line naming the output, not the temp file', (t) => {
  const err = Object.assign(new Error("EACCES: permission denied, open '/x/.tmp-out.json-1-2'"), { code: 'EACCES' });
  const e = fsErrorToInput(err, '/x/out.json', 'write the output');
  t.true(e instanceof InputError);
  t.is((e as InputError).message, '/x/out.json: cannot write the output: permission denied (EACCES)');
  const other = new Error('not a file system error');
  t.is(fsErrorToInput(other, 'f', 'x'), other);
});

// 5. faults
test('5: temp files of a killed run are removed by the next write; live ones and other targets are kept', (t) => {
  const dir = tmp();
  const out = join(dir, 'out.json');
  writeFileSync(out, 'old');
  const dead = join(dir, '.tmp-out.json-999999999-1');
  const live = join(dir, `.tmp-out.json-${process.pid}-1`);
  const otherTarget = join(dir, '.tmp-other.json-999999999-1');
  for (const p of [dead, live, otherTarget]) writeFileSync(p, 'partial');
  writeFileAtomic(out, 'new');
  t.is(readFileSync(out, 'utf8'), 'new');
  t.false(existsSync(dead));
  t.true(existsSync(live));
  t.true(existsSync(otherTarget));
  t.deepEqual(removeStaleTemps(join(dir, 'other.json')), [otherTarget]);
});

test('5: an output that is a symbolic link is written through (the link stays a link)', (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'real.json'), 'old');
  symlinkSync(join(dir, 'real.json'), join(dir, 'link.json'));
  writeFileAtomic(join(dir, 'link.json'), 'new');
  t.true(lstatSync(join(dir, 'link.json')).isSymbolicLink());
  t.is(readFileSync(join(dir, 'real.json'), 'utf8'), 'new');
  symlinkSync(join(dir, 'missing.json'), join(dir, 'dangling.json'));
  t.throws(() => writeFileAtomic(join(dir, 'dangling.json'), 'x'), { instanceOf: InputError, message: /symbolic link to a missing file/ });
});

test('5: a run lock refuses a second run while the first is alive; a killed run leaves an INCOMPLETE marker the next run reports', (t) => {
  const dir = tmp();
  const a = beginRun([dir], 'test run');
  t.true(existsSync(join(dir, LOCK_NAME)));
  t.true(existsSync(join(dir, INCOMPLETE_NAME)));
  t.throws(() => beginRun([dir], 'test run'), { instanceOf: InputError, message: /another test run \(pid \d+/ });
  a.release(); // the run failed: the marker stays
  t.false(existsSync(join(dir, LOCK_NAME)));
  t.true(existsSync(join(dir, INCOMPLETE_NAME)));
  // a lock left by a killed process is taken over
  writeFileSync(join(dir, LOCK_NAME), json({ pid: 999999999, started: 'then' }));
  const b = beginRun([dir], 'test run');
  t.deepEqual(b.previousIncomplete, [dir]);
  b.complete();
  t.deepEqual(readdirSync(dir), []);
});

test('5: validate bad.json | head -1 exits 1 although its reader stopped early', async (t) => {
  const dir = tmp();
  const f = join(dir, 'bad.json');
  writeFileSync(f, json(Array.from({ length: 4000 }, (_, i) => ({ id: `d${i}`, text: 'x', entities: [{ start: 0, end: 9, label: 'PER' }] }))));
  const code = await new Promise<number>((resolve, reject) => {
    const argv = process.env.GUJNLP_TEST_CLI === 'dist' ? [join(ROOT, 'dist', 'cli', 'main.js')] : ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
    const child = spawn(process.execPath, [...argv, 'validate', f], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => child.stdout.destroy()); // `| head -1`
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? -1));
  });
  t.is(code, 1);
});

// 6. CSV formula injection
test("6: every CSV gujnlp writes puts a ' before cells starting with = + - @, reads them back unchanged; --csv-raw turns it off", (t) => {
  const dir = tmp();
  const text = '=HYPERLINK("http://x") અને @user';
  const doc = documentFromText('=cmd|calc', text);
  doc.entities = [{ start: 0, end: 22, label: 'ORG', text: text.slice(0, 22) }];
  writeAnnotations(join(dir, 'x.csv'), [doc], { format: 'csv' });
  for (const f of ['x.tokens.csv', 'x.entities.csv']) {
    const cells = readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .slice(1)
      .flatMap((l) => l.split(','));
    t.false(
      cells.some((c) => /^"?[=+\-@]/.test(c)),
      f,
    );
  }
  const [back] = readAnnotations(join(dir, 'x.csv'), { text });
  t.is(back.id, '=cmd|calc');
  t.deepEqual(
    back.entities.map((e) => e.text),
    [text.slice(0, 22)],
  );
  t.is(csvCell('-0.25'), '-0.25'); // numbers stay numbers
  t.is(csvCell(-1), '-1');
  t.is(csvCell('+cmd'), "'+cmd");
  t.is(csvTextBack(csvText("'=x")), "'=x");
  setCsvRaw(true);
  try {
    t.is(csvCell('=1+1'), '=1+1');
  } finally {
    setCsvRaw(false);
  }
});

// 8. sentence splitter
test('8: no sentence end inside a bracketed numbered reference, a lone closing quote stays with its sentence, no split in 1.2 or સી.+1', (t) => {
  const split = (s: string): string[] => splitSentences(s).map((x) => x.text);
  t.deepEqual(split('આ વાત (પ્રકરણ ૩: ૫, ૬. અધ્યાય ૪: ૨) માં છે. બીજું વાક્ય.'), ['આ વાત (પ્રકરણ ૩: ૫, ૬. અધ્યાય ૪: ૨) માં છે.', 'બીજું વાક્ય.']);
  t.deepEqual(split('કામ પૂરું થયું . "\nબીજું.'), ['કામ પૂરું થયું . "', 'બીજું.']);
  t.deepEqual(split('કામ પૂરું થયું . "'), ['કામ પૂરું થયું . "']);
  t.deepEqual(split('સમય 11:00 (યુ. ટી. સી.+1) કલાકે છે. બીજું.'), ['સમય 11:00 (યુ. ટી. સી.+1) કલાકે છે.', 'બીજું.']);
  t.deepEqual(split('પેટિશનમાં1.2 મિલિયન હસ્તાક્ષર છે. બીજું.'), ['પેટિશનમાં1.2 મિલિયન હસ્તાક્ષર છે.', 'બીજું.']);
  // controls: ordinary ends still split, a quote that opens the next sentence goes with it
  t.deepEqual(split('પહેલું. "બીજું" કહ્યું.'), ['પહેલું.', '"બીજું" કહ્યું.']);
  t.deepEqual(split('(૧) પહેલું છે. બીજું.'), ['(૧) પહેલું છે.', 'બીજું.']);
});
