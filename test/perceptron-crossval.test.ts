import test from 'ava';
import { assignFolds, crossValidate } from '../src/annotate/perceptron/crossval.js';
import { trainFromDocuments, PerceptronAnnotator, loadGujaratiResources } from '../src/annotate/perceptron/index.js';
import type { Document } from '../src/doc/types.js';
import { docFromTagged, syntheticSentences, type TaggedToken } from './perceptron-fixtures.js';

/**
 * Sentence j holds a token found nowhere else, tagged with a type T<j> found
 * nowhere else: a model trained on sentence j learns T<j>; a model not trained
 * on it cannot even know the label. So T<j> in the predictions for sentence j
 * would prove that its fold's model saw it.
 */
function canaryDocs(): Document[] {
  const base = syntheticSentences(24);
  const docs: Document[] = [];
  for (let d = 0; d < 3; d++) {
    const sents: TaggedToken[][] = base.slice(d * 8, d * 8 + 8).map((s, i) => [[`ચિહ્ન${d}x${i}`, `B-T${d}x${i}`], ...s]);
    docs.push(docFromTagged(`doc${d}`, sents));
  }
  return docs;
}

function canaryLabelsIn(doc: Document, entities: { start: number; label: string }[]): Map<number, string[]> {
  // sentence index → canary labels predicted in it
  const out = new Map<number, string[]>();
  for (const e of entities) {
    if (!e.label.startsWith('T')) continue;
    const s = doc.sentences.findIndex((x) => x.start <= e.start && e.start < x.end);
    out.set(s, [...(out.get(s) ?? []), e.label]);
  }
  return out;
}

test('cross-validation never scores a sentence with a model trained on it (by construction)', async (t) => {
  const docs = canaryDocs();
  const cv = await crossValidate(docs, { k: 4, seed: 5, epochs: 4 });
  t.is(cv.predictions.length, docs.length);
  // every sentence is in exactly one fold, and no fold's model trained on its own sentences
  const all = docs.flatMap((d, di) => d.sentences.map((_, si) => `${di}:${si}`));
  const scoredIn = new Map<string, number>();
  cv.folds.forEach((fs, di) => fs.forEach((f, si) => scoredIn.set(`${di}:${si}`, f)));
  t.is(scoredIn.size, all.length);
  cv.trainedOn.forEach((refs, f) => {
    for (const r of refs) t.not(scoredIn.get(`${r.doc}:${r.sentence}`), f, `fold ${f} trained on its own sentence ${r.doc}:${r.sentence}`);
    t.is(refs.length, all.filter((k) => scoredIn.get(k) !== f).length, `fold ${f} trained on all other sentences`);
  });
  // the canary labels never come back for their own sentence
  docs.forEach((doc, d) => {
    for (const [s, labels] of canaryLabelsIn(doc, cv.predictions[d])) t.false(labels.includes(`T${d}x${s}`), `doc${d} sentence ${s}`);
  });
  // the rest is learnt from the other folds
  const persons = cv.predictions.flat().filter((e) => e.label === 'PER').length;
  t.true(persons > 10, `${persons} PER predicted`);
});

test('control: a model trained on all sentences does return the canaries (so the check above can fail)', async (t) => {
  const docs = canaryDocs();
  const res = await loadGujaratiResources();
  const ann = new PerceptronAnnotator(await trainFromDocuments(docs, { epochs: 4, resources: res }), res);
  let found = 0;
  for (const [d, doc] of docs.entries()) {
    for (const [s, labels] of canaryLabelsIn(doc, await ann.annotate(doc))) if (labels.includes(`T${d}x${s}`)) found++;
  }
  t.true(found >= 20, `${found}/24 canaries found`);
});

test('cross-validation is deterministic and folds are balanced', async (t) => {
  const docs = canaryDocs();
  const a = await crossValidate(docs, { k: 5, seed: 9, epochs: 2 });
  const b = await crossValidate(docs, { k: 5, seed: 9, epochs: 2 });
  t.deepEqual(a, b);
  const folds = assignFolds(23, 5, 1);
  const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
  t.deepEqual([...sizes].sort(), [4, 5, 5, 5, 4].sort());
  t.notDeepEqual(assignFolds(23, 5, 1), assignFolds(23, 5, 2));
  t.throws(() => assignFolds(3, 5, 1), { message: /needs at least 5 sentences, got 3/ });
  // entities are UTF-16 spans of each document's text
  for (const [d, doc] of docs.entries()) for (const e of a.predictions[d]) t.is(e.text, doc.text.slice(e.start, e.end));
});
