/** Declarations shared by the commands that read raw text (tokenize, split, annotate). */
import { opt, type Positionals } from './options.js';

/** `--soft-newlines`: wrapped prose. */
export const softNewlinesOption = opt.boolean({ help: 'a single line break does not end a sentence (wrapped prose); blank lines do' });

/** One optional input FILE, `-` or none for stdin. */
export const inputOption: Positionals = { max: 1, what: 'at most one input file' };
