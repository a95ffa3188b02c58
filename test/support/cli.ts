import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../bin/jaas-keys.js', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `jaas-keys` as a person would, with its own environment and optional stdin. */
export function runJaasKeys(
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
  command: string[] = [process.execPath, CLI],
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/**
 * A refusal as docs/cli.md promises it: one line that says what is wrong, and at
 * most one `hint:` line after it naming a jaas-keys command.
 */
export function expectOneRefusal(stderr: string): void {
  const lines = stderr.trim().split('\n');
  if (lines.length === 2 && /^hint: /.test(lines[1]!)) return;
  if (lines.length !== 1) throw new Error(`expected one refusal line (and at most a hint), got:\n${stderr}`);
}
