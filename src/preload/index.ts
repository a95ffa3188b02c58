import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './bridge';

// The sandboxed preload: the page sees window.jaas and nothing of ipcRenderer.
contextBridge.exposeInMainWorld(
  'jaas',
  buildApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
