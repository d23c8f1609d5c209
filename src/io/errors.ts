/**
 * An error in user input: names the file, the line (1-based) when known,
 * and the problem, so the CLI can print one clear line and exit non-zero.
 */
export class InputError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly problem: string;

  constructor(problem: string, where: { file?: string; line?: number } = {}) {
    const loc = where.file === undefined ? '' : where.line === undefined ? `${where.file}: ` : `${where.file}:${where.line}: `;
    super(`${loc}${problem}`);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.problem = problem;
  }
}
