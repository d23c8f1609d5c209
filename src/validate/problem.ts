/** Moved to `src/io/problem.ts` (formats report problems there without importing validate). */
export * from '../io/problem.js';
