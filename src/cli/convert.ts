/**
 * `gujnlp convert IN OUT`: annotation files from one format to another.
 * Misaligned spans (entities that token tags cannot hold exactly) are
 * counted on stderr; the output is written atomically.
 */
import { InputError } from '../io/errors.js';
import { OffsetMap } from '../text/offsets.js';
import { readTextFile } from '../io/read-text.js';
import { loadSchema } from '../doc/schema.js';
import { FORMAT_NAMES, guessFormat, readAnnotations, TOKEN_FORMATS, writeAnnotations, type AlignmentReport, type FormatName } from '../formats/index.js';
import { checkDocuments } from '../validate/index.js';
import { problemToError } from '../io/problem.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { alignOption, allowOverlapOption, schemaOption, schemeOption, textOption } from './common-options.js';
import { formatOptionsOf, readFormatOptions, writeFormatOptions } from './format-options.js';

export const command = defineCommand({
  name: 'convert',
  usage: ['IN OUT [options]'],
  description: 'Converts annotation files between formats. Offsets in files are code points.',
  options: {
    from: opt.choice(FORMAT_NAMES, { help: 'input format', defaultHelp: 'guessed from IN', metavar: 'F' }),
    to: opt.choice(FORMAT_NAMES, {
      help:
        'output format; brat: OUT names the .ann, the .txt is written beside it (several documents: OUT is a directory); ' +
        'hf: labels.json is written beside OUT; csv: OUT.tokens.csv and OUT.entities.csv',
      defaultHelp: 'guessed from OUT',
      metavar: 'F',
    }),
    scheme: schemeOption('tag scheme of token outputs', 'IOB2, or the scheme a CoNLL input used'),
    align: alignOption('spans off token boundaries', "the schema's, else expand"),
    text: textOption,
    schema: schemaOption,
    'allow-overlap': allowOverlapOption('accept overlapping or nested spans (token outputs still drop them, reported)'),
    ...readFormatOptions,
    ...writeFormatOptions,
  },
  positionals: { min: 2, max: 2, what: 'IN and OUT' },
  footer:
    'OUT may be - for stdout (the main file only).\n' +
    'A CoNLL, HF JSONL or doccano JSONL file (not stdin, not with --text) converted to json, conll, hf or doccano is streamed:\n' +
    'one document (or part of one long document) at a time, the same bytes as reading it whole; other formats are read and written whole.',
});

export async function run({ values, positionals }: ArgsOf<typeof command>): Promise<number> {
  const [input, output] = positionals;
  const from = values.from;
  const schema = loadSchema(values.schema);
  const text = values.text === undefined ? undefined : readTextFile(values.text);

  const fmt = formatOptionsOf(values);
  const { guessFormatOf } = await import('../stream/format-guess.js');
  const fromFormat = from ?? (input !== '-' ? await guessFormatOf(input) : undefined) ?? guessFormat(input);
  const scheme = values.scheme;
  const align = values.align ?? schema.align ?? 'expand';
  const { streamsInput } = await import('../stream/checked.js');
  const { streamsOutput, convertStream } = await import('../stream/convert.js');
  // an output format that cannot be told is refused after the input is read, as before
  let to: FormatName | undefined;
  try {
    to = outputFormat(values.to, output, fromFormat);
  } catch {
    to = undefined;
  }
  if (to !== undefined && streamsInput(input, fromFormat, text) && streamsOutput(to)) {
    // line-based in, streamed out: one document (or bounded part) at a time, the whole-file path's bytes
    const r = await convertStream({
      input,
      from: fromFormat,
      output,
      to,
      scheme,
      align,
      labels: schema.labels,
      offsets: fmt.offsets,
      docstart: fmt.docstart,
      schema,
      allowOverlap: values['allow-overlap'],
    });
    summary(r.documents, r.entities, fromFormat, to, align, r.report, r.misalignedLines);
    return 0;
  }
  const docs = readAnnotations(input, { format: fromFormat, text, ...fmt });
  const problems = checkDocuments(docs, { schema, allowOverlap: values['allow-overlap'] });
  if (problems.length > 0) {
    const err = problemToError(problems[0]);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: gujnlp validate ${input})` : '';
    throw new InputError(`${err.problem}${more}`, { file: err.file, line: err.line });
  }

  to ??= outputFormat(values.to, output, fromFormat);
  const report = writeAnnotations(output, docs, { format: to, scheme, align, labels: schema.labels, ...fmt });
  const entities = docs.reduce((n, d) => n + d.entities.length, 0);
  const maps = new Map(docs.map((d) => [d.id, new OffsetMap(d.text)]));
  const misaligned = report.misaligned.slice(0, 20).map((m) => {
    const map = maps.get(m.doc);
    const at = map === undefined ? '' : ` ${map.toCodePoint(m.entity.start)}-${map.toCodePoint(m.entity.end)}`;
    return `  ${m.kind}: ${m.entity.label}${at} '${map?.text.slice(m.entity.start, m.entity.end) ?? ''}' in ${m.doc} — ${m.reason}\n`;
  });
  summary(docs.length, entities, fromFormat, to, align, report, misaligned);
  return 0;
}

/** The output format: --to, else guessed from OUT (a .jsonl output is HF for token inputs and doccano for standoff ones). */
function outputFormat(to: FormatName | undefined, output: string, fromFormat: FormatName): FormatName {
  if (to !== undefined) return to;
  if (output === '-') throw new InputError('give --to FORMAT when writing to stdout');
  if (/\.jsonl$/i.test(output)) return TOKEN_FORMATS.has(fromFormat) ? 'hf' : 'doccano';
  if (/\.json$/i.test(output)) return fromFormat === 'labelstudio' ? 'labelstudio' : 'json';
  return guessFormat(output);
}

/** The lines convert prints on stderr (the first misaligned entities already described). */
function summary(documents: number, entities: number, fromFormat: FormatName, to: FormatName, align: string, report: AlignmentReport, misaligned: readonly string[]): void {
  const c = report.counts;
  const err = process.stderr;
  err.write(`gujnlp convert: ${documents} document${documents === 1 ? '' : 's'}, ${entities} entities: ${fromFormat} → ${to} (${report.files.join(', ')})\n`);
  if (report.tokenized.length > 0) err.write(`gujnlp convert: tokenized ${report.tokenized.length} document(s) without tokens for ${to}\n`);
  // counted from the counts: a streamed report keeps only the first misaligned entities
  const total = c.expanded + c.contracted + c.dropped;
  if (total > 0 || TOKEN_FORMATS.has(to)) {
    err.write(`gujnlp convert: misaligned spans (align=${align}): expanded ${c.expanded}, contracted ${c.contracted}, dropped ${c.dropped}\n`);
  }
  for (const line of misaligned) err.write(line);
  if (total > 20) err.write(`  ... and ${total - 20} more\n`);
  if (report.skipped.length > 0) err.write(`gujnlp convert: stdout holds the main file only; not written: ${report.skipped.join(', ')}\n`);
}
