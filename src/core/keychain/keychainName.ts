import { execFile } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Friendly names of the Secret Service providers people run, by process name. */
const PROVIDERS: Record<string, string> = {
  'gnome-keyring-daemon': 'GNOME Keyring',
  'gnome-keyring-d': 'GNOME Keyring',
  kwalletd5: 'KWallet',
  kwalletd6: 'KWallet',
  ksecretd: 'KWallet',
  keepassxc: 'KeePassXC',
  'keepassxc-proxy': 'KeePassXC',
};

const SECRETS_NAME = 'org.freedesktop.secrets';

/** One call to the session bus itself (org.freedesktop.DBus), through dbus-send; its printed reply. */
async function askBus(method: string, argument: string): Promise<string> {
  const { stdout } = await run(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      `org.freedesktop.DBus.${method}`,
      argument,
    ],
    { timeout: 3000 },
  );
  return stdout;
}

/** The process that owns org.freedesktop.secrets on the session bus, by its executable's name. */
export async function secretServiceProvider(): Promise<{ process: string; pid: number } | null> {
  let owner: string;
  try {
    owner = /string "([^"]+)"/.exec(await askBus('GetNameOwner', `string:${SECRETS_NAME}`))?.[1] ?? '';
  } catch {
    return null; // nobody owns the name (not running yet, or no Secret Service at all), or no bus
  }
  if (!owner) return null;
  const pid = Number(/uint32 (\d+)/.exec(await askBus('GetConnectionUnixProcessID', `string:${owner}`))?.[1]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const exe = await readlink(`/proc/${pid}/exe`).then(basename, async () =>
    (await readFile(`/proc/${pid}/comm`, 'utf8')).trim(),
  );
  return { process: exe, pid };
}

/**
 * Names the keychain this machine uses, for `doctor` and the window's status
 * line: on Linux, whichever Secret Service provider is running (asked from D-Bus).
 */
export async function keychainName(platform: NodeJS.Platform = process.platform): Promise<string> {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  const provider = await secretServiceProvider().catch(() => null);
  if (!provider) return 'Secret Service (no provider is running on the session bus yet)';
  return `Secret Service: ${PROVIDERS[provider.process] ?? provider.process} (${provider.process}, pid ${provider.pid})`;
}
