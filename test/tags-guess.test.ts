import test from 'ava';
import { fittingScheme, guessScheme } from '../src/tags/guess.js';
import { repairTags } from '../src/tags/repair.js';

test('guessScheme: the scheme the prefixes point to, and whether the tags fit it', (t) => {
  t.deepEqual(guessScheme(['O', 'B-PER', 'I-PER']), { scheme: 'IOB2', fits: true });
  t.deepEqual(guessScheme(['I-PER', 'O']), { scheme: 'IOB2', fits: true });
  t.deepEqual(guessScheme(['B-PER', 'E-PER', 'S-LOC']), { scheme: 'IOBES', fits: true });
  t.deepEqual(guessScheme(['S-LOC', 'O']), { scheme: 'IOBES', fits: true });
  t.deepEqual(guessScheme(['I-PER', 'E-PER']), { scheme: 'IOE2', fits: true });
  t.deepEqual(guessScheme(['B-PER', 'L-PER', 'U-LOC']), { scheme: 'BILOU', fits: true });
  t.deepEqual(guessScheme(['U-LOC', 'S-PER']), { scheme: 'BILOU', fits: false });
  t.is(fittingScheme(['U-LOC', 'S-PER']), null);
  t.is(fittingScheme(['B-X', 'I-X', 'O']), 'IOB2');
  t.deepEqual(guessScheme([]), { scheme: 'IOB2', fits: true });
});

test('repairTags: I- after O or another type starts an entity', (t) => {
  t.deepEqual(repairTags(['I-PER', 'I-PER', 'O', 'I-LOC', 'I-ORG', 'B-ORG', 'I-ORG'], 'IOB2'), ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-ORG', 'B-ORG', 'I-ORG']);
  t.deepEqual(repairTags(['B-PER', 'I-PER', 'O', 'B-LOC'], 'IOBES'), ['B-PER', 'E-PER', 'O', 'S-LOC']);
});
