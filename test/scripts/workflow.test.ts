import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The GitHub Actions workflow cannot run on these machines (no GitHub); its syntax is
// checked here against GitHub's workflow schema by action-validator (its WebAssembly
// build from the npm registry). It has never run on GitHub: the closing note says so.

const { validateWorkflow } = createRequire(import.meta.url)('@action-validator/core') as {
  validateWorkflow: (source: string) => { errors: Array<{ title: string; path?: string; detail?: string }> };
};

describe('.github/workflows/ci.yml', () => {
  const source = readFileSync('.github/workflows/ci.yml', 'utf8');

  it('passes the workflow schema', () => {
    expect(validateWorkflow(source).errors).toEqual([]);
  });

  it('runs npm test, the Electron suite and the installers on Ubuntu 24.04, macOS 14 and Windows 2022', () => {
    expect(source).toMatch(/os: \[ubuntu-24\.04, macos-14, windows-2022\]/);
    for (const step of ['npm test', 'npm run test:electron', 'npm run dist', 'actions/upload-artifact'])
      expect(source).toContain(step);
  });

  it('is refused when it breaks the schema (the check can fail)', () => {
    const broken = source.replace('runs-on: ${{ matrix.os }}', 'runs-onn: ${{ matrix.os }}');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });
});
