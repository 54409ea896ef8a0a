// Runs sandboxed in the window before the page. Exposes the contract as named functions only;
// the page never gets ipcRenderer, so it cannot reach any channel the contract does not name.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './api';

contextBridge.exposeInMainWorld(
  'sohoa',
  buildApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
