/**
 * `gujnlp tokenize [FILE|-] [--format jsonl|text|conll] [--soft-newlines]`
 *
 * Streams the input: chunks cut at sentence ends, offsets printed in code
 * points (running base + OffsetMap per batch), output encoded straight into
 * 1 MB byte buffers and written once per batch. stdout carries data only.
 */
import type { Batch } from '../segment/stream.js';
import { KIND_NAMES } from '../tokenize/spans.js';
import type { Utf8Out } from '../text/utf8-out.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { cpOf, writeStream } from './stream-out.js';
import { inputOption, softNewlinesOption } from './text-options.js';

const FORMATS = ['jsonl', 'text', 'conll'] as const;
type Format = (typeof FORMATS)[number];

export const command = defineCommand({
  name: 'tokenize',
  usage: ['[FILE|-] [--format jsonl|text|conll] [--soft-newlines]'],
  description: 'Tokenizes Gujarati text (FILE, or stdin for - or no FILE), sentence by sentence.\nOffsets are Unicode code points, end exclusive.',
  options: {
    format: opt.choice(FORMATS, {
      help:
        'text: tokens joined by single spaces, one sentence per line\n' +
        'jsonl: one object per sentence: {"start","end","tokens":[{"text","start","end","kind"}]}\n' +
        'conll: one token per line: TEXT TAB START TAB END TAB KIND, blank line after each sentence',
      default: 'text',
      short: 'f',
      metavar: 'F',
    }),
    'soft-newlines': softNewlinesOption,
  },
  positionals: inputOption,
});

/** Writes one batch of sentences, encoding straight from the batch text into the output bytes. */
function writeBatch(b: Batch, format: Format, out: Utf8Out): void {
  const { text, sentences } = b;
  const { starts, ends, kinds } = b.spans;
  const cp = cpOf(b);
  for (const sent of sentences) {
    const from = sent.firstToken;
    const to = sent.endToken;
    if (format === 'text') {
      // runs of tokens already separated by one space are copied as they are;
      // a space goes in where the gap is empty (છે.) or other whitespace
      let run = starts[from];
      for (let i = from + 1; i < to; i++) {
        if (starts[i] - ends[i - 1] === 1 && text.charCodeAt(ends[i - 1]) === 0x20) continue;
        out.text(text, run, ends[i - 1]);
        out.byte(0x20);
        run = starts[i];
      }
      out.text(text, run, ends[to - 1]);
      out.byte(0x0a);
    } else if (format === 'jsonl') {
      out.ascii('{"start":');
      out.uint(cp(sent.start));
      out.ascii(',"end":');
      out.uint(cp(sent.end));
      out.ascii(',"tokens":[');
      for (let i = from; i < to; i++) {
        out.ascii(i === from ? '{"text":' : ',{"text":');
        out.json(text, starts[i], ends[i]);
        out.ascii(',"start":');
        out.uint(cp(starts[i]));
        out.ascii(',"end":');
        out.uint(cp(ends[i]));
        out.ascii(KIND_SUFFIX[kinds[i]]);
      }
      out.ascii(']}\n');
    } else {
      for (let i = from; i < to; i++) {
        out.text(text, starts[i], ends[i]);
        out.byte(0x09);
        out.uint(cp(starts[i]));
        out.byte(0x09);
        out.uint(cp(ends[i]));
        out.byte(0x09);
        out.ascii(KIND_NAMES[kinds[i]]);
        out.byte(0x0a);
      }
      out.byte(0x0a);
    }
  }
}

/** `,"kind":"word"}` for each kind code. */
const KIND_SUFFIX = KIND_NAMES.map((k) => `,"kind":"${k}"}`);

export async function run(args: ArgsOf<typeof command>): Promise<number> {
  const format: Format = args.values.format;
  await writeStream(args.positionals[0] ?? '-', args.values['soft-newlines'], (b, out) => writeBatch(b, format, out));
  return 0;
}
