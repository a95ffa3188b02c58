import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/errors';
import { KeytarStore, translateKeychainError } from '../../src/core/keychain/keytarStore';
import { uniqueService } from '../support/fixtures';
import { busConfigWithoutSecretService, lockedKeyring } from '../support/keychainFaults';

// How a keychain failure reaches people. The failure texts are not written here:
// each comes from the real keytar, in a child process whose D-Bus session lacks
// the part in question, and is then translated in this process. (test/cli/cli.test.ts
// checks the same failures end to end through jaas-keys.)

/** keytar's raw error text for a setPassword in `command`'s session (a locked keyring answers reads with "not found", so it is a write), or null if it worked. */
function rawFailure(env: NodeJS.ProcessEnv, command: string[] = []): string | null {
  const probe = `require("keytar").setPassword("jaas-probe","a","b").then(() => console.log("null"), (e) => console.log(JSON.stringify(String(e && e.message))))`;
  const out = execFileSync(
    command[0] ?? process.execPath,
    [...command.slice(1), ...(command.length ? [process.execPath] : []), '-e', probe],
    { env, cwd: process.cwd() },
  ).toString();
  return JSON.parse(out.trim().split('\n').pop()!) as string | null;
}

const translated = (text: string | null) => {
  const error = translateKeychainError(new Error(text ?? 'no failure'));
  return { code: error.code, message: error.message };
};

describe.runIf(process.platform === 'linux')('keychain failures, as the real keytar reports them', () => {
  it('no D-Bus session at all', () => {
    const { DBUS_SESSION_BUS_ADDRESS: _bus, DISPLAY: _display, ...noBus } = process.env;
    expect(translated(rawFailure(noBus))).toEqual({
      code: 'keychain_unavailable',
      message:
        'No D-Bus session is running, so the keychain cannot be reached. Run this inside your desktop session, or start a D-Bus session for it.',
    });
  });

  it('a D-Bus session without a Secret Service', async () => {
    expect(
      translated(
        rawFailure(process.env, ['dbus-run-session', `--config-file=${await busConfigWithoutSecretService()}`, '--']),
      ),
    ).toEqual({
      code: 'keychain_unavailable',
      message:
        'No keychain service (Secret Service) is installed or running. Install gnome-keyring (or KeePassXC with Secret Service enabled) and log in again.',
    });
  });

  it('a keyring that stays locked', async () => {
    const { env, command } = await lockedKeyring();
    expect(translated(rawFailure(env, command))).toEqual({
      code: 'keychain_locked',
      message:
        'The keychain is locked. Unlock it (for example by logging in again, or in Passwords and Keys) and retry.',
    });
  });
});

describe('translating keychain failures', () => {
  it('keeps the product’s own errors as they are, and gives anything unknown a generic message, never the raw text', () => {
    const own = new CoreError('keychain_locked', 'already said');
    expect(translateKeychainError(own)).toBe(own);
    for (const raw of [new Error('GDBus.Error: something odd 0x7f'), 'a thrown string 0x7f', undefined]) {
      const error = translateKeychainError(raw);
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'keychain_unavailable',
        message: 'The keychain refused the request. Check that it is running and unlocked, then retry.',
      });
    }
  });

  it('names the message libsecret gives for a secret it refuses as too large', () => {
    expect(translated('stub received bad data')).toEqual({
      code: 'keychain_unavailable',
      message: 'The keychain refused a secret as too large.',
    });
  });

  it('reads and writes the real keychain through the queue, and lists the accounts it wrote', async () => {
    const store = new KeytarStore(uniqueService());
    await store.set('a', 'one');
    await store.set('b', 'two');
    expect(await store.get('a')).toBe('one');
    expect(await store.get('missing')).toBeNull();
    expect((await store.accounts()).sort()).toEqual(['a', 'b']);
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    expect(await store.accounts()).toEqual(['b']);
    await store.delete('b');
  });
});
