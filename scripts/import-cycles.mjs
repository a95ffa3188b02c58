#!/usr/bin/env node
// Finds import circles in src, type-only imports included (they still tie two
// files' meanings together, and eslint-plugin-import's no-cycle skips them).
// Reads every import, export-from and dynamic import with TypeScript's own
// pre-processor, resolves relative ones, and reports each strongly connected set.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function target(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/** The import graph of a folder: file -> files it imports. */
export function importGraph(root) {
  const graph = new Map();
  for (const file of files(root)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(
      file,
      importedFiles
        .map((ref) => ref.fileName)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => target(file, spec))
        .filter(Boolean),
    );
  }
  return graph;
}

/** Every circle, as a list of files (Tarjan's strongly connected components of more than one file, or a self-import). */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const state = new Map();
  const found = [];
  const visit = (node) => {
    state.set(node, { index, low: index, onStack: true });
    index++;
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!state.has(next)) {
        visit(next);
        state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
      } else if (state.get(next).onStack) state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
    }
    if (state.get(node).low === state.get(node).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        state.get(member).onStack = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(process.argv[2] ?? 'src');
  const found = cycles(importGraph(root));
  for (const component of found)
    console.error(`import circle: ${component.map((file) => relative(process.cwd(), file)).join(' <-> ')}`);
  if (found.length > 0) process.exit(1);
  console.log(`No import circles in ${relative(process.cwd(), root) || '.'} (type-only imports included).`);
}
