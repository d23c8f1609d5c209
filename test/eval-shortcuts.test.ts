import test from 'ava';
import fc from 'fast-check';
import { encodeSequences } from '../src/eval/corpus.js';
import { parseConllTags } from '../src/eval/conll-tags.js';
import { evaluatePartial, resolveScheme, type EvalMode } from '../src/eval/evaluate.js';
import type { TagScheme } from '../src/tags/scheme.js';

// The evaluator's shortcuts (tag-pair table, conlleval from default-mode
// entities on B/I/O tags, strict IOB2 from default-mode entities, nervaluate
// per-type counts from the overall run) must give exactly the counts of the
// general paths.

const TAG_SETS: Record<string, string[]> = {
  bio: ['O', 'O', 'O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'],
  bioBare: ['O', 'O', 'B', 'I', 'B-PER', 'I-PER', 'B-0', 'I-0', 'B--X-', 'I-X'],
  iobes: ['O', 'O', 'B-PER', 'I-PER', 'E-PER', 'S-PER', 'B-LOC', 'E-LOC', 'S-LOC', 'I-LOC'],
  bilou: ['O', 'O', 'B-PER', 'I-PER', 'L-PER', 'U-PER', 'U-LOC', 'B-LOC', 'L-LOC'],
  ioe: ['O', 'O', 'I-PER', 'E-PER', 'I-LOC', 'E-LOC'],
  mixed: ['O', 'B-PER', 'I-PER', 'E-LOC', 'S-X', 'U-Y', 'L-Y', 'B', 'I', 'E'],
};

const SCHEMES: Record<string, (TagScheme | 'auto' | null)[]> = {
  bio: ['auto', 'IOB1', 'IOB2', null],
  bioBare: ['auto', 'IOB1', null],
  iobes: ['auto', null],
  bilou: ['auto', null],
  ioe: ['auto', 'IOE1', null],
  mixed: [null],
};

for (const [name, tags] of Object.entries(TAG_SETS)) {
  const tag = fc.constantFrom(...tags);
  const sentences = fc.array(fc.array(fc.tuple(tag, tag, fc.boolean()), { maxLength: 14 }), { minLength: 1, maxLength: 6 });
  test(`shortcuts give the general paths' counts: ${name}`, (t) => {
    fc.assert(
      fc.property(sentences, fc.constantFrom(...SCHEMES[name]), fc.constantFrom<EvalMode>('default', 'strict'), (sents, s, mode) => {
        const gold = sents.map((row) => row.map(([g]) => g));
        // predictions: mostly the gold tag, else the random one
        const pred = sents.map((row) => row.map(([g, p, keep]) => (keep ? g : p)));
        const corpus = encodeSequences(gold, pred);
        const { scheme } = resolveScheme(corpus.tags, { scheme: s ?? undefined, mode: 'default' });
        const sc = s === null ? null : scheme;
        if (mode === 'strict' && sc === null) return;
        const fast = evaluatePartial(corpus, mode, sc);
        const slow = evaluatePartial(corpus, mode, sc, false, { noShortcuts: true });
        t.deepEqual(fast, slow);
        // the file reader's byte ids give the same counts as Int32 ids
        const text = gold.map((row, i) => row.map((g, j) => `w ${g} ${pred[i][j]}\n`).join('')).join('\n');
        const fromFile = parseConllTags(text, 'x');
        const fileFast = evaluatePartial(fromFile, mode, sc);
        t.deepEqual({ ...fileFast, sentences: 0 }, { ...fast, sentences: 0 });
      }),
      { numRuns: 300 },
    );
  });
}

test('many distinct tags (beyond byte ids and the pair table) give the same counts', (t) => {
  const gold: string[][] = [];
  const pred: string[][] = [];
  for (let s = 0; s < 80; s++) {
    const g: string[] = [];
    const p: string[] = [];
    for (let i = 0; i < 30; i++) {
      const ty = `T${(s * 31 + i * 7) % 2000}`;
      g.push(i % 3 === 0 ? 'O' : `${i % 3 === 1 ? 'B' : 'I'}-${ty}`);
      p.push((s + i) % 5 === 0 ? 'O' : g[i]);
    }
    gold.push(g);
    pred.push(p);
  }
  const corpus = encodeSequences(gold, pred);
  t.true(corpus.tags.length > 1024);
  const fast = evaluatePartial(corpus, 'default', 'IOB2');
  const slow = evaluatePartial(corpus, 'default', 'IOB2', false, { noShortcuts: true });
  t.deepEqual(fast, slow);
  const text = gold.map((row, i) => row.map((g, j) => `w ${g} ${pred[i][j]}\n`).join('')).join('\n');
  const fromFile = parseConllTags(text, 'x');
  t.true(fromFile.gold instanceof Uint16Array);
  t.deepEqual(evaluatePartial(fromFile, 'default', 'IOB2'), fast);
});
