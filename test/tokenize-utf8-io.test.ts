import test from 'ava';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ValidUtf8Decoder } from '../src/text/utf8-decode.js';
import { readTextChunks } from '../src/text/utf8-chunks.js';
import { Utf8Out } from '../src/text/utf8-out.js';

/** Text with 1-, 2-, 3- and 4-byte characters. */
const textArb = fc.array(fc.constantFrom('a', ' ', '\n', 'é', 'ગુ', 'જ', 'રા', 'તી', '।', '👍', '🇮🇳', '\u200d'), { maxLength: 200 }).map((a) => a.join(''));

test('ValidUtf8Decoder: any cut of the bytes gives the text back', (t) => {
  fc.assert(
    fc.property(textArb, fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (text, cuts, bom) => {
      const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text)]);
      const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const dec = new ValidUtf8Decoder(4);
      let out = '';
      let prev = 0;
      for (const c of [...at, bytes.length]) {
        out += dec.decode(bytes.subarray(prev, c));
        prev = c;
      }
      t.false(dec.pending);
      return out === text;
    }),
  );
});

test('readTextChunks: a file read in small blocks is the whole text, BOM dropped, characters cut between blocks', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-io-'));
  try {
    const text = 'ગુજરાતી 👍🇮🇳 text é\n'.repeat(50);
    const file = join(dir, 'x.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    for (const size of [1, 2, 3, 5, 7, 64]) {
      let got = '';
      for await (const chunk of readTextChunks(file, size)) got += chunk;
      t.is(got, text, `block size ${size}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Utf8Out reuses its buffer only when the sink is done with the bytes', async (t) => {
  const seen: string[] = [];
  const kept: Uint8Array[] = [];
  // a sink that keeps references (like a queued stream write): the bytes must not change later
  const out = new Utf8Out((chunk) => {
    kept.push(chunk);
    return false;
  }, 16);
  out.ascii('first');
  await out.flush();
  out.ascii('second');
  await out.flush();
  t.deepEqual(
    kept.map((c) => Buffer.from(c).toString()),
    ['first', 'second'],
  );
  // a sink that copies: reuse is fine
  const copying = new Utf8Out((chunk) => {
    seen.push(Buffer.from(chunk).toString());
    return true;
  }, 16);
  copying.text('ગુજરાતી', 0, 7);
  await copying.flush();
  copying.ascii('x');
  await copying.flush();
  t.deepEqual(seen, ['ગુજરાતી', 'x']);
});
