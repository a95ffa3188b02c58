import { CoreError } from '../../core/errors';
import { publicRecord, type KeyManager } from '../../core/keyManager';
import type { Handlers } from './handlerTypes';

type LifecycleHandlers = Pick<
  Handlers,
  'deleteKey' | 'undeleteKey' | 'purgeKey' | 'activateKey' | 'retireKey' | 'unretireKey' | 'rotateKey' | 'keyHistory'
>;

/**
 * Statuses, rotation, the trash and the history, for the window. `recheck` runs
 * the keychain reconcile again after a change that touches the keychain.
 */
export function createLifecycleHandlers(keys: KeyManager, recheck: () => void): LifecycleHandlers {
  return {
    deleteKey: async ({ id }) => publicRecord(await keys.lifecycle.trash(id)),
    undeleteKey: async ({ id }) => publicRecord(await keys.lifecycle.undelete(id)),
    async purgeKey({ id, confirmation }) {
      // The typed confirmation is checked here too: a page cannot purge by skipping its own dialog.
      const key = await keys.resolve(id, 'any').catch(() => null);
      const expected = key ? [key.label, key.kid] : [id];
      if (!expected.includes(confirmation))
        throw new CoreError('cancelled', 'The confirmation did not match; nothing was purged.');
      const removed = await keys.lifecycle.purge(id);
      recheck();
      return { id: removed.id };
    },
    async activateKey({ id }) {
      const { key, previous } = await keys.lifecycle.activate(id);
      return { key: publicRecord(key), previous: previous && publicRecord(previous) };
    },
    retireKey: async ({ id }) => publicRecord((await keys.lifecycle.retire(id)).key),
    unretireKey: async ({ id }) => publicRecord(await keys.lifecycle.unretire(id)),
    async rotateKey({ id }) {
      const rotation = await keys.rotate(id);
      recheck();
      return rotation;
    },
    keyHistory: ({ id }) => keys.history(id),
  };
}
