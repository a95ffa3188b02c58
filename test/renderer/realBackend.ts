import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { createDispatcher } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import { APP_ENTRY_URL, isTrustedPageUrl } from '../../src/main/security';
import { buildApi } from '../../src/preload/bridge';
import { sandbox, type Sandbox } from '../support/fixtures';
import { RecordingDesktop } from '../support/recordingDesktop';

afterEach(() => cleanup());

// jsdom has no <dialog> behaviour; give it the two methods the app uses.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
  };
}

/**
 * window.jaas for component tests: the preload's bridge over the real
 * dispatcher, core and keychain, as if the page were the app's own.
 */
export async function installRealBackend(): Promise<{ box: Sandbox; desktop: RecordingDesktop }> {
  const box = await sandbox();
  const desktop = new RecordingDesktop();
  const dispatch = createDispatcher(
    createHandlers(box.keys, desktop),
    (url) => isTrustedPageUrl(url),
    () => undefined,
  );
  const api = buildApi((channel, input) => dispatch(channel.replace(/^jaas:/, ''), APP_ENTRY_URL, input));
  Object.defineProperty(window, 'jaas', { value: api, configurable: true });
  return { box, desktop };
}
