import { execFileSync } from 'node:child_process';

/** Whether `python3` runs here (the cmd: model tests run Python scripts; they skip without it). */
export const HAS_PYTHON: boolean = (() => {
  try {
    execFileSync('python3', ['-c', 'pass'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export const SKIP_NO_PYTHON = ' (skipped: python3 is not installed)';
