#!/usr/bin/env node
// Adds up the Stryker reports of `npm run mutation GROUP` (reports/mutation/*.json,
// the incremental files left out) the way Stryker scores one report: detected
// (killed or timed out) over detected + undetected (survived or without coverage).
// Static mutants Stryker ignored (ignoreStatic) are counted apart, as Stryker does.
//
// It also counts, apart, undetected mutants in code that runs once, when its module
// loads (a constant table, a schema built at the top of a file). Stryker switches a
// mutant on while a test runs; a module loaded lazily inside a test (the zod schema,
// the OpenSSH reader, the backup format) has already built that code with no mutant
// active, so such a mutant "survives" without ever having been tried
// (stryker-mutator/stryker-js#6144, #6209). These are Stryker's static mutants that
// its static detection misses; the second score leaves them out, as ignoreStatic
// leaves out the ones it sees. Both scores are printed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const folder = join('reports', 'mutation');
const reports = readdirSync(folder).filter((name) => name.endsWith('.json') && !name.endsWith('.incremental.json'));
if (reports.length === 0) {
  console.log('No reports yet: run npm run mutation [GROUP] first.');
  process.exit(1);
}

/** Offsets of a mutant's range in `source` (Stryker's lines and columns count from 1). */
function range(lineStarts, location) {
  return [
    lineStarts[location.start.line - 1] + location.start.column - 1,
    lineStarts[location.end.line - 1] + location.end.column - 1,
  ];
}

/** Whether [start, end) runs only when the module loads: inside no function and no instance field's initializer. */
function moduleLevelCheck(file, source) {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const runtime = [];
  const visit = (node) => {
    if (
      ts.isFunctionLike(node) ||
      (ts.isPropertyDeclaration(node) && !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword))
    ) {
      runtime.push([node.getStart(tree), node.end]);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  // A mutant that replaces a whole function (an arrow turned into `() => undefined`) is not inside it.
  return ([start, end]) => !runtime.some(([from, to]) => from <= start && end <= to && !(from === start && to === end));
}

const STATUS = {
  Killed: 'killed',
  Timeout: 'timeout',
  Survived: 'survived',
  NoCoverage: 'noCoverage',
  Ignored: 'ignored',
};
const empty = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, moduleLevel: 0 });
const total = empty();
const rows = [];
const seen = new Set();
for (const name of reports.sort()) {
  const tally = empty();
  for (const [file, { source, mutants }] of Object.entries(
    JSON.parse(readFileSync(join(folder, name), 'utf8')).files,
  )) {
    // A file in two reports (a group run again under another name) counts once, from the later report.
    if (seen.has(file)) continue;
    seen.add(file);
    const lineStarts = [0];
    for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    const atModuleLevel = moduleLevelCheck(file, source);
    for (const mutant of mutants) {
      const key = STATUS[mutant.status];
      if (key) tally[key]++;
      if ((key === 'survived' || key === 'noCoverage') && atModuleLevel(range(lineStarts, mutant.location)))
        tally.moduleLevel++;
    }
  }
  for (const key of Object.keys(total)) total[key] += tally[key];
  rows.push([name.replace(/\.json$/, ''), tally]);
}

const detected = (t) => t.killed + t.timeout;
const score = (t, leaveOut = 0) =>
  ((100 * detected(t)) / Math.max(1, detected(t) + t.survived + t.noCoverage - leaveOut)).toFixed(2);
console.log(
  'group        score   killed  timeout  survived  no coverage  ignored (static)  undetected at module level  score without them',
);
for (const [name, t] of [...rows, ['all', total]]) {
  console.log(
    `${name.padEnd(12)} ${score(t).padStart(6)}%  ${String(t.killed).padStart(6)}  ${String(t.timeout).padStart(7)}  ${String(t.survived).padStart(8)}  ${String(t.noCoverage).padStart(11)}  ${String(t.ignored).padStart(16)}  ${String(t.moduleLevel).padStart(26)}  ${score(t, t.moduleLevel).padStart(18)}%`,
  );
}
