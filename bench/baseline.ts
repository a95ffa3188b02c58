// The code the key list's speed targets are compared with (issue 12: "as ratios to
// the current code in the same run"): the commit the issue was measured on,
// unpacked beside this checkout with `git archive`, sharing its node_modules, and
// built with its own scripts. BENCH_BASELINE=<commit> picks another one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASELINE_REF = process.env.BENCH_BASELINE ?? '0193b44';

/** Null when the command succeeds, else the last lines it printed. */
function problemOf(command: string, args: readonly string[], cwd: string): string | null {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status === 0) return null;
  return `${result.stderr || result.stdout}`.trim().split('\n').slice(-3).join(' ') || `exit ${result.status}`;
}

/** The baseline's folder with its CLI and renderer built, or null (and why) where it cannot be made, e.g. in a shallow clone. */
export async function prepareBaseline(
  ref = BASELINE_REF,
): Promise<{ dir: string; commit: string } | { problem: string }> {
  const commit = spawnSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { encoding: 'utf8' });
  if (commit.status !== 0) return { problem: `commit ${ref} is not in this clone` };
  const sha = commit.stdout.trim();
  const dir = join(tmpdir(), `jaas-bench-baseline-${sha}`);
  if (existsSync(join(dir, 'out', 'cli', 'jaas-keys.mjs')) && existsSync(join(dir, 'out', 'renderer', 'index.html'))) {
    // Built by an earlier run, perhaps from another checkout: its node_modules link points at this one's.
    await rm(join(dir, 'node_modules'), { force: true });
    await symlink(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'), 'dir');
    return { dir, commit: sha };
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const unpack = spawnSync('sh', ['-c', `git archive ${sha} | tar -x -C "${dir}"`]);
  if (unpack.status !== 0) return { problem: `git archive ${sha} failed: ${unpack.stderr}` };
  await symlink(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [command, args] of [
    ['node', ['scripts/build-cli.mjs']],
    ['npx', ['electron-vite', 'build', '--logLevel', 'warn']],
  ] as const) {
    const problem = problemOf(command, args, dir);
    if (problem !== null) return { problem: `${command} ${args.join(' ')} failed in the baseline: ${problem}` };
  }
  return { dir, commit: sha };
}
