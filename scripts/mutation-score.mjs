#!/usr/bin/env node
// Adds up the Stryker reports of `npm run mutation GROUP` (reports/mutation/*.json,
// the incremental files left out) the way Stryker scores one report: detected
// (killed or timed out) over detected + undetected (survived or without coverage).
// Static mutants Stryker ignored (ignoreStatic) are counted apart, as Stryker does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join('reports', 'mutation');
const reports = readdirSync(folder).filter((name) => name.endsWith('.json') && !name.endsWith('.incremental.json'));
if (reports.length === 0) {
  console.log('No reports yet: run npm run mutation [GROUP] first.');
  process.exit(1);
}
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
const rows = [];
const seen = new Set();
for (const name of reports.sort()) {
  const tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const [file, { mutants }] of Object.entries(JSON.parse(readFileSync(join(folder, name), 'utf8')).files)) {
    // A file in two reports (a group run again under another name) counts once, from the later report.
    if (seen.has(file)) continue;
    seen.add(file);
    for (const mutant of mutants) {
      const key = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage', Ignored: 'ignored' }[mutant.status];
      if (key) tally[key]++;
    }
  }
  for (const key of Object.keys(total)) total[key] += tally[key];
  rows.push([name.replace(/\.json$/, ''), tally]);
}
const score = (t) => ((100 * (t.killed + t.timeout)) / Math.max(1, t.killed + t.timeout + t.survived + t.noCoverage)).toFixed(2);
console.log('group        score   killed  timeout  survived  no coverage  ignored (static)');
for (const [name, t] of [...rows, ['all', total]]) {
  console.log(`${name.padEnd(12)} ${score(t).padStart(6)}%  ${String(t.killed).padStart(6)}  ${String(t.timeout).padStart(7)}  ${String(t.survived).padStart(8)}  ${String(t.noCoverage).padStart(11)}  ${String(t.ignored).padStart(7)}`);
}
