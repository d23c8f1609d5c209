import test from 'ava';
import { GUJARATI_RANGES, gujaratiClassSource, isGujaratiIndependentVowel, isGujaratiLetter, isGujaratiMark, isGujaratiVowelSign } from '../src/lang/gu/script.js';

test('Gujarati script: classes agree with Unicode general categories over the whole block', (t) => {
  for (let c = 0x0a80; c <= 0x0aff; c++) {
    const ch = String.fromCharCode(c);
    t.is(isGujaratiLetter(c), /\p{Lo}/u.test(ch), `letter U+${c.toString(16)}`);
    t.is(isGujaratiMark(c), /\p{M}/u.test(ch), `mark U+${c.toString(16)}`);
  }
  t.true(isGujaratiIndependentVowel('અ'.charCodeAt(0)) && !isGujaratiIndependentVowel('ક'.charCodeAt(0)));
  t.true(isGujaratiVowelSign('ા'.charCodeAt(0)) && !isGujaratiVowelSign('્'.charCodeAt(0)));
});

test('Gujarati script: regular expression classes built from the same ranges', (t) => {
  const digit = new RegExp(`^[${gujaratiClassSource('digit')}]+$`);
  t.true(digit.test('૦૧૨૯'));
  t.false(digit.test('12'));
  const letters = new RegExp(`[${gujaratiClassSource('independentVowel', 'consonant')}]`, 'g');
  t.is('અમદાવાદ'.match(letters)?.length, 5);
  t.deepEqual(GUJARATI_RANGES.block, [[0x0a80, 0x0aff]]);
});
