import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../src/cli/commands/index';
import { commandHelp } from '../../src/cli/usage';
import { privatePkcs1Pem } from '../../src/core/keys/rsa';
import { CLI, runJaasKeys } from '../support/cli';
import { clearService, tempDir, uniqueService } from '../support/fixtures';
import { pooledKey } from '../support/keyPool';

// Help and completion are made from each command's data, so each command must
// carry all of it; the completion scripts are then run by the shells themselves.

const has = (program: string) => spawnSync(program, ['--version'], { stdio: 'ignore' }).error === undefined;

describe('every command describes itself', () => {
  for (const command of ALL_COMMANDS) {
    it(command.name, () => {
      expect(command.name).toMatch(/^[a-z][a-z-]*$/);
      expect(command.summary, 'a summary').toMatch(/^[a-z].{10,}[^.]$/);
      expect(command.examples.length, 'an example').toBeGreaterThan(0);
      for (const example of command.examples) expect(example).toMatch(new RegExp(`jaas-keys ${command.name}\\b`));
      for (const positional of command.positionals)
        expect(positional.summary.length, `${positional.name}'s summary`).toBeGreaterThan(2);
      for (const [name, option] of Object.entries(command.options)) {
        expect(option.summary.length, `--${name}'s summary`).toBeGreaterThan(2);
        if (option.type === 'string') expect(option.value, `--${name}'s placeholder`).toBeTruthy();
      }
      const help = commandHelp(command);
      for (const name of Object.keys(command.options)) expect(help).toContain(`--${name}`);
      for (const positional of command.positionals) expect(help).toContain(positional.name);
    });
  }
});

describe('jaas-keys help and --help', () => {
  it('prints the same help both ways for every command, and the list names every command', async () => {
    const env = { ...process.env, JAAS_KEYS_DATA_DIR: await tempDir() };
    const list = await runJaasKeys(['help'], env);
    for (const command of ALL_COMMANDS) {
      expect(list.stdout).toMatch(
        new RegExp(`^ {2}${command.name} +${command.summary.slice(0, 20).replace(/[()*+?.[\]\\^$|]/g, '\\$&')}`, 'm'),
      );
      const [viaHelp, viaFlag] = await Promise.all([
        runJaasKeys(['help', command.name], env),
        runJaasKeys([command.name, '--help'], env),
      ]);
      expect(viaHelp.status).toBe(0);
      expect(viaHelp.stdout.trimEnd()).toBe(viaFlag.stdout.trimEnd());
    }
  });
});

describe('shell completion', () => {
  let env: NodeJS.ProcessEnv;
  let service: string;
  let keyId: string;

  beforeAll(async () => {
    service = uniqueService();
    const dir = await tempDir();
    const bin = join(dir, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    // The scripts call `jaas-keys` by name, as an installed command is found.
    await writeFile(
      join(bin, 'jaas-keys'),
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`,
    );
    await chmod(join(bin, 'jaas-keys'), 0o755);
    env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      JAAS_KEYS_DATA_DIR: join(dir, 'data'),
      JAAS_KEYS_SERVICE: service,
    };
    const pem = join(dir, 'k.pem');
    await writeFile(pem, privatePkcs1Pem(await pooledKey()), { mode: 0o600 });
    keyId = JSON.parse((await runJaasKeys(['import', pem, '--label', 'completed', '--json'], env)).stdout).id;
  });
  afterAll(() => clearService(service));

  const script = async (shell: string) => (await runJaasKeys(['completion', shell], env)).stdout;

  it('refuses a shell it does not know', async () => {
    expect(await runJaasKeys(['completion', 'tcsh'], env)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('bash, zsh, fish'),
    });
  });

  it('bash completes commands, options, fixed values and key ids', async () => {
    const complete = async (line: string) => {
      const words = line.split(' ');
      const program = `${await script('bash')}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _jaas_keys; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', program], { env, encoding: 'utf8' }).trim().split('\n');
    };
    expect(await complete('jaas-keys to')).toEqual(['token']);
    expect(await complete('jaas-keys token --fe')).toEqual(['--feature']);
    expect(await complete('jaas-keys token --feature rec')).toEqual(['recording']);
    expect(await complete('jaas-keys show ')).toEqual([keyId]);
    expect(await complete('jaas-keys export-private x --pk')).toEqual(['--pkcs8']);
  });

  it.runIf(has('fish'))('fish completes commands, options, fixed values and key ids', async () => {
    const path = join(await tempDir(), 'jaas-keys.fish');
    await writeFile(path, await script('fish'));
    const complete = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `source ${path}; complete -C ${JSON.stringify(line)}`], {
        env,
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .map((row) => row.split('\t')[0]);
    expect(complete('jaas-keys tok')).toEqual(['token']);
    expect(complete('jaas-keys token --feat')).toEqual(['--feature']);
    expect(complete('jaas-keys token --feature rec')).toEqual(['recording']);
    expect(complete('jaas-keys show ')).toEqual([keyId]);
  });

  it.runIf(has('zsh'))('zsh loads the script through compinit without an error', async () => {
    const path = join(await tempDir(), '_jaas-keys');
    await writeFile(path, await script('zsh'));
    expect(spawnSync('zsh', ['-n', path]).status).toBe(0);
    const loaded = spawnSync(
      'zsh',
      ['-f', '-c', `autoload -U compinit && compinit -u && source ${path} && whence -w _jaas_keys _jaas_keys_ids`],
      { env, encoding: 'utf8' },
    );
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout).toContain('_jaas_keys: function');
  });
});
