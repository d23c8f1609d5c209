import test from 'ava';
import { caseEndings, parseEndings, stripEnding } from '../src/lang/gu/endings.js';

const stems = (tok: string) => stripEnding(tok).map((c) => `${c.stem}+${c.ending}`);

test('the data file loads; longest endings first; core endings present', (t) => {
  const e = caseEndings();
  for (const x of ['ના', 'ની', 'નું', 'નો', 'નાં', 'ને', 'એ', 'ે', 'માં', 'માંથી', 'થી', 'થકી', 'પર', 'પરથી', 'નાથી', 'વડે', 'સાથે', 'માટે', 'ઓ', 'ઓએ', 'ઓના']) t.true(e.includes(x), x);
  for (let i = 1; i < e.length; i++) t.true(e[i - 1].length >= e[i].length);
});

test('the token as written comes first, then stems by decreasing ending length', (t) => {
  t.deepEqual(stems('પાકિસ્તાનના'), ['પાકિસ્તાનના+', 'પાકિસ્તાન+ના']);
  t.deepEqual(stems('મોસ્કોમાં').slice(0, 2), ['મોસ્કોમાં+', 'મોસ્કો+માં']);
  t.deepEqual(stems('અફઘાનિસ્તાનમાંથી').slice(0, 2), ['અફઘાનિસ્તાનમાંથી+', 'અફઘાનિસ્તાન+માંથી']);
  t.deepEqual(stems('ભારત'), ['ભારત+']);
});

test('ergative vowel sign ે strips only after a consonant: ખાને → ખાન', (t) => {
  t.true(stems('ખાને').includes('ખાન+ે'));
  t.true(stems('પાકિસ્તાને').includes('પાકિસ્તાન+ે'));
  t.true(stems('ખાનને').includes('ખાન+ને'));
  t.is(stems('ખાનને')[1], 'ખાન+ને'); // longest ending first
  t.false(stems('ગાંધીે').some((s) => s.endsWith('+ે'))); // after a vowel sign: no
});

test('independent એ after vowel-final names: કુંતીએ → કુંતી; plural + case', (t) => {
  t.true(stems('કુંતીએ').includes('કુંતી+એ'));
  t.true(stems('નેતાઓએ').includes('નેતા+ઓએ'));
});

test('Latin stems take Gujarati endings: CBIએ, Vના, FTPનું, સ્પુટનિક-Vના', (t) => {
  t.true(stems('CBIએ').includes('CBI+એ'));
  t.true(stems('Vના').includes('V+ના'));
  t.true(stems('FTPનું').includes('FTP+નું'));
  t.true(stems('સ્પુટનિક-Vના').includes('સ્પુટનિક-V+ના'));
});

test('no stem too short to be a name, never a cut after a virama', (t) => {
  t.deepEqual(stems('સેના'), ['સેના+']); // સે + ના would leave one letter
  t.deepEqual(stems('ના'), ['ના+']);
  for (const c of stripEnding('વિદ્યાર્થીઓનાં')) t.false(c.stem.endsWith('\u0acd'));
  // every stem is a prefix of the token, so spans keep the token's offsets
  for (const tok of ['ઇમરાન', 'ખાને', 'રશિયાના', 'Vના', 'જમ્મુ-કાશ્મીરના']) for (const c of stripEnding(tok)) t.is(c.stem + c.ending, tok);
});

test('bad endings data is a clear error', (t) => {
  const err = t.throws(() => parseEndings('ના\nની સાથે\n', 'x.txt'));
  t.regex(err!.message, /x\.txt:2: .*one glued string/);
});
