import test from 'ava';
import { join } from 'node:path';
import { DEFAULT_FUZZY, Gazetteer, fuzzyComparable, fuzzyFilePredicate, namePieces, skeleton } from '../src/annotate/gazetteer.js';
import { normalizeKey } from '../src/lang/gu/normalize.js';
import { ROOT } from './helpers/cli.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'gazetteers');
const ALL_FUZZY = { fuzzyFile: () => true };

test('fixture gazetteer: multiword names, variants, Latin, type per file', (t) => {
  const g = Gazetteer.load(FIXTURE);
  t.is(g.lookup('ઇમરાન ખાન')?.type, 'PER');
  t.is(g.lookup('Imran Khan')?.canonical, 'ઇમરાન ખાન');
  t.is(g.lookup('ઈમરાન ખાન')?.type, 'PER'); // normalised key
  t.is(g.lookup('islamabad')?.type, 'LOC');
  t.is(g.lookup('મધ્ય પૂર્વ')?.type, 'LOC');
  t.is(g.lookup('મધ્ય'), undefined); // a prefix of a name is not a name
  t.is(g.lookup('રશિયન')?.type, 'MISC');
  t.is(g.lookup('એસસીઓ')?.type, 'ORG');
  t.regex(g.hash, /^[0-9a-f]{64}$/);
});

test('names are matched on pieces: hyphen or space, the same key sequence', (t) => {
  const g = Gazetteer.load(FIXTURE);
  t.deepEqual(
    namePieces('જમ્મુ-કાશ્મીર').map((p) => p.text),
    ['જમ્મુ', '-', 'કાશ્મીર'],
  );
  t.deepEqual(
    namePieces('ડૉ. X').map((p) => [p.text, p.start, p.end]),
    [
      ['ડૉ', 0, 2],
      ['.', 2, 3],
      ['X', 4, 5],
    ],
  );
  t.is(g.lookup('જમ્મુ-કાશ્મીર')?.type, 'LOC');
  t.is(g.lookup('જમ્મુ કાશ્મીર')?.type, 'LOC');
  t.is(g.lookup('સ્પુટનિક-V')?.type, 'MISC');
});

test('hyphens inside names are optional; the hyphenated path stays in the trie', (t) => {
  const g = new Gazetteer([{ name: 'MISC.x.txt', text: 'સ્પુટનિક V\nઉત્તર-દક્ષિણ\n' }]);
  t.truthy(g.lookup('સ્પુટનિક-V'));
  t.truthy(g.lookup('ઉત્તર દક્ષિણ'));
  t.truthy(g.lookup('ઉત્તર-દક્ષિણ'));
  t.truthy(g.root.children.get(normalizeKey('ઉત્તર'))?.children.get('-')?.children.get(normalizeKey('દક્ષિણ'))?.value); // walkers that keep '-' pieces still match
  t.is(g.conflicts.length, 0);
});

test('type conflicts are settled deterministically: canonical beats variant, then LOC > PER > ORG > MISC', (t) => {
  const g = Gazetteer.load(FIXTURE);
  t.is(g.lookup('ભારત')?.type, 'LOC'); // canonical in LOC and in ORG
  t.true(g.conflicts.some((c) => c.name === 'ભારત' && c.kept.type === 'LOC' && c.dropped.type === 'ORG'));
  const a = new Gazetteer([
    { name: 'PER.a.txt', text: 'જોર્ડન\n' },
    { name: 'LOC.b.txt', text: 'જોર્ડન\n' },
    { name: 'ORG.c.txt', text: 'મોટી સંસ્થા | જોર્ડન\n' },
  ]);
  t.is(a.lookup('જોર્ડન')?.type, 'LOC');
  const b = new Gazetteer([
    { name: 'LOC.b.txt', text: 'વોશિંગ્ટન ડી.સી. | વોશિંગ્ટન\n' },
    { name: 'PER.a.txt', text: 'વોશિંગ્ટન\n' },
  ]);
  t.is(b.lookup('વોશિંગ્ટન')?.type, 'PER'); // canonical PER beats the LOC variant
  // file order does not matter
  const c = new Gazetteer([
    { name: 'PER.a.txt', text: 'વોશિંગ્ટન\n' },
    { name: 'LOC.b.txt', text: 'વોશિંગ્ટન ડી.સી. | વોશિંગ્ટન\n' },
  ]);
  t.is(c.lookup('વોશિંગ્ટન')?.type, 'PER');
  t.is(b.hash, c.hash);
});

test('bad gazetteer files are clear errors naming file and line', (t) => {
  const e1 = t.throws(() => new Gazetteer([{ name: 'GPE.x.txt', text: 'a\n' }]));
  t.regex(e1!.message, /GPE\.x\.txt: .*PER, LOC, ORG, MISC|GPE\.x\.txt: .*LOC, PER, ORG, MISC/);
  const e2 = t.throws(() => new Gazetteer([{ name: 'LOC.x.txt', text: '# c\nભારત | | India\n' }]));
  t.regex(e2!.message, /LOC\.x\.txt:2: empty name/);
  t.throws(() => Gazetteer.load(join(ROOT, 'no-such-dir')), { message: /gazetteer directory not found/ });
});

test('comments and blank lines are ignored; # inside a name is kept', (t) => {
  const g = new Gazetteer([{ name: 'MISC.x.txt', text: '\n# a comment\nC#  # trailing comment\n' }]);
  t.is(g.size, 1);
  t.truthy(g.lookup('C#'));
});

test('fuzzy steps: the seed pair લોવરોવ/લાવરોવ matches, inflected and derived words do not', (t) => {
  const g = Gazetteer.load(FIXTURE, ALL_FUZZY);
  const step = (k: string) => g.step(g.root, normalizeKey(k), DEFAULT_FUZZY);
  const s = step('લોવરોવ');
  t.truthy(s?.node.value, 'લોવરોવ reaches લાવરોવ');
  t.true(s!.similarity >= DEFAULT_FUZZY.minSimilarity && s!.similarity < 1);
  t.is(s!.node.value!.canonical, 'સર્ગેઈ લાવરોવ');
  t.is(step('રશિયન')?.node.value?.type, 'MISC'); // exact (a MISC entry), never fuzzy to રશિયા
  t.is(step('રશિયાએ'), undefined);
  t.is(step('પાકિસ્તાની')?.node.value?.type, 'MISC');
  t.is(g.step(g.root, normalizeKey('લોવરોવ')), undefined, 'no fuzzy step without options');
  t.true(fuzzyComparable('લાવરોવ', 'લોવરોવ', 5));
  t.false(fuzzyComparable('રશિયન', 'રશિયા', 5)); // different consonants and last letter
  t.false(fuzzyComparable('દ્વારા', 'દ્વારકા', 5));
  t.false(fuzzyComparable('પુતિન', 'પુતિન', 5)); // identical keys are exact matches, not fuzzy ones
  t.is(skeleton('ટ્વેઇન'), skeleton('ટ્વેન'));
});

test('fuzzy steps only towards PER/LOC names', (t) => {
  const g = new Gazetteer(
    [
      { name: 'ORG.x.txt', text: 'ગુગલાવરોવ\n' },
      { name: 'PER.y.txt', text: 'મેલાનિયા\n' },
    ],
    ALL_FUZZY,
  );
  t.is(g.step(g.root, normalizeKey('ગુગલોવરોવ'), DEFAULT_FUZZY), undefined);
  t.is(g.step(g.root, normalizeKey('મેલેનિયા'), DEFAULT_FUZZY)?.node.value?.type, 'PER');
});

test('fuzzy steps only towards the foreign-name files of fuzzy-gazetteers.txt', (t) => {
  const files = [
    { name: 'LOC.gujarat-towns.txt', text: 'હાંસોલ\n' },
    { name: 'PER.world-leaders.txt', text: 'સર્ગેઈ લાવરોવ | લાવરોવ\n' },
  ];
  const g = new Gazetteer(files);
  t.is(g.step(g.root, normalizeKey('હાંસિલ'), DEFAULT_FUZZY), undefined);
  t.is(g.step(g.root, normalizeKey('લોવરોવ'), DEFAULT_FUZZY)?.node.value?.type, 'PER');
  const is = fuzzyFilePredicate('# c\n*.world-*\nLOC.capitals\n');
  t.true(is('PER.world-people.txt'));
  t.true(is('LOC.capitals.txt'));
  t.false(is('LOC.capitals-old.txt'));
  t.false(is('LOC.india-cities.txt'));
});

test('the project gazetteers load (D1 data) without errors', (t) => {
  const g = Gazetteer.load();
  t.log(`models/gazetteers: ${g.size} names, ${g.conflicts.length} type conflicts settled`);
  for (const c of g.conflicts.slice(0, 10)) t.log(`  conflict ${c.name}: kept ${c.kept.type} (${c.kept.file}:${c.kept.line}) over ${c.dropped.type} (${c.dropped.file}:${c.dropped.line})`);
  t.true(g.size > 0);
});
