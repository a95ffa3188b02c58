import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from '../../scripts/import-cycles.mjs';

// Each zone rule of eslint.config.mjs fires on a file that breaks it, linted with
// the project's real configuration at the path the file would have; and the
// import-circle check finds a circle made only of type imports.

// The project's own config, with only the zone rule run: the probe files exist nowhere, so no type information is asked for.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

async function restrictedImports(path: string, source: string): Promise<string[]> {
  // lintText with a path applies the config for that path.
  const [result] = await eslint.lintText(source, { filePath: path });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

const cases: Array<{ file: string; source: string; fires: boolean; why: string }> = [
  {
    file: 'src/core/keys/zoneProbe.ts',
    source: "import { app } from 'electron';\nexport const a = app;\n",
    fires: true,
    why: 'core imports electron',
  },
  {
    file: 'src/core/keys/zoneProbe.ts',
    source: "import { runCli } from '../../cli/main';\nexport const a = runCli;\n",
    fires: true,
    why: 'core imports the CLI',
  },
  {
    file: 'src/core/zoneProbe.ts',
    source: "import { createHandlers } from '../main/ipc/handlers';\nexport const a = createHandlers;\n",
    fires: true,
    why: 'core imports main',
  },
  {
    file: 'src/core/zoneProbe.ts',
    source: "import { App } from '../renderer/src/App';\nexport const a = App;\n",
    fires: true,
    why: 'core imports the renderer',
  },
  {
    file: 'src/core/keys/zoneProbe.ts',
    source: "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n",
    fires: false,
    why: 'core may use Node',
  },
  {
    file: 'src/renderer/src/views/ZoneProbe.tsx',
    source: "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
    fires: true,
    why: 'the renderer imports Node',
  },
  {
    file: 'src/renderer/src/views/ZoneProbe.tsx',
    source: "import { join } from 'path';\nexport const a = join;\n",
    fires: true,
    why: 'the renderer imports a bare Node module',
  },
  {
    file: 'src/renderer/src/views/ZoneProbe.tsx',
    source: "import { KeyManager } from '../../../core/keyManager';\nexport const a = KeyManager;\n",
    fires: true,
    why: 'the renderer imports the core',
  },
  {
    file: 'src/renderer/src/views/ZoneProbe.tsx',
    source: "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
    fires: true,
    why: 'the renderer imports electron',
  },
  {
    file: 'src/renderer/src/views/ZoneProbe.tsx',
    source: "import { ERROR_CODES } from '../../../shared/errors';\nexport const a = ERROR_CODES;\n",
    fires: false,
    why: 'the renderer may import src/shared',
  },
  {
    file: 'src/preload/zoneProbe.ts',
    source: "import { CoreError } from '../core/errors';\nexport const a = CoreError;\n",
    fires: true,
    why: 'the preload imports the core',
  },
  {
    file: 'src/preload/zoneProbe.ts',
    source: "import { spawn } from 'node:child_process';\nexport const a = spawn;\n",
    fires: true,
    why: 'the preload imports Node',
  },
  {
    file: 'src/preload/zoneProbe.ts',
    source: "import { contextBridge } from 'electron';\nexport const a = contextBridge;\n",
    fires: false,
    why: 'the preload may import electron',
  },
  {
    file: 'src/shared/zoneProbe.ts',
    source: "import { createHash } from 'node:crypto';\nexport const a = createHash;\n",
    fires: true,
    why: 'shared imports Node',
  },
  {
    file: 'src/shared/zoneProbe.ts',
    source: "import { app } from 'electron';\nexport const a = app;\n",
    fires: true,
    why: 'shared imports electron',
  },
  {
    file: 'src/shared/zoneProbe.ts',
    source: "import type { KeyManager } from '../core/keyManager';\nexport type A = KeyManager;\n",
    fires: true,
    why: 'shared imports a type of the core',
  },
  {
    file: 'src/cli/zoneProbe.ts',
    source: "import { createHandlers } from '../main/ipc/handlers';\nexport const a = createHandlers;\n",
    fires: true,
    why: 'the CLI imports main',
  },
];

describe('lint zones', () => {
  for (const { file, source, fires, why } of cases) {
    it(`${fires ? 'refuses' : 'allows'}: ${why}`, async () => {
      const messages = await restrictedImports(file, source);
      if (fires) expect(messages.length, `${file}: ${source}`).toBeGreaterThan(0);
      else expect(messages).toEqual([]);
    });
  }
});

describe('import circles', () => {
  it('finds a circle made of type-only imports, and none once it is broken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jaas-cycles-'));
    try {
      await mkdir(join(dir, 'catalog'));
      await writeFile(
        join(dir, 'catalog', 'catalog.ts'),
        "import { check } from './check';\nexport type State = { n: number };\nexport const read = () => check({ n: 1 });\n",
      );
      await writeFile(
        join(dir, 'catalog', 'check.ts'),
        "import type { State } from './catalog';\nexport const check = (state: State) => state.n > 0;\n",
      );
      const found: string[][] = cycles(importGraph(dir));
      expect(found.map((component) => component.map((file) => file.slice(dir.length + 1)))).toEqual([
        ['catalog/catalog.ts', 'catalog/check.ts'],
      ]);
      await writeFile(
        join(dir, 'catalog', 'check.ts'),
        'export const check = (state: { n: number }) => state.n > 0;\n',
      );
      expect(cycles(importGraph(dir))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finds none in src', () => {
    expect(cycles(importGraph(join(process.cwd(), 'src')))).toEqual([]);
  });
});
