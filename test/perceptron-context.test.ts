/**
 * The tagger scores context features through maps by template and value
 * (src/annotate/perceptron/context-weights.ts); the scores must be bit for
 * bit those of summing the weights of the feature strings one by one, so
 * the shipped model's predictions do not change: on the seed article, on
 * the shared FLORES text (skipped without ../shared) and on random token
 * sequences with the characters the templates join on (`|`, `=`, `#`, `@`).
 */
import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadShippedAnnotator } from '../src/annotate/perceptron/shipped.js';
import type { Tagger } from '../src/annotate/perceptron/index.js';
import { sentenceTokenTexts } from '../src/annotate/perceptron/docs.js';
import { documentFromText } from '../src/segment/document.js';
import { ROOT } from './helpers/cli.js';
import { readShared, SKIP_NO_SHARED } from './helpers/shared.js';

async function shippedTagger(): Promise<Tagger> {
  const a = await loadShippedAnnotator();
  return (a as unknown as { tagger: Tagger }).tagger;
}

/** Index of the first sentence whose two scorings differ in any bit, or -1. */
function firstDifference(tagger: Tagger, sentences: readonly (readonly string[])[]): number {
  return sentences.findIndex((tokens) => {
    const a = tagger.emissionScores(tokens);
    const b = tagger.emissionsByStrings(tokens);
    return a.length !== b.length || a.some((x, i) => !Object.is(x, b[i]));
  });
}

test('the seed article: emission scores by template equal those by feature strings, bit for bit', async (t) => {
  const tagger = await shippedTagger();
  const text = readFileSync(join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt'), 'utf8');
  const sentences = sentenceTokenTexts(documentFromText('seed', text));
  t.true(sentences.length > 10);
  t.is(firstDifference(tagger, sentences), -1);
});

test('FLORES: emission scores by template equal those by feature strings, bit for bit', async (t) => {
  const segments = readShared('data/flores-gu/segments.tsv');
  if (segments === undefined) return t.pass(SKIP_NO_SHARED('data/flores-gu/segments.tsv'));
  const tagger = await shippedTagger();
  const text = segments
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[2] ?? '')
    .join('\n');
  const sentences = sentenceTokenTexts(documentFromText('flores', text));
  t.true(sentences.length > 500);
  t.is(firstDifference(tagger, sentences), -1);
});

test('random tokens with the joining characters: scores by template equal those by feature strings', async (t) => {
  const tagger = await shippedTagger();
  const word = fc.constantFrom('ભારત', 'નો', '|', '=', 'a|b', 'x=y', '#Modi', '@mfa', 'શ્રી', 'મોદી', 'ના', 'Pakistan', '<s>', '</s>', '|ભારત', 'ભારત|');
  fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (tokens) => firstDifference(tagger, [tokens]) === -1));
  t.pass();
});
