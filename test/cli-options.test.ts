/**
 * The options layer (src/cli/options.ts): every command's --help is the
 * text generated from its declarations, bad values are one line and exit 1,
 * and `--map` has one parser and one meaning.
 */
import test from 'ava';
import { defineCommand, opt, type Command, type OptionSet } from '../src/cli/options.js';
import { ignoreOption, labelMapping, mapOption } from '../src/cli/common-options.js';
import { mapTag, parseMapOptions } from '../src/eval/mapping.js';
import { InputError } from '../src/io/errors.js';
import { runCli } from './helpers/cli.js';

const COMMANDS = ['tokenize', 'split', 'convert', 'validate', 'annotate', 'train', 'evaluate', 'compare', 'agree', 'gold', 'bench'] as const;

async function declarations(name: string): Promise<Command<OptionSet>> {
  const mod = (await import(`../src/cli/${name}.js`)) as { command: Command<OptionSet> };
  return mod.command;
}

for (const name of COMMANDS) {
  test(`${name} --help is generated from its declarations: stdout, exit 0`, async (t) => {
    const command = await declarations(name);
    const r = await runCli([name, '--help']);
    t.is(r.code, 0, r.stderr);
    t.is(r.stderr, '');
    t.is(r.stdout, command.help());
    t.true(r.stdout.startsWith(`usage: gujnlp ${name} `));
    for (const [option, o] of Object.entries(command.spec.options)) {
      t.true(r.stdout.includes(`--${option}`), `--${option} in the help of ${name}`);
      if (o.short !== undefined) t.true(r.stdout.includes(`-${o.short}, --${option}`));
    }
    t.regex(r.stdout, /-h, --help/);
  });
}

test('bench --help names --models-dir', async (t) => {
  t.regex((await declarations('bench')).help(), /--models-dir DIR/);
});

test('gujnlp --help and gujnlp help: stdout, exit 0; no command: usage on stderr, exit 1; unknown command exit 1', async (t) => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const r = await runCli(args);
    t.is(r.code, 0);
    t.regex(r.stdout, /^usage: gujnlp COMMAND/);
    t.is(r.stderr, '');
  }
  const none = await runCli([]);
  t.is(none.code, 1);
  t.is(none.stdout, '');
  t.regex(none.stderr, /^usage: gujnlp COMMAND/);
  const unknown = await runCli(['frobnicate']);
  t.is(unknown.code, 1);
  t.regex(unknown.stderr, /^gujnlp: unknown command 'frobnicate'/);
});

const BAD: Array<[string[], RegExp]> = [
  [['bench', '--samples', 'abc'], /^gujnlp: --samples must be an integer >= 1, got 'abc'\n$/],
  [['bench', '--seed', '1.5'], /^gujnlp: --seed must be an integer >= 0, got '1.5'\n$/],
  [['train', '--train', 'x.json', '-o', 'm.json', '--seed', '-1'], /^gujnlp: --seed must be an integer >= 0, got '-1'\n$/],
  [['compare', '--gold', 'g.json', 'a=p.json', '--scheme', 'X'], /^gujnlp: --scheme must be one of IOB1, IOB2, IOE1, IOE2, IOBES, BILOU, got 'X'\n$/],
  [['agree', 'a.json', 'b.json', '--align', 'X'], /^gujnlp: --align must be one of expand, contract, strict, got 'X'\n$/],
  [['evaluate', 'x.conll', '--mode', 'lenient'], /^gujnlp: --mode must be one of default, strict, got 'lenient'\n$/],
  [['evaluate', 'x.conll', '--map', 'GPE'], /^gujnlp: --map expects FROM=TO .*got 'GPE'\n$/],
  [['tokenize', '--nope'], /^gujnlp: unknown option '--nope'; see gujnlp tokenize --help\n$/],
  [['split', '--format'], /^gujnlp: --format needs a value; see gujnlp split --help\n$/],
  [['gold', '--check=yes'], /^gujnlp: --check takes no value; see gujnlp gold --help\n$/],
  [['gold', 'stray'], /^gujnlp: unexpected argument 'stray'/],
  [['convert', 'only-in.json'], /^gujnlp: expected IN and OUT, got 1 argument; see gujnlp convert --help\n$/],
  [['validate'], /^gujnlp: expected at least one FILE, got 0 arguments/],
  [['annotate', 'a.txt', 'b.txt', '--model', 'rules'], /^gujnlp: expected at most one input/],
];

test('bad option values, unknown options, missing values and arguments: one line on stderr, exit 1, no stack trace', async (t) => {
  for (const [args, re] of BAD) {
    const r = await runCli(args);
    t.is(r.code, 1, args.join(' '));
    t.regex(r.stderr, re, args.join(' '));
    t.is(r.stdout, '', args.join(' '));
    t.notRegex(r.stderr, /\n\s+at /, args.join(' '));
  }
});

test('parse: typed values and defaults; numeric options take negative values to the range check', (t) => {
  const c = defineCommand({
    name: 'demo',
    usage: ['[options]'],
    description: 'a demo',
    options: {
      n: opt.integer({ help: 'count', default: 3, min: 1, max: 9 }),
      x: opt.number({ help: 'ratio', min: 0 }),
      k: opt.choice(['a', 'b'] as const, { help: 'kind', default: 'a' }),
      s: opt.string({ help: 'name' }),
      flag: opt.boolean({ help: 'on', short: 'f' }),
      item: opt.list({ help: 'items', split: ',' }),
      map: mapOption(),
      ignore: ignoreOption(),
    },
    positionals: { max: 1 },
  });
  const a = c.parse(['--n', '7', '--x', '0.5', '-f', '--item', 'p,q', '--item', 'r', 'FILE'])!;
  t.deepEqual(a.values, { n: 7, x: 0.5, k: 'a', s: undefined, flag: true, item: ['p', 'q', 'r'], map: {}, ignore: [] });
  t.deepEqual(a.positionals, ['FILE']);
  t.is(c.parse(['-h']), undefined);
  t.is(c.parse(['--n', '2', '--help']), undefined);
  const err = (argv: string[]): string => t.throws(() => c.parse(argv), { instanceOf: InputError })!.message;
  t.is(err(['--n', '10']), "--n must be an integer from 1 to 9, got '10'");
  t.is(err(['--n', '-1']), "--n must be an integer from 1 to 9, got '-1'");
  t.is(err(['--x', '-0.5']), "--x must be a number >= 0, got '-0.5'");
  t.is(err(['--x', 'NaN']), "--x must be a number >= 0, got 'NaN'");
  t.is(err(['--k', 'c']), "--k must be one of a, b, got 'c'");
  t.is(err(['a', 'b']), 'expected 0 to 1 arguments, got 2 arguments; see gujnlp demo --help');
  t.regex(c.help(), /--n N +count \(default: 3\)/);
  t.regex(c.help(), /--k NAME +kind \(one of a, b; default: a\)/);
  t.regex(c.help(), /-f, --flag +on/);
});

test('--map: one parser, one meaning: FROM=O (or FROM=) drops the type like --ignore; conflicting maps are an error', (t) => {
  t.deepEqual(parseMapOptions(['GPE=LOC', 'MISC=O', 'DATE=']), { GPE: 'LOC', MISC: 'O', DATE: 'O' });
  t.deepEqual(parseMapOptions(['A=B', 'A=B']), { A: 'B' });
  t.throws(() => parseMapOptions(['A=B', 'A=C']), { instanceOf: InputError, message: '--map: A is mapped twice' });
  for (const bad of ['A', '=B', 'A=B=C', 'A B=C']) t.throws(() => parseMapOptions([bad]), { instanceOf: InputError });
  const viaMap = labelMapping({ map: parseMapOptions(['MISC=O', 'GPE=LOC']), ignore: [] });
  const viaIgnore = labelMapping({ map: parseMapOptions(['GPE=LOC']), ignore: ['MISC'] });
  for (const tag of ['B-MISC', 'I-MISC', 'B-GPE', 'I-GPE', 'B-PER', 'O']) t.is(mapTag(tag, viaMap), mapTag(tag, viaIgnore), tag);
  t.is(mapTag('B-MISC', viaMap), 'O');
  t.is(mapTag('I-GPE', viaMap), 'I-LOC');
});

test('evaluate --map A=O drops type A (no type named O), the same as --ignore A', async (t) => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const f = join(mkdtempSync(join(tmpdir(), 'gujnlp-map-')), 'x.conll');
  writeFileSync(f, 'a B-PER B-PER\nb B-MISC O\nc O B-MISC\n\n');
  const viaMap = await runCli(['evaluate', f, '--format', 'json', '--map', 'MISC=O']);
  const viaIgnore = await runCli(['evaluate', f, '--format', 'json', '--ignore', 'MISC']);
  t.is(viaMap.code, 0, viaMap.stderr);
  t.is(viaMap.stdout, viaIgnore.stdout);
  const j = JSON.parse(viaMap.stdout) as { seqeval: { default: Record<string, unknown> }; conlleval: { types: Record<string, unknown> } };
  t.deepEqual(Object.keys(j.conlleval.types), ['PER']);
  t.false('O' in j.seqeval.default);
});

test('errors: a user error is one line and exit 1; an internal error says so in one line, exit 2, stack only with GUJNLP_DEBUG=1', async (t) => {
  const { reportError } = await import('../src/cli/errors.js');
  const run = (err: unknown, env: NodeJS.ProcessEnv = {}): [number, string] => {
    let out = '';
    const code = reportError(err, (s) => (out += s), env);
    return [code, out];
  };
  t.deepEqual(run(new InputError('bad tag', { file: 'x.conll', line: 3 })), [1, 'gujnlp: x.conll:3: bad tag\n']);
  const bug = new RangeError('0 tag sequences for 1 sentences\nmore detail');
  t.deepEqual(run(bug), [2, 'gujnlp: internal error: 0 tag sequences for 1 sentences (please report at the gujnlp issue tracker)\n']);
  const [code, debug] = run(bug, { GUJNLP_DEBUG: '1' });
  t.is(code, 2);
  t.regex(debug, /^gujnlp: internal error: .*\nRangeError: 0 tag sequences[\s\S]*\n\s+at /);
  t.deepEqual(run(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })), [0, '']);
});
