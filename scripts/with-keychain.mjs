#!/usr/bin/env node
// Runs a command against a real but private keychain. On Linux that is a fresh
// D-Bus session with its own gnome-keyring, unlocked, whose keyring lives in a
// temporary folder: the person's own keychain is never reachable from the tests.
// On macOS and Windows the command runs against the login keychain; the tests
// there use a unique service name per run and delete what they wrote.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, win32 } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The environment of the private session. XDG_RUNTIME_DIR moves to the throwaway
 * folder (gnome-keyring puts its control socket there, and must not meet the
 * person's own), so a relative WAYLAND_DISPLAY, which Wayland clients look up in
 * XDG_RUNTIME_DIR, is made absolute: Electron still finds the person's display.
 */
export function privateKeychainEnv(env, home) {
  const next = { ...env, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home, JAAS_TEST_KEYCHAIN: 'private' };
  if (env.WAYLAND_DISPLAY && !isAbsolute(env.WAYLAND_DISPLAY) && env.XDG_RUNTIME_DIR) {
    next.WAYLAND_DISPLAY = join(env.XDG_RUNTIME_DIR, env.WAYLAND_DISPLAY);
  }
  delete next.DBUS_SESSION_BUS_ADDRESS;
  delete next.GNOME_KEYRING_CONTROL;
  return next;
}

/**
 * On Windows a bare command name (npx) needs a shell to be found, but an absolute path
 * must not go through one: `C:\Program Files\nodejs\node.exe` would be split at its space.
 */
export function needsShell(file, platform = process.platform) {
  return platform === 'win32' && !isAbsolute(file) && !win32.isAbsolute(file);
}

function run(file, args, env) {
  const result = spawnSync(file, args, { stdio: 'inherit', env, shell: needsShell(file) });
  if (result.error) {
    console.error(`with-keychain: cannot run ${file}: ${result.error.message}`);
    return 127;
  }
  return result.status ?? 1;
}

function main(command) {
  if (command.length === 0) {
    console.error('usage: with-keychain.mjs COMMAND [ARGS…]');
    return 2;
  }
  if (process.platform !== 'linux') return run(command[0], command.slice(1), process.env);
  const home = mkdtempSync(join(tmpdir(), 'jaas-keychain-'));
  // The keyring password only unlocks this throwaway keyring.
  const script =
    'printf "%s" private-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 111; exec "$@"';
  const status = run(
    'dbus-run-session',
    ['--', 'sh', '-c', script, 'sh', ...command],
    privateKeychainEnv(process.env, home),
  );
  rmSync(home, { recursive: true, force: true });
  if (status === 111 || status === 127) {
    console.error('with-keychain: could not start a private keychain; install dbus and gnome-keyring (see README).');
  }
  return status;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main(process.argv.slice(2)));
