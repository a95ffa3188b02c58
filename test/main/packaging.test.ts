import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures';

// electron-builder's own schema check and a real electron-builder run, without
// Electron's binary (these machines cannot download it).
const require = createRequire(import.meta.url);
const run = promisify(execFile);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as {
  DebugLogger: new (enabled: boolean) => unknown;
};
const yaml = require('js-yaml') as { load: (text: string) => Record<string, unknown> };
const asar = require('@electron/asar') as { listPackage: (path: string, options?: object) => string[] };

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  description: string;
  homepage?: string;
  author?: { name: string; email?: string };
};

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses the security checklist asks for, and re-signs macOS builds ad hoc', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      // Without it an unsigned Apple Silicon build refuses to launch after the fuses are flipped.
      resetAdHocDarwinSignature: true,
    });
  });

  it('leaves cookie encryption off: no cookies, and no extra macOS keychain item to prompt for', () => {
    expect((config.electronFuses as Record<string, unknown>).enableCookieEncryption).not.toBe(true);
  });

  it('builds the AppImage with the static runtime, which needs no libfuse2', () => {
    expect((config.toolsets as { appimage?: string }).appimage).toMatch(/^1\./);
  });

  it('names the product as the data folder expects', () => {
    expect(config.productName).toBe('JaaS Key Manager');
  });
});

/**
 * Runs electron-builder for Linux (the unpacked folder and the .deb) the way
 * `npm run dist` does, with two stand-ins, said plainly:
 * - Electron's binary is a stand-in folder with a shell script named `electron`
 *   (electronDist), so fuses are not applied (they need the real binary; only a real
 *   build flips them) and native modules are not rebuilt (npmRebuild off: keytar is N-API);
 * - fpm, which electron-builder downloads, is a stand-in that records the arguments
 *   electron-builder computed for the .deb (CUSTOM_FPM_PATH, electron-builder's own hook).
 */
async function packLinux(projectDir: string, work: string): Promise<{ out: string; fpmArgs: string[] }> {
  const electronDist = join(work, 'electron-dist');
  await mkdir(join(electronDist, 'resources'), { recursive: true });
  await writeFile(
    join(electronDist, 'electron'),
    '#!/bin/sh\necho "stand-in for Electron: packaging test only" >&2\nexit 1\n',
    { mode: 0o755 },
  );
  await writeFile(join(electronDist, 'version'), '45.5.0');
  const fpm = join(work, 'fpm');
  const record = join(work, 'fpm-args.json');
  await writeFile(
    fpm,
    `#!/bin/sh\nexec "${process.execPath}" -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))' "${record}" "$@"\n`,
  );
  await chmod(fpm, 0o755);
  const out = join(work, 'dist');
  const testConfig = {
    ...config,
    electronDist,
    npmRebuild: false,
    electronFuses: undefined,
    directories: { ...(config.directories as object), output: out },
    linux: { ...(config.linux as object), target: ['dir', 'deb'] },
  };
  const configPath = join(work, 'electron-builder.json');
  await writeFile(configPath, JSON.stringify(testConfig));
  const cli = resolve('node_modules/electron-builder/cli.js');
  await run(process.execPath, [cli, '--linux', '--x64', '--projectDir', projectDir, '--config', configPath], {
    env: { ...process.env, CUSTOM_FPM_PATH: fpm },
    maxBuffer: 1 << 24,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`electron-builder failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  });
  return { out, fpmArgs: JSON.parse(await readFile(record, 'utf8')) as string[] };
}

const argAfter = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('npm run dist for Linux, up to Electron’s binary and fpm', () => {
  let work: string;
  let out: string;
  let fpmArgs: string[];
  let files: string[];

  beforeAll(async () => {
    work = await tempDir('jaas-pack-');
    ({ out, fpmArgs } = await packLinux(process.cwd(), work));
    files = asar.listPackage(join(out, 'linux-unpacked', 'resources', 'app.asar'), { isPack: false });
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('puts the main, preload and renderer bundles and the icon in app.asar, and not the CLI', () => {
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/assets/icon.png',
    ])
      expect(files).toContain(file);
    expect(files.some((file) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(file))).toBe(true);
    expect(files.some((file) => file.startsWith('/out/cli'))).toBe(false);
  });

  it('packs every module the main bundle loads at run time, and keytar’s binary outside the asar', () => {
    const main = readFileSync('out/main/index.js', 'utf8');
    const imported = [
      ...main.matchAll(/^import[^;]*?from\s*["']([^"']+)["']/gm),
      ...main.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      ...main.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g),
      ...main.matchAll(/createRequire\([^)]*\)\(["']([^"']+)["']\)/g),
    ]
      .map((match) => match[1]!)
      .filter(
        (name) =>
          !name.startsWith('.') &&
          !name.startsWith('node:') &&
          name !== 'electron' &&
          !['crypto', 'fs', 'path', 'os', 'child_process', 'util'].includes(name),
      );
    // keytar is loaded lazily through createRequire(...)('keytar'); it is the only package left outside the bundle.
    expect([...new Set(imported)]).toEqual(['keytar']);
    expect(files).toContain('/node_modules/keytar/package.json');
    expect(
      existsSync(
        join(
          out,
          'linux-unpacked',
          'resources',
          'app.asar.unpacked',
          'node_modules',
          'keytar',
          'build',
          'Release',
          'keytar.node',
        ),
      ),
    ).toBe(true);
  });

  it('gives the .deb a maintainer, a homepage, a description and the libsecret dependency', () => {
    expect(argAfter(fpmArgs, '--maintainer')).toBe(`${pkg.author!.name} <${pkg.author!.email}>`);
    expect(argAfter(fpmArgs, '--url')).toBe(pkg.homepage);
    expect(argAfter(fpmArgs, '--description')).toContain(pkg.description);
    const depends = fpmArgs.flatMap((arg, index) => (arg === '-d' ? [fpmArgs[index + 1]] : []));
    expect(depends).toContain('libsecret-1-0');
    expect(argAfter(fpmArgs, '-t')).toBe('deb');
  });

  it('fails, as a real build would, when package.json has no homepage', async () => {
    // The same run on a copy of the project whose package.json lacks the homepage (defect 1 of issue 11).
    const copy = join(work, 'no-homepage');
    await mkdir(copy);
    await symlink(resolve('node_modules'), join(copy, 'node_modules'));
    for (const entry of ['out', 'assets', 'package-lock.json']) await cp(entry, join(copy, entry), { recursive: true });
    const { homepage: _homepage, ...withoutHomepage } = JSON.parse(readFileSync('package.json', 'utf8')) as Record<
      string,
      unknown
    >;
    await writeFile(join(copy, 'package.json'), JSON.stringify(withoutHomepage));
    await expect(packLinux(copy, await tempDir('jaas-pack-neg-'))).rejects.toThrow(/Please specify project homepage/);
  });
});
