#!/usr/bin/env node
// Runs a command against a real but private keychain. On Linux that is a fresh
// D-Bus session with its own gnome-keyring, unlocked, whose keyring lives in a
// temporary folder: the person's own keychain is never reachable from the tests.
// On macOS and Windows the command runs against the login keychain; the tests
// there use a unique service name per run and delete what they wrote.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: with-keychain.mjs COMMAND [ARGS…]');
  process.exit(2);
}

function run(file, args, env) {
  const result = spawnSync(file, args, { stdio: 'inherit', env });
  if (result.error) {
    console.error(`with-keychain: cannot run ${file}: ${result.error.message}`);
    return 127;
  }
  return result.status ?? 1;
}

if (process.platform !== 'linux') process.exit(run(command[0], command.slice(1), process.env));

const home = mkdtempSync(join(tmpdir(), 'jaas-keychain-'));
const env = { ...process.env, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home, JAAS_TEST_KEYCHAIN: 'private' };
delete env.DBUS_SESSION_BUS_ADDRESS;
delete env.GNOME_KEYRING_CONTROL;
// The keyring password only unlocks this throwaway keyring.
const script = 'printf "%s" private-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 111; exec "$@"';
const status = run('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], env);
rmSync(home, { recursive: true, force: true });
if (status === 111 || status === 127) {
  console.error('with-keychain: could not start a private keychain; install dbus and gnome-keyring (see README).');
}
process.exit(status);
