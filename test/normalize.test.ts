import test from 'ava';
import fc from 'fast-check';
import { normalizeKey } from '../src/lang/gu/normalize.js';

test('long and short vowels meet: ઇ/ઈ, ઉ/ઊ, િ/ી, ુ/ૂ', (t) => {
  t.is(normalizeKey('ઈમરાન'), normalizeKey('ઇમરાન'));
  t.is(normalizeKey('ઊર્જા'), normalizeKey('ઉર્જા'));
  t.is(normalizeKey('પૂતીન'), normalizeKey('પુતિન'));
  t.is(normalizeKey('સચીન'), normalizeKey('સચિન'));
});

test('anusvara and nasal + virama before a stop meet; other clusters stay', (t) => {
  t.is(normalizeKey('સન્ત'), normalizeKey('સંત'));
  t.is(normalizeKey('પણ્ડિત'), normalizeKey('પંડિત'));
  t.is(normalizeKey('તેન્ડુલકર'), normalizeKey('તેંડુલકર')); // dental ન્ before a retroflex, as written in loanwords
  t.is(normalizeKey('અમ્બાજી'), normalizeKey('અંબાજી'));
  t.not(normalizeKey('અન્ય'), normalizeKey('અંય')); // ય is not a stop
  t.not(normalizeKey('જન્મ'), normalizeKey('જંમ'));
});

test('nukta, ZWJ/ZWNJ removed; candrabindu → anusvara; candra vowels folded; ષ → શ', (t) => {
  t.is(normalizeKey('ફ઼ેસબુક'), normalizeKey('ફેસબુક'));
  t.is(normalizeKey('ક\u200dષ'), normalizeKey('કષ'));
  t.is(normalizeKey('સ\u200cત'), normalizeKey('સત'));
  t.is(normalizeKey('હઁસ'), normalizeKey('હંસ'));
  t.is(normalizeKey('ઍફીલ'), normalizeKey('એફિલ'));
  t.is(normalizeKey('કૉલેજ'), normalizeKey('કોલેજ'));
  t.is(normalizeKey('જોષી'), normalizeKey('જોશી'));
});

test('Latin is lowercased, Gujarati digits become ASCII', (t) => {
  t.is(normalizeKey('Islamabad'), 'islamabad');
  t.is(normalizeKey('CBI'), 'cbi');
  t.is(normalizeKey('૨૦૨૧'), '2021');
});

test('different names keep different keys', (t) => {
  t.not(normalizeKey('રશિયા'), normalizeKey('રશિયન'));
  t.not(normalizeKey('દ્વારકા'), normalizeKey('દ્વારા'));
  t.not(normalizeKey('લાવરોવ'), normalizeKey('લોવરોવ')); // that one is the fuzzy matcher's job
});

test('the key is a view: idempotent, and the input string is untouched', (t) => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'કખગઘઙચછજઝઞટઠડઢણતથદધનપફબભમયરલવશષસહળઅઆઇઈઉઊએઐઓઔાિીુૂેૈોૌંઁઃ઼્ઍઑૅૉ\u200c\u200d abcABC૧'.split('')) }), (s) => {
      const copy = s.slice();
      const k = normalizeKey(s);
      return s === copy && normalizeKey(k) === k;
    }),
  );
  t.pass();
});
