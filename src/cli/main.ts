#!/usr/bin/env node
/**
 * `gujnlp COMMAND ...`: a thin dispatcher. Each command lives in its own
 * file `src/cli/<command>.ts` exporting its declarations `command`
 * (options.ts: they parse argv and write --help) and `run(args)`, which
 * returns the exit code; a command file is imported only when used, so
 * `gujnlp tokenize` never loads the ONNX runtime.
 *
 * stdout carries data only; messages and progress go to stderr.
 * Exit codes: 0 success; 1 a user error (bad input, bad or missing
 * arguments, unknown command or option; `validate` also when it found
 * errors); 2 an internal error (a bug: please report it); 3 `bench` ran
 * but skipped a model or document.
 */
import { guardInputs } from '../io/inputs.js';
import { setCsvRaw } from '../io/csv-safe.js';
import { reportError } from './errors.js';
import type { Args, Command, OptionSet } from './options.js';

type CommandModule = { command: Command<OptionSet>; run(args: Args<OptionSet>): Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  tokenize: { summary: 'tokenize text with code point offsets', load: () => import('./tokenize.js') },
  split: { summary: 'split text into sentences', load: () => import('./split.js') },
  convert: { summary: 'convert annotation files between formats', load: () => import('./convert.js') },
  validate: { summary: 'check annotation files', load: () => import('./validate.js') },
  annotate: { summary: 'run an NER model on text or annotation files', load: () => import('./annotate.js') },
  train: { summary: 'train the averaged-perceptron NER tagger', load: () => import('./train.js') },
  evaluate: { summary: 'score predictions against gold (seqeval, nervaluate, conlleval)', load: () => import('./evaluate.js') },
  compare: { summary: 'leaderboard of several systems with confidence intervals', load: () => import('./compare.js') },
  agree: { summary: 'inter-annotator agreement of two annotation sets', load: () => import('./agree.js') },
  dataset: { summary: 'split, merge (adjudicate) and inspect annotated data sets', load: () => import('./dataset.js') },
  gold: { summary: 'regenerate the gold exports from annotations/gold/*.json', load: () => import('./gold.js') },
  bench: { summary: 'run the whole benchmark over the corpus', load: () => import('./bench.js') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: gujnlp COMMAND [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'gujnlp COMMAND --help' for a command's options.\nEvery command that writes CSV takes --csv-raw: cells starting with = + - @ are\nwritten as they are (default: a ' before them, so spreadsheets show text).\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(usage());
    return 1;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    process.stderr.write(`gujnlp: unknown command '${name}'\n\n${usage()}`);
    return 1;
  }
  guardInputs(); // one command per process: no output may replace a file it read
  // --csv-raw (any command that writes CSV): cells as they are, no ' before formula-like cells
  const csvRaw = rest.includes('--csv-raw');
  if (csvRaw) setCsvRaw(true);
  try {
    const mod = await command.load();
    const args = mod.command.parse(rest.filter((a) => a !== '--csv-raw'));
    if (args === undefined) {
      process.stdout.write(mod.command.help());
      return 0;
    }
    return await mod.run(args);
  } catch (err) {
    return reportError(err);
  }
}

// Closing stdout early (`gujnlp tokenize big.txt | head`) is not an error,
// but keeps a status a command set before printing (`validate bad.json | head -1` exits 1).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = reportError(err);
  },
);
