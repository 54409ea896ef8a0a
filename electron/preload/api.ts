// The object the preload exposes as `window.sohoa`, built by a pure function so a plain-Node test
// can check it holds exactly the contract's channels and nothing else (the preload exposes named
// contract functions only, never ipcRenderer itself).
import type { Channel, Envelope, SohoaApi } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';

/**
 * The channel names, typed against the contract: `satisfies` fails tsc when a channel is added
 * to the contract but not here, or listed here but not in the contract. Kept as a literal (not
 * imported CHANNELS) so the sandboxed preload bundle does not carry zod.
 */
const EXPOSED = {
  digitize: true,
  listRecords: true,
  getRecord: true,
  listProcedures: true,
  readCard: true,
  classifyDocument: true,
  receiveDossier: true,
  transitionDossier: true,
  dossierHistory: true,
  confirmDocument: true,
  archiveSearch: true,
  recordFields: true,
  reviewFields: true,
  archiveFacets: true,
  pageImage: true,
  signatureReport: true,
  recordFile: true,
  exportPackage: true,
  outboxList: true,
  outboxRetry: true,
  outboxSend: true,
  auditEntries: true,
  auditVerify: true,
  settingsGet: true,
  settingsSave: true,
  holidaysGet: true,
  holidaysSave: true,
  receptionStatus: true,
  receptionAddPages: true,
  receptionReceive: true,
  receptionFinish: true,
  batchQueueFiles: true,
  batchQueueFolder: true,
  batchList: true,
  batchDetail: true,
  batchControl: true,
  batchPages: true,
  batchThumbnail: true,
  batchReview: true,
  batchDecide: true,
  batchDecideMany: true,
  batchSeparationDefaults: true,
  batchSplitPlan: true,
  batchAdjustSplits: true,
  batchAcceptSplits: true,
  hotFolderStatus: true,
  importFolder: true,
  planSeparation: true,
  adjustSplits: true,
  separatorSheet: true,
  receptionSign: true,
  receptionHotFolderInbox: true,
  receptionTakeFromHotFolder: true,
  listScanners: true,
  scannerCapabilities: true,
  startScan: true,
  scanStatus: true,
  cancelScan: true,
  scanPages: true,
  listScans: true,
  discardScan: true,
  choosePath: true,
  machineStatus: true,
  machineSettings: true,
  machineHealth: true,
  trustList: true,
  trustAdd: true,
  trustRemove: true,
  trustRestore: true,
  retentionStatus: true,
  retentionSweep: true,
  personalDataEraseCheck: true,
  personalDataErase: true,
} as const satisfies Record<Channel, true>;

export const EXPOSED_CHANNELS = Object.keys(EXPOSED) as Channel[];

/**
 * contextBridge copies only an Error's message across the isolation boundary, so the typed error
 * travels inside it. The renderer's api.ts decodes the same prefix.
 */
export const ERROR_PREFIX = 'SOHOA_ERROR:';

export type Invoker = (ipcChannel: string, payload: unknown) => Promise<unknown>;

export function buildApi(invoke: Invoker): SohoaApi {
  const call = async (channel: Channel, request: unknown): Promise<unknown> => {
    const envelope = (await invoke(`sohoa:${channel}`, request)) as Envelope<unknown>;
    if (envelope.ok) return envelope.value;
    throw errorCarrying(envelope.error);
  };
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const channel of EXPOSED_CHANNELS) api[channel] = (request) => call(channel, request);
  return Object.freeze(api) as unknown as SohoaApi;
}

export function errorCarrying(info: ErrorInfo): Error {
  const error = new Error(ERROR_PREFIX + JSON.stringify(info));
  return Object.assign(error, { info });
}
