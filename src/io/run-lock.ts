import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './errors.js';
import { ensureParent } from './atomic-write.js';
import { fsErrorToInput } from './fs-errors.js';
import { processAlive } from './process-alive.js';

/**
 * A run that writes many files (the bench: predictions of every model, then
 * scores and report) holds a lock in each folder it writes, so two runs at
 * once cannot mix their files, and leaves an INCOMPLETE marker there until
 * it has written everything: a run killed midway is visible as such, and
 * the next run says so before it replaces the files.
 */
export const LOCK_NAME = '.gujnlp-run.lock';
export const INCOMPLETE_NAME = 'RUN-INCOMPLETE.txt';

export interface RunLock {
  /** Marks the run complete (removes the markers) and releases the locks. */
  complete(): void;
  /** Releases the locks, keeping the INCOMPLETE markers (the run failed). */
  release(): void;
  /** Folders where an earlier run had not finished. */
  previousIncomplete: string[];
}

function takeLock(dir: string, what: string): string {
  const lock = join(dir, LOCK_NAME);
  ensureParent(lock);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, started: new Date().toISOString(), what }) + '\n');
      closeSync(fd);
      return lock;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw fsErrorToInput(err, lock, 'create the run lock');
    }
    let holder: { pid?: number; started?: string } = {};
    try {
      holder = JSON.parse(readFileSync(lock, 'utf8')) as typeof holder;
    } catch {
      // an empty or torn lock file: its writer died while creating it
    }
    if (typeof holder.pid === 'number' && processAlive(holder.pid)) {
      throw new InputError(`another ${what} (pid ${holder.pid}, started ${holder.started ?? 'at an unknown time'}) is writing this folder; wait for it to finish or give another output folder`, {
        file: dir,
      });
    }
    rmSync(lock, { force: true }); // its process is gone
  }
  throw new InputError(`cannot take the run lock ${LOCK_NAME}`, { file: dir });
}

/** Locks every folder (in order), then marks each incomplete; throws InputError when another run holds one. */
export function beginRun(dirs: readonly string[], what: string): RunLock {
  const locks: string[] = [];
  const markers: string[] = [];
  const previousIncomplete: string[] = [];
  const unlock = (): void => {
    for (const l of locks) rmSync(l, { force: true });
  };
  try {
    for (const d of dirs) locks.push(takeLock(d, what));
    for (const d of dirs) {
      const m = join(d, INCOMPLETE_NAME);
      if (existsSync(m)) previousIncomplete.push(d);
      const fd = openSync(m, 'w');
      writeSync(
        fd,
        `A ${what} started ${new Date().toISOString()} (pid ${process.pid}) has not finished writing this folder.\n` +
          `Until this file is gone, the files here may mix that run's outputs with an earlier run's.\n`,
      );
      closeSync(fd);
      markers.push(m);
    }
  } catch (err) {
    unlock();
    throw fsErrorToInput(err, dirs[0] ?? '.', 'start the run');
  }
  let done = false;
  return {
    previousIncomplete,
    complete() {
      if (done) return;
      done = true;
      for (const m of markers) rmSync(m, { force: true });
      unlock();
    },
    release() {
      if (done) return;
      done = true;
      unlock();
    },
  };
}
