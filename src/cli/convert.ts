/**
 * `gujnlp convert IN OUT`: annotation files from one format to another.
 * Misaligned spans (entities that token tags cannot hold exactly) are
 * counted on stderr; the output is written atomically.
 */
import { InputError } from '../io/errors.js';
import { OffsetMap } from '../text/offsets.js';
import { readTextFile } from '../io/read-text.js';
import { loadSchema } from '../doc/schema.js';
import { FORMAT_NAMES, guessFormat, readAnnotations, TOKEN_FORMATS, writeAnnotations } from '../formats/index.js';
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
  footer: 'OUT may be - for stdout (the main file only).',
});

export async function run({ values, positionals }: ArgsOf<typeof command>): Promise<number> {
  const [input, output] = positionals;
  const from = values.from;
  let to = values.to;
  const schema = loadSchema(values.schema);
  const text = values.text === undefined ? undefined : readTextFile(values.text);

  const fromFormat = from ?? guessFormat(input);
  const fmt = formatOptionsOf(values);
  const docs = readAnnotations(input, { format: fromFormat, text, ...fmt });
  const problems = checkDocuments(docs, { schema, allowOverlap: values['allow-overlap'] });
  if (problems.length > 0) {
    const err = problemToError(problems[0]);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: gujnlp validate ${input})` : '';
    throw new InputError(`${err.problem}${more}`, { file: err.file, line: err.line });
  }

  if (to === undefined) {
    if (output === '-') throw new InputError('give --to FORMAT when writing to stdout');
    // a .jsonl output is HF for token inputs and doccano for standoff ones
    if (/\.jsonl$/i.test(output)) to = TOKEN_FORMATS.has(fromFormat) ? 'hf' : 'doccano';
    else if (/\.json$/i.test(output)) to = fromFormat === 'labelstudio' ? 'labelstudio' : 'json';
    else to = guessFormat(output);
  }
  const scheme = values.scheme;
  const align = values.align ?? schema.align ?? 'expand';
  const report = writeAnnotations(output, docs, { format: to, scheme, align, labels: schema.labels, ...fmt });

  const entities = docs.reduce((n, d) => n + d.entities.length, 0);
  const c = report.counts;
  const err = process.stderr;
  err.write(`gujnlp convert: ${docs.length} document${docs.length === 1 ? '' : 's'}, ${entities} entities: ${fromFormat} → ${to} (${report.files.join(', ')})\n`);
  if (report.tokenized.length > 0) err.write(`gujnlp convert: tokenized ${report.tokenized.length} document(s) without tokens for ${to}\n`);
  if (report.misaligned.length > 0 || TOKEN_FORMATS.has(to)) {
    err.write(`gujnlp convert: misaligned spans (align=${align}): expanded ${c.expanded}, contracted ${c.contracted}, dropped ${c.dropped}\n`);
  }
  const maps = new Map(docs.map((d) => [d.id, new OffsetMap(d.text)]));
  for (const m of report.misaligned.slice(0, 20)) {
    const map = maps.get(m.doc);
    const at = map === undefined ? '' : ` ${map.toCodePoint(m.entity.start)}-${map.toCodePoint(m.entity.end)}`;
    err.write(`  ${m.kind}: ${m.entity.label}${at} '${map?.text.slice(m.entity.start, m.entity.end) ?? ''}' in ${m.doc} — ${m.reason}\n`);
  }
  if (report.misaligned.length > 20) err.write(`  ... and ${report.misaligned.length - 20} more\n`);
  if (report.skipped.length > 0) err.write(`gujnlp convert: stdout holds the main file only; not written: ${report.skipped.join(', ')}\n`);
  return 0;
}
