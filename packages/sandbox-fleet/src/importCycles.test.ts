import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Every module under src, tests included: a test helper must not close a circle either. */
function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modulesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports and re-exports of a module, type-only ones included. */
function importsOf(file: string, modules: Set<string>): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'));
  return importedFiles
    .map(ref => ref.fileName)
    .filter(name => name.startsWith('.'))
    .map(name => resolve(dirname(file), name))
    .flatMap(base =>
      [`${base}.ts`, join(base, 'index.ts')].filter(path => modules.has(path)),
    );
}

/** Groups of modules that import each other, directly or through others (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (module: string) => {
    index.set(module, index.size);
    low.set(module, index.get(module)!);
    stack.push(module);
    onStack.add(module);
    for (const next of graph.get(module) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(module, Math.min(low.get(module)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(module, Math.min(low.get(module)!, index.get(next)!));
      }
    }
    if (low.get(module) !== index.get(module)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== module);
    if (group.length > 1 || graph.get(module)!.includes(module))
      found.push(group.sort());
  };
  for (const module of graph.keys()) if (!index.has(module)) visit(module);
  return found;
}

describe('the sandbox fleet modules', () => {
  it('import no module that imports them back, not even for a type', () => {
    const root = __dirname;
    const modules = modulesUnder(root);
    const known = new Set(modules);
    const graph = new Map(modules.map(m => [m, importsOf(m, known)]));

    const found = circles(graph).map(group =>
      group.map(module => relative(root, module)),
    );

    expect(found).toEqual([]);
  });

  it('would report a circle', () => {
    const graph = new Map([
      ['fleet/Fleet.ts', ['admin/AdminServer.ts']],
      ['admin/AdminServer.ts', ['fleet/Fleet.ts']],
      ['fleet/Cluster.ts', []],
    ]);
    expect(circles(graph)).toEqual([
      ['admin/AdminServer.ts', 'fleet/Fleet.ts'],
    ]);
  });
});
