/**
 * The CLI options layer: every option of every command is declared once,
 * with its type, default and help; the same declaration parses argv,
 * validates the value and writes the `--help` text.
 *
 * A command file (`src/cli/<name>.ts`) exports
 *
 *     export const command = defineCommand({
 *       name: 'bench',
 *       usage: ['[options]'],                         // after `gujnlp bench`
 *       description: 'Runs every model on the corpus ...',
 *       options: {
 *         corpus: opt.path({ help: 'corpus folder', default: 'corpus', metavar: 'DIR' }),
 *         samples: samplesOption(1000),               // shared declarations: common-options.ts
 *         quiet: opt.boolean({ help: 'no progress on stderr', short: 'q' }),
 *       },
 *       positionals: { max: 0 },
 *       footer: 'Exit status: ...',
 *     });
 *
 *     export async function run(args: ArgsOf<typeof command>): Promise<number> { ... }
 *
 * and `main.ts` does the rest: `command.parse(argv)` gives typed values
 * (`args.values.samples` is a number, `args.values.corpus` a string,
 * options without a default are `T | undefined`, repeatable ones `T[]`)
 * and the positionals; `--help`/`-h` (declared for every command) prints
 * `command.help()` to stdout. Any bad value, unknown option, missing
 * option value or wrong number of positionals throws one `InputError` line
 * naming the option and the value (exit 1).
 *
 * Builders (`opt.*`): string, path, boolean, integer ({min, max}), number
 * ({min, max}), choice (fixed values, listed in the help), list
 * (repeatable; `split: ','` also splits each value at commas). Each takes
 * `help` (one or more lines), optional `short` (one letter), `metavar`
 * (the value's name in the help) and `default` (typed). `defaultHelp`
 * describes a default that is computed at run time ("guessed from IN").
 * Numeric options accept a negative value as the next argument
 * (`--seed -1` reaches the range check instead of parseArgs' ambiguity
 * error).
 */
import { parseArgs } from 'node:util';
import { InputError } from '../io/errors.js';

/** One declared option; `T` is the type of its parsed value. */
export interface Option<T> {
  readonly type: 'string' | 'boolean';
  readonly multiple: boolean;
  readonly numeric: boolean;
  readonly short?: string;
  readonly metavar?: string;
  /** Help lines (the first is the summary). */
  readonly help: string;
  /** Extra help: allowed values, default. */
  readonly notes: readonly string[];
  /** Raw parseArgs value (undefined when absent) → value; throws InputError. */
  readonly convert: (raw: string | boolean | string[] | undefined, flag: string) => T;
}

export type OptionSet = Record<string, Option<unknown>>;
export type ValuesOf<O extends OptionSet> = { [K in keyof O]: O[K] extends Option<infer T> ? T : never };

export interface Positionals {
  /** Fewest positionals (default 0). */
  min?: number;
  /** Most positionals (default unlimited); 0 for a command that takes none. */
  max?: number;
  /** What is expected, for the error: 'IN and OUT', 'one FILE'. */
  what?: string;
}

export interface CommandSpec<O extends OptionSet> {
  name: string;
  /** Synopsis lines after `gujnlp NAME`. */
  usage: readonly string[];
  description: string;
  options: O;
  positionals?: Positionals;
  /** Text after the option list. */
  footer?: string;
}

export interface Args<O extends OptionSet> {
  values: ValuesOf<O>;
  positionals: string[];
}

export type ArgsOf<C> = C extends Command<infer O> ? Args<O> : never;

export interface Command<O extends OptionSet> {
  readonly spec: CommandSpec<O>;
  /** Parses argv; `undefined` when --help was asked for (print `help()`). */
  parse(argv: readonly string[]): Args<O> | undefined;
  /** The generated --help text. */
  help(): string;
}

interface Common {
  help: string;
  short?: string;
  metavar?: string;
  /** A run-time default for the help ("guessed from IN"). */
  defaultHelp?: string;
}

const quote = (v: string): string => `'${v}'`;

function make<T>(
  base: Common,
  type: 'string' | 'boolean',
  convert: Option<T>['convert'],
  notes: (string | undefined)[],
  extra: { multiple?: boolean; numeric?: boolean; metavar?: string } = {},
): Option<T> {
  const defaultNote = base.defaultHelp === undefined ? undefined : `default: ${base.defaultHelp}`;
  return {
    type,
    multiple: extra.multiple ?? false,
    numeric: extra.numeric ?? false,
    short: base.short,
    metavar: type === 'boolean' ? undefined : (base.metavar ?? extra.metavar ?? 'VALUE'),
    help: base.help,
    notes: [...notes, defaultNote].filter((n): n is string => n !== undefined),
    convert,
  };
}

const defaultNote = (d: unknown): string | undefined => (d === undefined ? undefined : `default: ${String(d)}`);

function stringOpt(o: Common & { default: string }): Option<string>;
function stringOpt(o: Common): Option<string | undefined>;
function stringOpt(o: Common & { default?: string }): Option<string | undefined> {
  return make(o, 'string', (raw) => (raw === undefined ? o.default : (raw as string)), [defaultNote(o.default)]);
}

function pathOpt(o: Common & { default: string }): Option<string>;
function pathOpt(o: Common): Option<string | undefined>;
function pathOpt(o: Common & { default?: string }): Option<string | undefined> {
  return make(
    o,
    'string',
    (raw, flag) => {
      if (raw === undefined) return o.default;
      if (raw === '') throw new InputError(`${flag} needs a path, got ''`);
      return raw as string;
    },
    [defaultNote(o.default)],
    { metavar: 'PATH' },
  );
}

function booleanOpt(o: Omit<Common, 'metavar' | 'defaultHelp'>): Option<boolean> {
  return make(o, 'boolean', (raw) => raw === true, []);
}

interface Range {
  min?: number;
  max?: number;
}

function rangeText(r: Range): string {
  if (r.min !== undefined && r.max !== undefined) return ` from ${r.min} to ${r.max}`;
  if (r.min !== undefined) return ` >= ${r.min}`;
  if (r.max !== undefined) return ` <= ${r.max}`;
  return '';
}

function numeric(o: Common & Range & { default?: number }, integer: boolean): Option<number | undefined> {
  const what = `${integer ? 'an integer' : 'a number'}${rangeText(o)}`;
  return make(
    o,
    'string',
    (raw, flag) => {
      if (raw === undefined) return o.default;
      const s = (raw as string).trim();
      const n = integer ? (/^[+-]?\d+$/.test(s) ? Number(s) : NaN) : s === '' ? NaN : Number(s);
      const ok = integer ? Number.isSafeInteger(n) : Number.isFinite(n);
      if (!ok || (o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
        throw new InputError(`${flag} must be ${what}, got ${quote(raw as string)}`);
      }
      return n;
    },
    [defaultNote(o.default)],
    { numeric: true, metavar: 'N' },
  );
}

function integerOpt(o: Common & Range & { default: number }): Option<number>;
function integerOpt(o: Common & Range): Option<number | undefined>;
function integerOpt(o: Common & Range & { default?: number }): Option<number | undefined> {
  return numeric(o, true);
}

function numberOpt(o: Common & Range & { default: number }): Option<number>;
function numberOpt(o: Common & Range): Option<number | undefined>;
function numberOpt(o: Common & Range & { default?: number }): Option<number | undefined> {
  return numeric(o, false);
}

function choiceOpt<const C extends string>(choices: readonly C[], o: Common & { default: NoInfer<C> }): Option<C>;
function choiceOpt<const C extends string>(choices: readonly C[], o: Common): Option<C | undefined>;
function choiceOpt<const C extends string>(choices: readonly C[], o: Common & { default?: C }): Option<C | undefined> {
  return make(
    o,
    'string',
    (raw, flag) => {
      if (raw === undefined) return o.default;
      if (!(choices as readonly string[]).includes(raw as string)) throw new InputError(`${flag} must be one of ${choices.join(', ')}, got ${quote(raw as string)}`);
      return raw as C;
    },
    [`one of ${choices.join(', ')}`, defaultNote(o.default)],
    { metavar: 'NAME' },
  );
}

/** A repeatable option; `split: ','` also splits every value at commas (empty parts dropped). */
function listOpt(o: Common & { split?: string }): Option<string[]> {
  return make(
    o,
    'string',
    (raw) => {
      const all = (raw as string[] | undefined) ?? [];
      return o.split === undefined ? all : all.flatMap((v) => v.split(o.split!)).filter((v) => v !== '');
    },
    ['repeatable'],
    { multiple: true },
  );
}

/** The option builders. */
export const opt = {
  string: stringOpt,
  path: pathOpt,
  boolean: booleanOpt,
  integer: integerOpt,
  number: numberOpt,
  choice: choiceOpt,
  list: listOpt,
};

const HELP: Option<boolean> = booleanOpt({ help: 'print this help', short: 'h' });

/** The parseArgs error as one line naming the option. */
function argvError(err: unknown, command: string): InputError | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as NodeJS.ErrnoException).code;
  const see = `; see gujnlp ${command} --help`;
  const first = err.message.split('\n')[0];
  const name = /'(-[^' ,]+(?:, --[^' ]+)?)/.exec(first)?.[1] ?? '';
  const flag = name.includes(', ') ? name.split(', ')[1] : name;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new InputError(`unknown option ${quote(flag)}${see}`);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new InputError(`unexpected argument '${/'([^']*)'/.exec(first)?.[1] ?? ''}': gujnlp ${command} takes no FILE arguments${see}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(first)) return new InputError(`${flag} needs a value${see}`);
    if (/does not take an argument/.test(first)) return new InputError(`${flag} takes no value${see}`);
    if (/ambiguous/.test(first)) return new InputError(`${flag} needs a value (to give one starting with '-', write ${flag}=-VALUE)`);
    return new InputError(first);
  }
  return undefined;
}

/**
 * Moves a negative number after a numeric option into the option
 * (`--seed -1` → `--seed=-1`), so that the range check, not parseArgs,
 * answers.
 */
function attachNegatives(argv: readonly string[], options: OptionSet): string[] {
  const numericFlags = new Set<string>();
  for (const [name, o] of Object.entries(options)) {
    if (!o.numeric) continue;
    numericFlags.add(`--${name}`);
    if (o.short !== undefined) numericFlags.add(`-${o.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (numericFlags.has(a) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines;
}

/** The option list of a help text. */
function optionLines(options: OptionSet): string {
  const entries = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short === undefined ? '    ' : `-${o.short}, `}--${name}${o.metavar === undefined ? '' : ` ${o.metavar}`}`;
    const notes = o.notes.length === 0 ? '' : `(${o.notes.join('; ')})`;
    // notes end a one-line help, and get a line of their own after a longer one
    const text = notes === '' ? o.help : o.help.includes('\n') ? `${o.help}\n${notes}` : `${o.help} ${notes}`;
    return { flag, text };
  });
  const col = Math.min(30, Math.max(...entries.map((e) => e.flag.length)) + 2);
  const width = Math.max(40, 100 - col - 2);
  return entries
    .map(({ flag, text }) => {
      const lines = wrap(text, width);
      const head =
        flag.length + 2 > col ? [`  ${flag}`, ...lines.map((l) => `  ${' '.repeat(col)}${l}`)] : [`  ${flag.padEnd(col)}${lines[0]}`, ...lines.slice(1).map((l) => `  ${' '.repeat(col)}${l}`)];
      return head.join('\n');
    })
    .join('\n');
}

/** Declares a command: its options parse argv and write its help. */
export function defineCommand<O extends OptionSet>(spec: CommandSpec<O>): Command<O> {
  if ('help' in spec.options) throw new Error(`${spec.name}: --help is declared by the options layer`);
  const all: OptionSet = { ...spec.options, help: HELP };
  const config = Object.fromEntries(Object.entries(all).map(([name, o]) => [name, { type: o.type, multiple: o.multiple, ...(o.short === undefined ? {} : { short: o.short }) }]));
  const pos = spec.positionals ?? {};
  return {
    spec,
    help() {
      const [first, ...more] = spec.usage;
      const usage = [`usage: gujnlp ${spec.name} ${first}`, ...more.map((u) => `       gujnlp ${spec.name} ${u}`)].join('\n');
      const parts = [usage, spec.description.trimEnd(), `options:\n${optionLines(all)}`];
      if (spec.footer !== undefined) parts.push(spec.footer.trimEnd());
      return `${parts.join('\n\n')}\n`;
    },
    parse(argv) {
      let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
      try {
        parsed = parseArgs({ args: attachNegatives(argv, all), options: config, allowPositionals: pos.max !== 0, strict: true });
      } catch (err) {
        throw argvError(err, spec.name) ?? err;
      }
      if (parsed.values.help === true) return undefined;
      const values: Record<string, unknown> = {};
      for (const [name, o] of Object.entries(spec.options)) values[name] = o.convert(parsed.values[name] as string | boolean | string[] | undefined, `--${name}`);
      const n = parsed.positionals.length;
      if ((pos.min !== undefined && n < pos.min) || (pos.max !== undefined && n > pos.max)) {
        const what = pos.what ?? (pos.max === pos.min ? `${pos.min} argument${pos.min === 1 ? '' : 's'}` : `${pos.min ?? 0} to ${pos.max ?? 'any number of'} arguments`);
        throw new InputError(`expected ${what}, got ${n} argument${n === 1 ? '' : 's'}; see gujnlp ${spec.name} --help`);
      }
      return { values: values as ValuesOf<O>, positionals: parsed.positionals };
    },
  };
}
