/**
 * The layering of src/ written in ARCHITECTURE.md ("## Layering": which
 * folder may import which) holds: every import of every src/ file (static,
 * type-only, re-export, dynamic `import()`) stays inside its folder or goes
 * to a folder the table allows, no folders import each other in a cycle,
 * and the table names exactly the folders that exist.
 */
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findCycles, folderImports, graphOf, importsOf } from './helpers/imports.js';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** The "## Layering" table of ARCHITECTURE.md: folder → folders it may import. */
function layeringTable(): Map<string, Set<string>> {
  const md = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const section = md.split(/^## /m).find((s) => s.startsWith('Layering'));
  if (section === undefined) throw new Error('ARCHITECTURE.md has no "## Layering" section');
  const table = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const m = /^\| `([^`]+)` \| (.*) \|$/.exec(line.trim());
    if (m === null) continue;
    table.set(m[1], new Set([...m[2].matchAll(/`([^`]+)`/g)].map((x) => x[1])));
  }
  return table;
}

test('every cross-folder import of src/ is allowed by the layering table of ARCHITECTURE.md', (t) => {
  const table = layeringTable();
  const { edges, computed } = folderImports(SRC);
  t.deepEqual(computed, [], 'dynamic imports must name their module with a string literal (else the layering cannot be checked)');
  const bad = edges.filter((e) => !(table.get(e.from)?.has(e.to) ?? false)).map((e) => `${e.file} imports ${e.specifier} (${e.from} → ${e.to})`);
  t.deepEqual(bad, []);
});

test('no folder-level import cycle in src/, and none allowed by the table', (t) => {
  t.deepEqual(findCycles(graphOf(folderImports(SRC).edges)), []);
  const table = layeringTable();
  t.deepEqual(findCycles(graphOf([...table].flatMap(([from, tos]) => [...tos].map((to) => ({ from, to }))))), []);
});

test('the layering table names exactly the folders of src/', (t) => {
  const folders = readdirSync(SRC).filter((f) => statSync(join(SRC, f)).isDirectory());
  if (readdirSync(SRC).some((f) => f.endsWith('.ts'))) folders.push('(root)');
  t.deepEqual([...layeringTable().keys()].sort(), folders.sort());
});

test('the cycle detector finds cycles in a synthetic graph (so the tests above can fail)', (t) => {
  const g = graphOf([
    { from: 'cli', to: 'formats' },
    { from: 'formats', to: 'validate' },
    { from: 'validate', to: 'formats' },
    { from: 'bench', to: 'report' },
    { from: 'report', to: 'eval' },
    { from: 'eval', to: 'bench' },
    { from: 'text', to: 'text' },
    { from: 'doc', to: 'io' },
  ]);
  t.deepEqual(findCycles(g), [
    ['bench', 'report', 'eval', 'bench'],
    ['formats', 'validate', 'formats'],
    ['text', 'text'],
  ]);
  t.deepEqual(
    findCycles(
      graphOf([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'a', to: 'c' },
      ]),
    ),
    [],
  );
});

test('imports are read from every kind of import statement', (t) => {
  const src = [
    "import a from './a.js';",
    "import type { B } from '../b/index.js';",
    "export { c } from './c.js';",
    "export * from '../d.js';",
    "import './e.js';",
    'const f = await import("../f/x.js");',
    "type G = import('../g.js').G;",
    "// import { no } from './comment.js';",
    'const s = "import(\'./string.js\')";',
    'const h = await import(name);',
  ].join('\n');
  const r = importsOf('x.ts', src);
  t.deepEqual(r.specifiers, ['./a.js', '../b/index.js', './c.js', '../d.js', './e.js', '../f/x.js', '../g.js']);
  t.is(r.computed, 1);
});
