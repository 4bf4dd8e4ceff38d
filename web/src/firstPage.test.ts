// What the first page of a visitor pulls in, read from the sources: the
// modules that src/main.tsx imports statically, and theirs, and so on. A
// static import of the sign-in library anywhere among them would put it back
// on every visitor's critical path; it must come in through a dynamic
// import(), which src/auth/lazy.ts does when a sign-in is needed. (The build's
// own check, scripts/check-size.mjs, looks at the chunks index.html loads.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = path.dirname(fileURLToPath(import.meta.url));

interface Graph {
  /** Our modules reached by static imports, relative to src/. */
  modules: Set<string>;
  /** The packages they import statically. */
  packages: Set<string>;
  /** What they import with import(), relative to src/ or a package name. */
  dynamic: Set<string>;
}

function resolve(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      /* try the next */
    }
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** The static import graph from entry; type-only imports and exports carry no code and are left out. */
function staticGraph(entry: string): Graph {
  const g: Graph = { modules: new Set(), packages: new Set(), dynamic: new Set() };
  const todo = [path.join(src, entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    const rel = path.relative(src, file);
    if (g.modules.has(rel)) continue;
    g.modules.add(rel);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      let spec: string | undefined;
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) spec = (node.moduleSpecifier as ts.StringLiteral).text;
      if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) spec = (node.moduleSpecifier as ts.StringLiteral).text;
      if (spec !== undefined) {
        if (spec.startsWith('.')) {
          if (!/\.(css|json)$/.test(spec)) todo.push(resolve(file, spec));
        } else {
          g.packages.add(spec);
        }
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const arg = node.arguments[0];
        if (arg && ts.isStringLiteral(arg)) {
          g.dynamic.add(arg.text.startsWith('.') ? path.relative(src, resolve(file, arg.text)) : arg.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return g;
}

describe("the first page's modules", () => {
  const g = staticGraph('main.tsx');

  it('are read whole (the app, its router and React)', () => {
    expect(g.modules).toContain('App.tsx');
    expect(g.modules).toContain(path.join('pages', 'SearchPage.tsx'));
    expect(g.modules).toContain(path.join('auth', 'AuthContext.tsx'));
    expect(g.packages).toContain('react');
    expect(g.packages).toContain('react-router');
  });

  it('import no part of aws-amplify, and not src/auth/amplify.ts', () => {
    expect([...g.packages].filter((p) => p === 'aws-amplify' || p.startsWith('aws-amplify/') || p.startsWith('@aws-amplify/'))).toEqual([]);
    expect(g.modules).not.toContain(path.join('auth', 'amplify.ts'));
  });

  it('reach the sign-in library only through a dynamic import', () => {
    expect(g.dynamic).toContain(path.join('auth', 'amplify.ts'));
    // ...and that module is the one that imports aws-amplify.
    const amplify = staticGraph(path.join('auth', 'amplify.ts'));
    expect(amplify.packages).toContain('aws-amplify');
  });
});
