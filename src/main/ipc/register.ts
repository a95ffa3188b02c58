import { ipcMain } from 'electron';
import { METHODS, channelFor } from '../../shared/methods';
import type { Dispatch } from './dispatch';

/** One ipcMain handler per contract method; the sender's frame URL goes to the dispatcher's check. */
export function registerIpc(dispatch: Dispatch): void {
  for (const method of METHODS) {
    ipcMain.handle(channelFor(method), (event, input: unknown) => dispatch(method, event.senderFrame?.url, input));
  }
}
