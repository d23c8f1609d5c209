/**
 * How the CLI reports an error: a user error (`InputError`) is one line and
 * exit 1; anything else is an internal error (a bug): one line saying so and
 * where to report it, exit 2, and the stack trace only with GUJNLP_DEBUG=1.
 * A closed stdout (`gujnlp tokenize big.txt | head`) is not an error.
 */
import { InputError } from '../io/errors.js';

/** Where internal errors are to be reported. */
export const REPORT_TO = 'the gujnlp issue tracker';

/** Prints an error on stderr (one line) and returns the exit code. */
export function reportError(err: unknown, write: (s: string) => void = (s) => process.stderr.write(s), env: NodeJS.ProcessEnv = process.env): number {
  if (err instanceof InputError) {
    write(`gujnlp: ${err.message}\n`);
    return 1;
  }
  if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'EPIPE') return 0;
  const message = err instanceof Error ? err.message : String(err);
  write(`gujnlp: internal error: ${message.split('\n')[0]} (please report at ${REPORT_TO})\n`);
  if (env.GUJNLP_DEBUG === '1' && err instanceof Error && err.stack !== undefined) write(`${err.stack}\n`);
  return 2;
}
