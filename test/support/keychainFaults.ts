import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './fixtures';

// D-Bus sessions in which the keychain fails the ways it fails on people's Linux
// machines, for tests that check what they are then told.

/** A dbus-run-session config for a bus on which no service (so no Secret Service) can start. */
export async function busConfigWithoutSecretService(): Promise<string> {
  const dir = await tempDir();
  const services = await tempDir();
  const config = join(dir, 'session.conf');
  await writeFile(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${dir}</listen><servicedir>${services}</servicedir>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
  );
  return config;
}

/**
 * A home whose login keyring was made with one password, and the command prefix that
 * runs a program in a new session whose gnome-keyring was started with another: the
 * keyring stays locked. Append the program and its arguments to `command`.
 */
export async function lockedKeyring(): Promise<{ env: NodeJS.ProcessEnv; command: string[] }> {
  const home = await tempDir();
  const env = { ...process.env, XDG_DATA_HOME: home, XDG_RUNTIME_DIR: home };
  const unlockWith = (password: string) => [
    'dbus-run-session',
    '--',
    'sh',
    '-c',
    `printf ${password} | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"`,
  ];
  const [command, ...args] = unlockWith('first');
  execFileSync(
    command!,
    [...args, process.execPath, '-e', 'require("keytar").setPassword("jaas-lock-probe","a","b")'],
    { env },
  );
  return { env, command: unlockWith('second') };
}
