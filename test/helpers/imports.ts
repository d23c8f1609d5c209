/**
 * The import graph of src/ by folder, read with the TypeScript parser:
 * static imports and re-exports (type-only ones too: they couple folders
 * just the same), `import x = require()` and dynamic `import()`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Importing file, relative to the source root. */
  file: string;
  /** Folders (first path segment under the root; `(root)` for files directly in it). */
  from: string;
  to: string;
  specifier: string;
}

export interface FileImports {
  /** Module specifiers the file imports. */
  specifiers: string[];
  /** `import(...)` / `require(...)` calls whose argument is not a string literal (cannot be checked). */
  computed: number;
}

/** Every module specifier of one source text. */
export function importsOf(fileName: string, source: string): FileImports {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  let computed = 0;
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      specifiers.push(n.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) {
      specifiers.push(n.moduleReference.expression.text);
    } else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) {
      const a = n.arguments[0];
      if (a !== undefined && ts.isStringLiteralLike(a)) specifiers.push(a.text);
      else computed++;
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      specifiers.push(n.argument.literal.text); // import('...').Type
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { specifiers, computed };
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

/** The folder a path belongs to under `root`, or null outside it. */
export function folderOf(root: string, path: string): string | null {
  const rel = relative(root, path);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(sep);
  return parts.length === 1 ? '(root)' : parts[0];
}

/** Cross-folder import edges of every source file under `root`, plus files with unreadable dynamic imports. */
export function folderImports(root: string): { edges: ImportEdge[]; computed: string[] } {
  const abs = resolve(root);
  const edges: ImportEdge[] = [];
  const computed: string[] = [];
  for (const f of sourceFiles(abs)) {
    const file = relative(abs, f);
    const { specifiers, computed: c } = importsOf(f, readFileSync(f, 'utf8'));
    if (c > 0) computed.push(file);
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) continue; // packages and node: builtins
      const from = folderOf(abs, f)!;
      const to = folderOf(abs, resolve(dirname(f), specifier));
      if (to === null) edges.push({ file, from, to: '(outside src)', specifier });
      else if (to !== from) edges.push({ file, from, to, specifier });
    }
  }
  return { edges, computed };
}

/** Graph as adjacency sets. */
export function graphOf(edges: readonly { from: string; to: string }[]): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!g.has(e.from)) g.set(e.from, new Set());
    if (!g.has(e.to)) g.set(e.to, new Set());
    g.get(e.from)!.add(e.to);
  }
  return g;
}

/**
 * Every cycle's strongly connected component with more than one node (or a
 * self-loop), each given as one cycle path `a → b → ... → a` (Tarjan, then a
 * path inside the component), sorted for stable messages.
 */
export function findCycles(g: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const sccs: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || g.get(v)?.has(v)) sccs.push(comp);
    }
  };
  for (const v of [...g.keys()].sort()) if (!idx.has(v)) strong(v);
  return sccs.map((comp) => cyclePath(g, new Set(comp))).sort((a, b) => a.join().localeCompare(b.join()));
}

/** A cycle through the smallest node of a strongly connected component (breadth-first back to it). */
function cyclePath(g: ReadonlyMap<string, ReadonlySet<string>>, comp: ReadonlySet<string>): string[] {
  const start = [...comp].sort()[0];
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of [...(g.get(v) ?? [])].sort()) {
      if (!comp.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = prev.get(x)!) path.splice(1, 0, x);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
