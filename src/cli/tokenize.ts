/**
 * `gujnlp tokenize [FILE|-] [--format jsonl|text|conll] [--soft-newlines]`
 *
 * Streams the input: chunks cut at sentence ends, offsets printed in code
 * points (running base + OffsetMap per batch), output encoded straight into
 * 1 MB byte buffers and written once per batch. stdout carries data only.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../io/errors.js';
import { readTextChunks } from '../text/utf8-chunks.js';
import { SentenceStream, type Batch } from '../segment/stream.js';
import { KIND_NAMES } from '../tokenize/spans.js';
import { Utf8Out, stdoutSink } from '../text/utf8-out.js';
import { warmUp } from '../segment/warmup.js';

const USAGE = `usage: gujnlp tokenize [FILE|-] [--format jsonl|text|conll] [--soft-newlines]

Tokenizes Gujarati text (FILE, or stdin for - or no FILE), sentence by sentence.
  --format text    tokens joined by single spaces, one sentence per line (default)
  --format jsonl   one object per sentence: {"start","end","tokens":[{"text","start","end","kind"}]}
  --format conll   one token per line: TEXT TAB START TAB END TAB KIND, blank line after each sentence
  --soft-newlines  a single line break does not end a sentence (wrapped prose); blank lines do
Offsets are Unicode code points, end exclusive.
`;

const FORMATS = ['jsonl', 'text', 'conll'] as const;
type Format = (typeof FORMATS)[number];

/** Parses the shared options of `tokenize` and `split`. */
export function parseCommon<F extends string>(argv: string[], formats: readonly F[], dflt: F): { file: string; format: F; softNewlines: boolean; help: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      'soft-newlines': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 1) throw new InputError(`expected at most one input file, got ${positionals.length}`);
  const format = (values.format ?? dflt) as F;
  if (!formats.includes(format)) throw new InputError(`unknown --format '${values.format}' (expected ${formats.join(', ')})`);
  return { file: positionals[0] ?? '-', format, softNewlines: values['soft-newlines'] === true, help: values.help === true };
}

/** Code point offsets of a batch: base + OffsetMap, with a shortcut for BMP-only batches (the map is the identity there). */
export function cpOf(b: Batch): (u16: number) => number {
  const base = b.base;
  if (b.bmpOnly) return (u) => base + u;
  let offsets: Batch['offsets'] | undefined; // built on the first offset printed (never for --format text)
  return (u) => base + (offsets ??= b.offsets).toCodePoint(u);
}

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

export async function run(argv: string[]): Promise<number> {
  const opts = parseCommon(argv, FORMATS, 'text');
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  await writeStream(opts.file, opts.softNewlines, (b, out) => writeBatch(b, opts.format, out));
  return 0;
}

/**
 * Streams a file (or stdin) through the tokenizer and splitter to stdout:
 * `write` encodes each batch into the output buffer. A JIT warm-up runs
 * first on a sample with every token kind (see segment/warmup.ts; its
 * output is dropped). A regular file is read synchronously, with no
 * promise per chunk unless stdout asks to wait.
 */
export async function writeStream(file: string, softNewlines: boolean, write: (b: Batch, out: Utf8Out) => void): Promise<void> {
  const input = readTextChunks(file); // fails at once on a missing or invalid file
  const scratch = new Utf8Out(() => true, 1 << 16);
  await warmUp((b) => write(b, scratch), { softNewlines });
  await scratch.flush();
  const out = new Utf8Out(stdoutSink());
  const stream = new SentenceStream({ softNewlines });
  const take = (batch: Batch | undefined): Promise<void> | undefined => {
    if (batch === undefined) return undefined;
    write(batch, out);
    return out.flushSync();
  };
  if (Symbol.iterator in input) {
    for (const chunk of input) {
      const wait = take(stream.push(chunk));
      if (wait !== undefined) await wait;
    }
  } else {
    for await (const chunk of input) await take(stream.push(chunk));
  }
  await take(stream.finish());
  await out.flush();
}
