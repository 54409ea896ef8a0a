// Runs sandboxed in the token's PIN window before its page: exposes only "what to show", submit
// and cancel. The desk's own page never gets these (its preload is preload.ts), and this window
// gets none of the contract's channels.
import { contextBridge, ipcRenderer } from 'electron';
import { PIN_CHANNELS, type PinWindowApi } from '../../shared/pinWindow';

const api: PinWindowApi = {
  request: () => ipcRenderer.invoke(PIN_CHANNELS.request) as ReturnType<PinWindowApi['request']>,
  submit: async (pin) => {
    await ipcRenderer.invoke(PIN_CHANNELS.submit, String(pin));
  },
  cancel: async () => {
    await ipcRenderer.invoke(PIN_CHANNELS.cancel);
  },
};

contextBridge.exposeInMainWorld('sohoaPin', Object.freeze(api));
