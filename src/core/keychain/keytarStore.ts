import { createRequire } from 'node:module';
import { CoreError } from '../errors';
import { SerialQueue } from '../files/lock';
import type { SecretStore } from './vault';
import type * as KeytarModule from 'keytar';

/** The keychain service every part of the product shares; tests override it. */
export const DEFAULT_SERVICE = 'jaas-key-manager';

type Keytar = typeof KeytarModule;

let loaded: Keytar | undefined;
function loadKeytar(): Keytar {
  if (loaded) return loaded;
  try {
    // keytar is a native CommonJS module; requiring it lazily lets commands that
    // never touch the keychain (list, help) run even where it failed to build.
    loaded = createRequire(import.meta.url)('keytar') as Keytar;
    return loaded;
  } catch {
    throw new CoreError(
      'keychain_unavailable',
      'The keychain module (keytar) is not built for this installation. On Linux it needs libsecret-1-dev; rebuild it, then retry.',
    );
  }
}

/**
 * Turns the keychain's own failure text into a message that says what is missing
 * and what to do. Only the known Linux failures are recognised; anything else keeps
 * a generic message, because raw native errors are not written for people.
 */
export function translateKeychainError(error: unknown): CoreError {
  if (error instanceof CoreError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to connect to socket/i.test(text)) {
    return new CoreError(
      'keychain_unavailable',
      'No D-Bus session is running, so the keychain cannot be reached. Run this inside your desktop session, or start a D-Bus session for it.',
    );
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service/i.test(text)) {
    return new CoreError(
      'keychain_unavailable',
      'No keychain service (Secret Service) is installed or running. Install gnome-keyring (or KeePassXC with Secret Service enabled) and log in again.',
    );
  }
  if (/locked collection|is locked|Cannot unlock|prompt.*dismiss/i.test(text)) {
    return new CoreError(
      'keychain_locked',
      'The keychain is locked. Unlock it (for example by logging in again, or in Passwords and Keys) and retry.',
    );
  }
  if (/stub received bad data/i.test(text)) {
    return new CoreError('keychain_unavailable', 'The keychain refused a secret as too large.');
  }
  return new CoreError(
    'keychain_unavailable',
    'The keychain refused the request. Check that it is running and unlocked, then retry.',
  );
}

/**
 * Every keychain call in this process runs one at a time. keytar's Linux
 * findCredentials dereferences a NULL secret (keytar_posix.cc: strdup of
 * secret_value_get_text) when an item is deleted while it enumerates, which
 * kills the process; serialising our own calls rules that out within a process.
 */
const keychainQueue = new SerialQueue();

function guarded<T>(work: () => Promise<T>): Promise<T> {
  return keychainQueue.run(async () => {
    try {
      return await work();
    } catch (error) {
      throw translateKeychainError(error);
    }
  });
}

/** The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service) through keytar. */
export class KeytarStore implements SecretStore {
  constructor(readonly service: string = DEFAULT_SERVICE) {}

  get(account: string): Promise<string | null> {
    return guarded(() => loadKeytar().getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return guarded(() => loadKeytar().setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return guarded(() => loadKeytar().deletePassword(this.service, account));
  }

  async describe(): Promise<string> {
    // Loaded when asked (doctor, the window's status bar): it brings child_process, which `list` never needs.
    return (await import('./keychainName')).keychainName();
  }

  async accounts(): Promise<string[]> {
    const credentials = await guarded(() => loadKeytar().findCredentials(this.service));
    return credentials.map((credential) => credential.account);
  }
}
