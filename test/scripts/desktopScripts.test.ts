import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeIsNewEnough, sandboxBlocked, sandboxSteps } from '../../scripts/desktop-prerequisites.mjs';
import { needsShell, privateKeychainEnv } from '../../scripts/with-keychain.mjs';

describe('the desktop commands’ prerequisites', () => {
  it('asks for Node 22.12 or newer, which Electron 45’s tooling declares', () => {
    expect(nodeIsNewEnough('22.12.0')).toBe(true);
    expect(nodeIsNewEnough('24.1.0')).toBe(true);
    expect(nodeIsNewEnough('22.11.9')).toBe(false);
    expect(nodeIsNewEnough('20.20.2')).toBe(false);
  });

  it('says so in one line and stops before Electron on an older Node (as here)', () => {
    const result = spawnSync(process.execPath, ['scripts/desktop-prerequisites.mjs'], { encoding: 'utf8' });
    if (nodeIsNewEnough()) return; // a machine with Node 22.12+ goes on to Electron's own install step
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/needs Node\.js 22\.12 or newer; this is v\d+/);
    expect(result.stderr).toContain('jaas-keys command works on Node.js 20.19');
  });
});

describe('the private keychain session keeps the person’s display', () => {
  it('moves XDG_RUNTIME_DIR away but points a relative WAYLAND_DISPLAY at the real socket', () => {
    const env = privateKeychainEnv(
      {
        XDG_RUNTIME_DIR: '/run/user/1000',
        WAYLAND_DISPLAY: 'wayland-0',
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
        DISPLAY: ':0',
      },
      '/tmp/kc',
    );
    expect(env).toMatchObject({
      XDG_RUNTIME_DIR: '/tmp/kc',
      XDG_DATA_HOME: '/tmp/kc/data',
      WAYLAND_DISPLAY: '/run/user/1000/wayland-0',
      DISPLAY: ':0',
      JAAS_TEST_KEYCHAIN: 'private',
    });
    // The person's own session bus (and with it their keychain) is never reachable.
    expect(env).not.toHaveProperty('DBUS_SESSION_BUS_ADDRESS');
  });

  it('leaves an absolute WAYLAND_DISPLAY and an X11-only session as they are', () => {
    expect(
      privateKeychainEnv({ XDG_RUNTIME_DIR: '/run/user/1000', WAYLAND_DISPLAY: '/run/user/1000/w-1' }, '/tmp/kc')
        .WAYLAND_DISPLAY,
    ).toBe('/run/user/1000/w-1');
    expect(privateKeychainEnv({ DISPLAY: ':1' }, '/tmp/kc')).not.toHaveProperty('WAYLAND_DISPLAY');
  });
});

describe('starting the tests on Windows', () => {
  it('uses a shell to find npx, but never for Node by its path, which may hold a space', () => {
    expect(needsShell('npx', 'win32')).toBe(true);
    expect(needsShell('C:\\Program Files\\nodejs\\node.exe', 'win32')).toBe(false);
    expect(needsShell('/usr/bin/node', 'win32')).toBe(false);
    expect(needsShell('npx', 'linux')).toBe(false);
  });
});

describe('Chromium’s sandbox on Ubuntu 23.10 and later', () => {
  const helper = (uid: number, mode: number) => ({ uid, mode });

  it('is blocked when AppArmor restricts user namespaces and the helper is not setuid root', () => {
    expect(sandboxBlocked({ restrict: '1\n', helper: helper(1000, 0o100755) })).toBe(true);
    expect(sandboxBlocked({ restrict: '1\n', helper: helper(0, 0o100755) })).toBe(true);
    expect(sandboxBlocked({ restrict: '1\n', helper: helper(1000, 0o104755) })).toBe(true);
  });

  it('is not blocked with a setuid-root helper, without the restriction, or without the setting', () => {
    expect(sandboxBlocked({ restrict: '1\n', helper: helper(0, 0o104755) })).toBe(false);
    expect(sandboxBlocked({ restrict: '0\n', helper: helper(1000, 0o100755) })).toBe(false);
    expect(sandboxBlocked({ restrict: null, helper: helper(1000, 0o100755) })).toBe(false);
    expect(sandboxBlocked({ restrict: '1\n', helper: null })).toBe(false);
  });

  it('gives the README’s ways out, and never --no-sandbox', () => {
    const steps = sandboxSteps('/x/chrome-sandbox');
    expect(steps).toContain('sudo chmod 4755 /x/chrome-sandbox');
    expect(steps).toContain('.deb');
    expect(steps).not.toContain('--no-sandbox');
  });
});
