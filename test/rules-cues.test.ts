import test from 'ava';
import { buildCues, CUE_FILES, loadCues, parseList, type CueFile } from '../src/annotate/rules/cues.js';
import { normalizeKey } from '../src/lang/gu/normalize.js';

test('the cue data files load and hold the core cues', (t) => {
  const c = loadCues();
  for (const w of ['પાર્ટી', 'સંગઠન', 'મંત્રાલય', 'બેંક', 'યુનિવર્સિટી', 'ministry', 'party', 'bank', 'university']) t.true(c.orgHeads.has(normalizeKey(w)), w);
  for (const w of ['જિલ્લો', 'જિલ્લા', 'તાલુકા', 'રાજ્ય']) t.true(c.locHeads.has(normalizeKey(w)), w);
  for (const w of ['શ્રી', 'વડાપ્રધાન', 'રાષ્ટ્રપતિ', 'મંત્રી']) t.true(c.titles.children.get(normalizeKey(w))?.value === true, w);
  // multiword titles are paths in the trie
  t.true(c.titles.children.get(normalizeKey('વિદેશ'))?.children.get(normalizeKey('મંત્રી'))?.value === true);
  t.true(c.titles.children.get('foreign')?.children.get('minister')?.value === true);
  t.true(c.commonWords.has(normalizeKey('બુધવારે')));
  t.regex(c.hash, /^[0-9a-f]{64}$/);
});

test('cue lists: comments, blank lines, NFC; `|` is an error naming file and line', (t) => {
  t.deepEqual(parseList('# x\n\nશ્રી  # honorific\nPresident\n', 'a.txt'), ['શ્રી', 'President']);
  const e = t.throws(() => parseList('a\nb | c\n', 'titles-roles.txt'));
  t.regex(e!.message, /titles-roles\.txt:2: /);
});

test('adding a cue touches no code: buildCues from other data changes the behaviour data', (t) => {
  const texts = Object.fromEntries(CUE_FILES.map((f) => [f, ''])) as Record<CueFile, string>;
  texts['org-heads.txt'] = 'મઠ\n';
  const c = buildCues(texts);
  t.true(c.orgHeads.has(normalizeKey('મઠ')));
  t.is(c.orgHeads.size, 1);
  t.not(c.hash, loadCues().hash);
});
