/**
 * `gujnlp split [FILE|-] [--format jsonl|text] [--soft-newlines]`
 *
 * Streams the input like `tokenize`; prints sentences with code point
 * offsets (jsonl) or one per line (text; line breaks inside a sentence,
 * possible with --soft-newlines, are printed as spaces).
 */
import { readTextChunks } from '../text/utf8-chunks.js';
import { streamSentences, type Batch } from '../segment/stream.js';
import { OutBuffer, cpOf, jsonSlice, parseCommon } from './tokenize.js';

const USAGE = `usage: gujnlp split [FILE|-] [--format jsonl|text] [--soft-newlines]

Splits Gujarati text (FILE, or stdin for - or no FILE) into sentences.
  --format text    one sentence per line (default); line breaks inside a sentence become spaces
  --format jsonl   one object per sentence: {"start","end","text"}, code point offsets, end exclusive
  --soft-newlines  a single line break does not end a sentence (wrapped prose); blank lines do
`;

const FORMATS = ['jsonl', 'text'] as const;
type Format = (typeof FORMATS)[number];

const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

function formatBatch(b: Batch, format: Format): string {
  let s = '';
  const cp = cpOf(b);
  for (const sent of b.sentences) {
    if (format === 'text') s += sent.text.replace(LINE_BREAKS, ' ') + '\n';
    else s += `{"start":${cp(sent.start)},"end":${cp(sent.end)},"text":${jsonSlice(b.text, sent.start, sent.end)}}\n`;
  }
  return s;
}

export async function run(argv: string[]): Promise<number> {
  const opts = parseCommon(argv, FORMATS, 'text');
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const out = new OutBuffer();
  for await (const batch of streamSentences(readTextChunks(opts.file), { softNewlines: opts.softNewlines })) {
    await out.push(formatBatch(batch, opts.format));
  }
  await out.flush();
  return 0;
}
