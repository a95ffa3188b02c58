// Lint rules that keep the layers apart (docs/architecture.md). Zones are plain
// no-restricted-imports patterns per folder; import circles, type-only ones
// included, are found by scripts/import-cycles.mjs (eslint-plugin-import's
// no-cycle skips type imports). test/lint/zones.test.ts proves each zone fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const NODE = [
  { regex: '^node:', message: 'Node APIs belong to src/core, src/cli and src/main.' },
  ...builtinModules.map((name) => ({
    group: [name, `${name}/*`],
    message: 'Node APIs belong to src/core, src/cli and src/main.',
  })),
];
/** A relative import that climbs out of its own folder into one of these layers. */
const layer = (names, message) => ({ regex: `^(\\.\\./)+(.*/)?(${names.join('|')})(/|$)`, message });
const ELECTRON = { group: ['electron', 'electron/*'], message: 'Electron belongs to src/main (and the preload).' };

/** The zone rules, by folder; exported for the zone test. */
export const ZONES = {
  'src/core/**': [
    ELECTRON,
    layer(['main', 'cli', 'renderer', 'preload'], 'src/core is plain Node: it imports nothing of the faces.'),
  ],
  'src/shared/**': [
    ELECTRON,
    ...NODE,
    layer(
      ['core', 'main', 'cli', 'renderer', 'preload'],
      'src/shared is seen by both sides: it imports only its own files.',
    ),
  ],
  'src/renderer/**': [
    ELECTRON,
    ...NODE,
    layer(
      ['core', 'main', 'cli', 'preload'],
      'The renderer talks only to window.jaas: it imports src/shared and its own files.',
    ),
  ],
  'src/preload/**': [
    ...NODE,
    layer(
      ['core', 'main', 'cli', 'renderer'],
      'The preload exposes the contract: it imports src/shared, electron and its own files.',
    ),
  ],
  'src/cli/**': [ELECTRON, layer(['main', 'renderer', 'preload'], 'The CLI stands on the core alone.')],
  'src/main/**': [
    layer(['cli', 'renderer', 'preload'], 'The main process imports the core and src/shared, never another face.'),
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'reports/**', '.stryker-tmp/**'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // React's handlers may be async: a rejected one is reported by useAction, never left unhandled.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    files: ['src/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...Object.entries(ZONES).map(([glob, patterns]) => ({
    files: [glob.replace('**', '**/*.{ts,tsx}')],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);
