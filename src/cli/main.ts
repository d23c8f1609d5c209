#!/usr/bin/env node
/**
 * `gujnlp COMMAND ...`: a thin dispatcher. Each command lives in its own
 * file `src/cli/<command>.ts` exporting `run(argv): Promise<number>` (the
 * exit code); it is imported only when used, so `gujnlp tokenize` never
 * loads the ONNX runtime.
 *
 * stdout carries data only; messages and progress go to stderr.
 */
import { InputError } from '../io/errors.js';
import { guardInputs } from '../io/inputs.js';

type CommandModule = { run(argv: string[]): Promise<number> };

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
  gold: { summary: 'regenerate the gold exports from annotations/gold/*.json', load: () => import('./gold.js') },
  bench: { summary: 'run the whole benchmark over the corpus', load: () => import('./bench.js') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: gujnlp COMMAND [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'gujnlp COMMAND --help' for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stderr.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`gujnlp: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  guardInputs(); // one command per process: no output may replace a file it read
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (err) {
    return reportError(err);
  }
}

/** Prints an error as one line on stderr and returns the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof InputError) {
    process.stderr.write(`gujnlp: ${err.message}\n`);
    return 1;
  }
  if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`gujnlp: ${err.message}\n`);
    return 2;
  }
  if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'EPIPE') return 0;
  process.stderr.write(`gujnlp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}

// Closing stdout early (`gujnlp tokenize big.txt | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
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
