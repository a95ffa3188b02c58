import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainName, secretServiceProvider } from '../../src/core/keychain/keychainName';
import { runJaasKeys } from '../support/cli';
import { tempDir, uniqueService } from '../support/fixtures';

describe('naming the keychain in use', () => {
  it('names macOS’s and Windows’s own', async () => {
    expect(await keychainName('darwin')).toBe('macOS Keychain');
    expect(await keychainName('win32')).toBe('Windows Credential Manager');
  });

  it.runIf(process.platform === 'linux')(
    'asks D-Bus which process owns org.freedesktop.secrets: the tests’ own gnome-keyring',
    async () => {
      const provider = await secretServiceProvider();
      expect(provider).not.toBeNull();
      // The oracle: the pid's executable, as the kernel tells it, is the gnome-keyring-daemon the test session started.
      expect(basename(readlinkSync(`/proc/${provider!.pid}/exe`))).toBe('gnome-keyring-daemon');
      expect(
        execFileSync('ps', ['-o', 'comm=', '-p', String(provider!.pid)])
          .toString()
          .trim(),
      ).toMatch(/^gnome-keyring-d/);
      expect(await keychainName('linux')).toBe(
        `Secret Service: GNOME Keyring (gnome-keyring-daemon, pid ${provider!.pid})`,
      );
    },
  );

  it.runIf(process.platform === 'linux')('jaas-keys doctor names it, and says when no bus is there', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      JAAS_KEYS_DATA_DIR: await tempDir(),
      JAAS_KEYS_SERVICE: uniqueService(),
    };
    const doctor = await runJaasKeys(['doctor'], env);
    expect(doctor.status).toBe(0);
    expect(doctor.stdout).toMatch(/^Keychain: Secret Service: GNOME Keyring \(gnome-keyring-daemon, pid \d+\)$/m);
    expect(JSON.parse((await runJaasKeys(['doctor', '--json'], env)).stdout).keychain).toMatch(
      /^Secret Service: GNOME Keyring/,
    );
    const { DBUS_SESSION_BUS_ADDRESS: _bus, ...noBus } = env;
    const without = await runJaasKeys(['doctor', '--json'], noBus);
    expect(without.status).toBe(1);
    expect(without.stderr).toMatch(/No D-Bus session is running/);
  });
});
