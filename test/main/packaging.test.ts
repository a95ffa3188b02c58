import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// electron-builder's own schema check, run on electron-builder.yml without building
// (a build needs Electron's binary, which these machines cannot download).
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (config: unknown, logger: unknown) => Promise<void> };
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };
const yaml = require('js-yaml') as { load: (text: string) => Record<string, unknown> };

describe('electron-builder.yml', () => {
  const config = yaml.load(readFileSync('electron-builder.yml', 'utf8'));

  it('passes electron-builder’s schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses the security checklist asks for', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('names the product as the data folder expects', () => {
    expect(config.productName).toBe('JaaS Key Manager');
  });
});
