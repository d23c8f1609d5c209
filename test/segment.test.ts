import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSentences } from '../src/segment/index.js';
import { documentFromText } from '../src/segment/document.js';
import { ROOT } from './helpers/cli.js';

const split = (s: string, softNewlines = false) => splitSentences(s, { softNewlines }).map((x) => x.text);

test('terminators . ? ! । ॥ | … and runs of them', (t) => {
  t.deepEqual(split('તે આવ્યો. તે ગયો? હા! સારું । ઠીક ॥ પછી | અને… અંત?! નવું'), ['તે આવ્યો.', 'તે ગયો?', 'હા!', 'સારું ।', 'ઠીક ॥', 'પછી |', 'અને…', 'અંત?!', 'નવું']);
  t.deepEqual(split('રાહ જુઓ... હવે'), ['રાહ જુઓ...', 'હવે']);
});

test('closing quotes and brackets stay with the sentence they close', (t) => {
  t.deepEqual(split('તેણે કહ્યું, "હું આવીશ." પછી ગયો.'), ['તેણે કહ્યું, "હું આવીશ."', 'પછી ગયો.']);
  t.deepEqual(split('(આ નોંધ છે.) બીજું વાક્ય.'), ['(આ નોંધ છે.)', 'બીજું વાક્ય.']);
  t.deepEqual(split('‘સારું.’ હવે'), ['‘સારું.’', 'હવે']);
  t.deepEqual(split('“ તમે આવ્યા . ” “ હવે જાવ “'), ['“ તમે આવ્યા . ”', '“ હવે જાવ “']);
});

test('no split after abbreviations, initials, inside numbers, URLs and emails', (t) => {
  t.deepEqual(split('ડૉ. પટેલ અને શ્રી. શાહ ઈ.સ. 1990માં મળ્યા.'), ['ડૉ. પટેલ અને શ્રી. શાહ ઈ.સ. 1990માં મળ્યા.']);
  t.deepEqual(split('સી. આર. પાટીલ આવ્યા. Mr. Smith met Dr. Rao in the U.S. today.'), ['સી. આર. પાટીલ આવ્યા.', 'Mr. Smith met Dr. Rao in the U.S. today.']);
  t.deepEqual(split('ભાવ ૨૫.૧૭ ટકા વધ્યો. 1,00,000 લોકો.'), ['ભાવ ૨૫.૧૭ ટકા વધ્યો.', '1,00,000 લોકો.']);
  t.deepEqual(split('જુઓ www.example.com/a.b અને mail me.x@site.in પર.'), ['જુઓ www.example.com/a.b અને mail me.x@site.in પર.']);
});

test('split after a sentence-final number; one-word sentences kept', (t) => {
  t.deepEqual(split('સ્કોર 100. પછી રમત પૂરી થઈ.'), ['સ્કોર 100.', 'પછી રમત પૂરી થઈ.']);
  t.deepEqual(split('હા. ના. કદાચ.'), ['હા.', 'ના.', 'કદાચ.']);
});

test('line breaks end sentences; softNewlines joins wrapped lines; paragraph breaks always split', (t) => {
  const text = 'પહેલી લીટી\nચાલુ રહે છે.\n\nનવો ફકરો';
  t.deepEqual(split(text), ['પહેલી લીટી', 'ચાલુ રહે છે.', 'નવો ફકરો']);
  t.deepEqual(split(text, true), ['પહેલી લીટી\nચાલુ રહે છે.', 'નવો ફકરો']);
  t.deepEqual(split('એક\r\nબે\r\n\r\nત્રણ', true), ['એક\r\nબે', 'ત્રણ']);
});

test('a quoted exclamation goes on with its speech verb; "etc." ends a sentence before a capital', (t) => {
  t.deepEqual(split('" હા ! “ મેં કહ્યું . બીજું.'), ['" હા ! “ મેં કહ્યું .', 'બીજું.']);
  t.deepEqual(split('apples, pears etc. The end.'), ['apples, pears etc.', 'The end.']);
  t.deepEqual(split('apples etc. and more.'), ['apples etc. and more.']);
});

test('seed article: every tweet line is a sentence, every line with two full stops gives two', (t) => {
  const text = readFileSync(join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt'), 'utf8');
  const sents = splitSentences(text);
  const lines = text.split('\n');
  const expected: string[] = [];
  for (const line of lines) {
    const parts = line
      .match(/[^.]+\.?/g)!
      .map((p) => p.trim())
      .filter((p) => p !== '');
    // tweet lines hold URLs with dots: they stay whole
    if (/pic\.twitter\.com|^—/.test(line)) expected.push(line.trim());
    else expected.push(...parts);
  }
  t.deepEqual(
    sents.map((s) => s.text),
    expected,
  );
  t.is(sents.length, 20);
  const tweets = sents.filter((s) => s.text.includes('#Islamabad'));
  t.is(tweets.length, 2);
  t.true(tweets.every((s) => s.text.startsWith('🇷🇺🇵🇰') && s.text.endsWith(s.text.includes('yQbZa4rSHo') ? 'yQbZa4rSHo' : 'an3IBvHtje')));
  t.is(sents.filter((s) => s.text.startsWith('— MFA Russia')).length, 2);
  const twoStops = lines.filter((l) => !l.includes('twitter') && (l.match(/\./g) ?? []).length === 2);
  t.is(twoStops.length, 5);
  for (const l of twoStops) t.is(sents.filter((s) => l.includes(s.text)).length, 2, l);
});

const PIECES = ['ક', 'ા', '્', 'ર', 'ં', ' ', '\n', '\n\n', '.', '?', '!', '।', '"', '“', '”', ')', '(', 'ડૉ.', 'સી.', 'U.S.', '1', '૨', ',', 'www.x.com', '🇷🇺', 'a', 'B', '\u0301'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 50 }).map((a) => a.join(''));

test('sentences are trimmed spans in order, and tokens never cross a sentence end', (t) => {
  fc.assert(
    fc.property(text, fc.boolean(), (s, soft) => {
      const doc = documentFromText('x', s, { softNewlines: soft });
      let prev = 0;
      let ti = 0;
      for (const sent of doc.sentences) {
        if (sent.start < prev || sent.end <= sent.start) throw new Error('order');
        if (s.slice(sent.start, sent.end) !== sent.text) throw new Error('slice');
        if (sent.text.trim() !== sent.text) throw new Error(`untrimmed ${JSON.stringify(sent.text)}`);
        if (s.slice(prev, sent.start).trim() !== '') throw new Error('text lost between sentences');
        // the tokens of this sentence: consecutive, starting at its start, ending at its end
        if (doc.tokens[ti].start !== sent.start) throw new Error('sentence does not start at a token');
        while (ti < doc.tokens.length && doc.tokens[ti].end <= sent.end) ti++;
        if (doc.tokens[ti - 1].end !== sent.end) throw new Error('sentence does not end at a token');
        if (ti < doc.tokens.length && doc.tokens[ti].start < sent.end) throw new Error('token crosses a sentence end');
        prev = sent.end;
      }
      if (ti !== doc.tokens.length) throw new Error('tokens outside sentences');
      if (doc.entities.length !== 0) throw new Error('entities');
    }),
    { numRuns: 2000 },
  );
  t.pass();
});

test('documentFromText gives id, text, sentences, tokens and no entities', (t) => {
  const doc = documentFromText('d1', 'હા. ના.', { meta: { source: 'test' } });
  t.is(doc.id, 'd1');
  t.deepEqual(
    doc.sentences.map((s) => [s.start, s.end]),
    [
      [0, 3],
      [4, 7],
    ],
  );
  t.deepEqual(
    doc.tokens.map((x) => x.text),
    ['હા', '.', 'ના', '.'],
  );
  t.deepEqual(doc.entities, []);
  t.deepEqual(doc.meta, { source: 'test' });
});
