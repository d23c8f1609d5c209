import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';

const CORPUS = 'corpus/lavrov-pakistan-visit-2021.txt';

test("gujnlp annotate --model file:PATH replays another system's CoNLL predictions as spans of the text", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-file-cli-'));
  // "another system": the rules model's output written as CoNLL over gujnlp's tokens
  const conll = join(dir, 'system-x.conll');
  const made = await runCli(['annotate', CORPUS, '--model', 'rules', '--format', 'conll', '-o', conll]);
  t.is(made.code, 0, made.stderr);
  const direct = await runCli(['annotate', CORPUS, '--model', 'rules']);
  const replay = await runCli(['annotate', CORPUS, '--model', `file:${conll}`]);
  t.is(replay.code, 0, replay.stderr);
  const strip = (json: string) =>
    (JSON.parse(json).entities as { start: number; end: number; label: string; source?: string }[]).map(({ start, end, label, source }) => ({ start, end, label, source }));
  const a = strip(direct.stdout);
  const b = strip(replay.stdout);
  t.true(a.length > 0);
  // CoNLL holds whole tokens: spans the rules model cut inside a token come back widened to it
  const tokens = JSON.parse(direct.stdout).tokens as { start: number; end: number }[];
  const widen = (e: { start: number; end: number }) => ({
    start: tokens.find((x) => x.end > e.start)!.start,
    end: tokens.filter((x) => x.start < e.end).pop()!.end,
  });
  t.deepEqual(
    b.map((e) => ({ ...e, source: undefined })),
    a.map((e) => ({ ...e, ...widen(e), source: undefined })),
  );
  t.true(b.every((e) => e.source === 'system-x.conll'));
  t.true(readFileSync(conll, 'utf8').includes('B-'));
});
