/**
 * The four small models of real architectures in ../shared/fixtures/onnx-real
 * (XLM-R Unigram in the old and the current tokenizer.json layout, BERT
 * uncased, BERT cased) run exactly as Python runs them:
 *   - word tags on WikiANN dev equal the fixture's reference file (torch,
 *     first sub-word, decoded as IOB2);
 *   - the pieces of every token of the seed article (emoji, flags, hashtags)
 *     and of hostile words equal those of Python's `tokenizers`
 *     (test/fixtures/onnx/python-pieces.json, made by scripts/onnx-python-pieces.py).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOnnxAnnotator, type OnnxAnnotator } from '../src/annotate/onnx/index.js';
import type { Document, Token } from '../src/doc/types.js';
import { onnxTestWords } from '../scripts/onnx-words.js';
import { ROOT } from './helpers/cli.js';
import { readShared, sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';

const MODELS = ['xlmr-gu-tiny', 'xlmr-gu-tiny-tok019', 'bert-gu-uncased-tiny', 'bert-gu-cased-tiny'];
const DEV = 'data/wikiann-gu/dev.tsv';
const PYTHON = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/onnx/python-pieces.json'), 'utf8')) as {
  words: string[];
  pieces: Record<string, string[][]>;
};

/** Sentences of a `word TAB tag` file (blank line between sentences). */
function sentences(text: string): Array<Array<[string, string]>> {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => l.split('\t') as [string, string]),
    )
    .filter((s) => s.length > 0);
}

/** One document per sentence, words separated by spaces. */
function docOf(words: readonly string[], id: string): Document {
  let text = '';
  const tokens: Token[] = [];
  for (const w of words) {
    if (text !== '') text += ' ';
    tokens.push({ start: text.length, end: text.length + w.length, text: w, kind: 'word' });
    text += w;
  }
  return { id, text, sentences: [{ start: 0, end: text.length, text }], tokens, entities: [] };
}

/** IOB2 tags of a document's tokens from its predicted entities. */
function tagsOf(doc: Document, entities: ReadonlyArray<{ start: number; end: number; label: string }>): string[] {
  const tags = doc.tokens.map(() => 'O');
  for (const e of entities) {
    let first = true;
    doc.tokens.forEach((t, k) => {
      if (t.start >= e.start && t.end <= e.end) {
        tags[k] = `${first ? 'B' : 'I'}-${e.label}`;
        first = false;
      }
    });
  }
  return tags;
}

const loaded = new Map<string, Promise<OnnxAnnotator>>();
const annotator = (name: string): Promise<OnnxAnnotator> => {
  if (!loaded.has(name)) loaded.set(name, loadOnnxAnnotator(sharedFile(`fixtures/onnx-real/${name}`)!));
  return loaded.get(name)!;
};
test.after.always(async () => {
  for (const a of loaded.values()) await (await a).dispose();
});

for (const name of MODELS) {
  const rel = `fixtures/onnx-real/${name}/reference.wikiann-dev.first.tsv`;
  const present = sharedFile(rel) !== undefined && sharedFile(DEV) !== undefined;
  (present ? test : test.skip)(`${name}: word tags on WikiANN dev equal Python's${present ? '' : ` — ${SKIP_NO_SHARED(rel)}`}`, async (t) => {
    const dev = sentences(readShared(DEV)!);
    const reference = sentences(readShared(rel)!);
    t.is(reference.length, dev.length);
    const a = await annotator(name);
    t.is(a.tokenizedBy, 'gujnlp');
    t.deepEqual(a.warnings, []);
    const docs = dev.map((s, i) =>
      docOf(
        s.map(([w]) => w),
        `dev-${i}`,
      ),
    );
    const predicted = await a.annotateAll(docs);
    let same = 0;
    let total = 0;
    const wrong: string[] = [];
    docs.forEach((doc, i) => {
      const tags = tagsOf(doc, predicted[i]);
      reference[i].forEach(([word, tag], k) => {
        t.is(word, doc.tokens[k].text);
        total++;
        if (tags[k] === tag) same++;
        else if (wrong.length < 10) wrong.push(`sentence ${i + 1} word ${k + 1} ${word}: ${tags[k]}, Python ${tag}`);
      });
    });
    t.log(`${name}: ${same}/${total} word tags equal Python's`);
    t.deepEqual(wrong, [], `${total - same} of ${total} word tags differ from Python's`);
  });

  const model = `fixtures/onnx-real/${name}`;
  const hasModel = sharedFile(model) !== undefined;
  (hasModel ? test : test.skip)(`${name}: pieces of the seed article's tokens (emoji, flags) and of hostile words equal Python's${hasModel ? '' : ` — ${SKIP_NO_SHARED(model)}`}`, async (t) => {
    const expected = PYTHON.pieces[name];
    t.truthy(expected, `no Python pieces for ${name}: rerun scripts/onnx-python-pieces.py`);
    const a = await annotator(name);
    const diffs: string[] = [];
    PYTHON.words.forEach((w, i) => {
      const got = a.pieces(w);
      if (JSON.stringify(got) !== JSON.stringify(expected[i])) diffs.push(`${JSON.stringify(w)}: ${got.join(' ')} | Python ${expected[i].join(' ')}`);
    });
    t.deepEqual(diffs, []);
    // every token of the seed article is covered by the Python reference
    const covered = new Set(PYTHON.words);
    t.deepEqual(
      onnxTestWords().filter((w) => !covered.has(w)),
      [],
      'seed tokens without Python pieces: rerun scripts/onnx-words.ts | scripts/onnx-python-pieces.py',
    );
    t.true(PYTHON.words.includes('🇷🇺🇵🇰'));
  });
}
