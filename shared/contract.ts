// The one typed contract between the UI and the core. Both transports (Electron IPC and the
// loopback web host) carry exactly these channels, validated with these schemas on both ends.
import type { z } from 'zod';
import type { ErrorInfo } from './errors';
import { ACQUIRE_CHANNELS } from './contracts/acquire';
import { BATCH_CHANNELS } from './contracts/batch';
import { RECEPTION_CHANNELS } from './contracts/reception';
import { DOSSIER_CHANNELS } from './contracts/dossier';
import { HOST_CHANNELS } from './contracts/host';
import { INTAKE_CHANNELS } from './contracts/intake';
import { MACHINE_CHANNELS } from './contracts/machine';
import { RECORDS_CHANNELS } from './contracts/records';
import { RETENTION_CHANNELS } from './contracts/retention';
import { TRUST_CHANNELS } from './contracts/trust';

// The record's schemas are used across the app (the archive, the pipeline, the screens), so the
// contract's entry names them too; they are defined once, with their channels, in contracts/records.
export {
  EMPTY_PAGE_ANALYSIS,
  InputFile,
  PageAnalysisRecord,
  PageRecord,
  RecordDetail,
  RecordFile,
  RecordSummary,
  SignatureSummary,
  StageTiming,
} from './contracts/records';

// One file per domain under shared/contracts/, each served by exactly one handler file in
// electron/core/api/ (<domain>Handlers.ts); no channel is defined here.
export const contract = {
  ...DOSSIER_CHANNELS,
  ...RECEPTION_CHANNELS,
  ...BATCH_CHANNELS,
  ...RECORDS_CHANNELS,
  ...TRUST_CHANNELS,
  ...ACQUIRE_CHANNELS,
  ...INTAKE_CHANNELS,
  ...HOST_CHANNELS,
  ...MACHINE_CHANNELS,
  ...RETENTION_CHANNELS,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type Request<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequest<C extends Channel> = z.output<Contract[C]['request']>;
export type Response<C extends Channel> = z.output<Contract[C]['response']>;

/** What a transport carries back: plain data, never an exception object. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The API the renderer sees as `window.sohoa`: one named function per channel. */
export type SohoaApi = { [C in Channel]: (request: Request<C>) => Promise<Response<C>> };

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}
