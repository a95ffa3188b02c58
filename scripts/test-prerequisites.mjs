#!/usr/bin/env node
// The programs `npm test` runs besides Node, checked before anything is built: a
// missing one is named in one line with the package that brings it, instead of
// failing test files later. On Linux these are Debian/Ubuntu package names, with
// Fedora's beside them; macOS and Windows use their own keychain and skip them.
import { spawnSync } from 'node:child_process';

/** program, harmless arguments to start it with, Debian package, Fedora package. */
export const LINUX_PREREQUISITES = [
  ['dbus-run-session', ['--version'], 'dbus', 'dbus-daemon'],
  ['gnome-keyring-daemon', ['--version'], 'gnome-keyring', 'gnome-keyring'],
  ['secret-tool', ['--help'], 'libsecret-tools', 'libsecret'],
  ['openssl', ['version'], 'openssl', 'openssl'],
  ['ssh-keygen', ['-?'], 'openssh-client', 'openssh-clients'],
  ['age', ['--version'], 'age', 'age'],
  ['expect', ['-v'], 'expect', 'expect'],
  ['chromium', ['--version'], 'chromium', 'chromium'],
];

/** The prerequisites that cannot be started here (not installed, not executable, hung). */
export function missingPrerequisites(list = LINUX_PREREQUISITES, spawn = spawnSync) {
  // Only a failure to start counts: some of these exit non-zero after printing their usage.
  return list.filter(
    ([program, args]) => spawn(program, args, { stdio: 'ignore', timeout: 20_000 }).error !== undefined,
  );
}

if (import.meta.url === `file://${process.argv[1]}` && process.platform === 'linux') {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    const names = missing.map(([program]) => program).join(', ');
    const debian = missing.map((row) => row[2]).join(' ');
    const fedora = missing.map((row) => row[3]).join(' ');
    console.error(
      `npm test needs ${names}: sudo apt-get install ${debian} (Fedora: sudo dnf install ${fedora}); see the README.`,
    );
    process.exit(1);
  }
}
