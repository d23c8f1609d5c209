/**
 * Options shared by several commands, declared once (see options.ts): the
 * tag scheme, the alignment mode, the label schema, the text of token
 * files, the entity decoding mode, the label
 * mapping (`--map`, `--ignore`), the bootstrap seed and samples. A command
 * may give its own help line; the type, the allowed values and the
 * validation stay the same everywhere.
 */
import { ALIGN_MODES, TAG_SCHEMES } from '../tags/scheme.js';
import { DEFAULT_SCHEMA_PATH } from '../doc/schema.js';
import { parseMapOptions, type LabelMapping } from '../eval/mapping.js';
import { opt, type Option } from './options.js';

/** `--scheme`: a tag scheme (IOB1, IOB2, IOE1, IOE2, IOBES, BILOU). */
export const schemeOption = (help: string, defaultHelp?: string) => opt.choice(TAG_SCHEMES, { help, defaultHelp, metavar: 'S' });

/** `--align`: how spans off token boundaries become token tags. */
export const alignOption = (help = 'spans off token boundaries', defaultHelp = 'expand') => opt.choice(ALIGN_MODES, { help, defaultHelp, metavar: 'M' });

/** `--mode`: entity decoding of the default (conlleval/seqeval default) or strict (seqeval strict) mode. */
export const modeOption = (help = 'entity decoding: default (conlleval, seqeval default) or strict (seqeval strict mode)') =>
  opt.choice(['default', 'strict'] as const, { help, default: 'default', metavar: 'M' });

/**
 * `--map FROM=TO` (repeatable): renames a type; `FROM=O` (or `FROM=`) drops
 * it, the same as `--ignore FROM`. One parser (`parseMapOptions`) and one
 * meaning in every command that takes it.
 */
export function mapOption(help = 'rename type FROM to TO (repeatable); FROM=O drops the type, like --ignore FROM'): Option<Record<string, string>> {
  const list = opt.list({ help, metavar: 'FROM=TO' });
  return { ...list, notes: [], convert: (raw, flag) => parseMapOptions(list.convert(raw, flag)) };
}

/** `--ignore TYPE` (repeatable, or comma-separated): the type's tags become O. */
export const ignoreOption = (help = 'drop a type: its tags become O; TYPE,TYPE drops several') => opt.list({ help, metavar: 'TYPE', split: ',' });

/** The mapping of `--map` and `--ignore` together. */
export function labelMapping(values: { map: Record<string, string>; ignore: string[] }): Required<LabelMapping> {
  return { map: values.map, ignore: values.ignore };
}

/** `--seed`: the PRNG seed; same data and seed give the same output. */
export const seedOption = (dflt: number, help = 'PRNG seed; the same data and seed give the same output') => opt.integer({ help, default: dflt, min: 0 });

/** `--samples`: bootstrap samples. */
export const samplesOption = (dflt: number, help = 'bootstrap samples') => opt.integer({ help, default: dflt, min: 1 });

/** `--format` of a report: one of the renderer's formats. */
export const reportFormatOption = <const F extends string>(formats: readonly F[], dflt: NoInfer<F>, help = 'output format') => opt.choice(formats, { help, default: dflt, metavar: 'F' });

/** `--schema`: the label schema. */
export const schemaOption = opt.path({ help: 'label schema', defaultHelp: `${DEFAULT_SCHEMA_PATH}, else PER LOC ORG MISC` });

/** `--text`: the original text of token files without one. */
export const textOption = opt.path({
  help: 'original text of token inputs without text (CoNLL); without it the text is the tokens joined by spaces, one sentence a line',
  metavar: 'FILE',
});

/** `--allow-overlap`. */
export const allowOverlapOption = (help: string) => opt.boolean({ help });
