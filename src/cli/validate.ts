/**
 * `gujnlp validate FILE...`: every problem of annotation files, one line
 * each on stdout (`file:line: error [code] ref: message`), a summary of
 * counts on stderr; exit 1 when there is any error.
 */
import { readTextFile } from '../io/read-text.js';
import { loadSchema } from '../doc/schema.js';
import { FORMAT_NAMES } from '../formats/index.js';
import { formatProblem, summarize, validateFile, type FileReport, type FileTally } from '../validate/index.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { allowOverlapOption, schemaOption, schemeOption, textOption } from './common-options.js';

export const command = defineCommand({
  name: 'validate',
  usage: ['FILE... [options]'],
  description:
    'Checks annotation files: syntax, offsets outside the text, span text that\n' +
    'differs from the text at its offsets, overlapping or nested spans, labels not\n' +
    'in the schema, invalid tag sequences, token/tag count mismatches.',
  options: {
    format: opt.choice(FORMAT_NAMES, { help: 'format of the files', defaultHelp: 'guessed', metavar: 'F' }),
    scheme: schemeOption('declared tag scheme of token files', 'guessed'),
    schema: schemaOption,
    'allow-overlap': allowOverlapOption('overlapping and nested spans are not errors'),
    text: textOption,
  },
  positionals: { min: 1, what: 'at least one FILE' },
  footer:
    'Problems go to stdout, the summary to stderr; exit status 1 on any error.\n' +
    'CoNLL, HF JSONL and doccano JSONL files (not stdin, not with --text) are read one document (or part) at a time;\n' +
    'problems are printed as found, in the order and with the counts of reading them whole. Other formats are read whole.',
});

export async function run({ values, positionals }: ArgsOf<typeof command>): Promise<number> {
  const schema = loadSchema(values.schema);
  const text = values.text === undefined ? undefined : readTextFile(values.text);
  const reports: (FileReport | FileTally)[] = [];
  const { guessFormatOf } = await import('../stream/format-guess.js');
  const { streamsInput } = await import('../stream/checked.js');
  const { validateStream } = await import('../stream/validate.js');
  for (const file of positionals) {
    const format = values.format ?? (file === '-' ? undefined : await guessFormatOf(file));
    if (format !== undefined && streamsInput(file, format, text)) {
      // line-based: read part by part, problems printed in the whole-file order as they are found
      try {
        reports.push(await validateStream(file, { format, scheme: values.scheme, schema, allowOverlap: values['allow-overlap'], onError: () => (process.exitCode = 1) }));
      } catch (err) {
        // stdout closed early (`| head -1`): the status set before printing stands
        if ((err as NodeJS.ErrnoException).code === 'EPIPE') return typeof process.exitCode === 'number' ? process.exitCode : 0;
        throw err;
      }
      continue;
    }
    const r = validateFile(file, {
      format: values.format,
      scheme: values.scheme,
      text,
      schema,
      allowOverlap: values['allow-overlap'],
    });
    // set before printing: if the reader of stdout stops early (`| head -1`), the exit status still says errors were found
    if (r.problems.some((p) => p.severity === 'error')) process.exitCode = 1;
    for (const p of r.problems) process.stdout.write(`${formatProblem(p)}\n`);
    reports.push(r);
  }
  const s = summarize(reports);
  const codes = Object.entries(s.byCode)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  process.stderr.write(
    `gujnlp validate: ${s.files} file${s.files === 1 ? '' : 's'}, ${s.documents} documents, ${s.entities} entities: ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}${codes ? ` (${codes})` : ''}\n`,
  );
  return s.errors > 0 ? 1 : 0;
}
