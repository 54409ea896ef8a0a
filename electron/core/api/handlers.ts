// The one handler table: contract channel -> core call. Both transports (Electron IPC and the
// web host) call `invoke`, which parses the payload with the shared schema, runs the handler,
// validates what goes back, and turns every failure into a typed, localized error envelope.
import {
  contract,
  isChannel,
  type Channel,
  type Envelope,
  type ParsedRequest,
  type Response,
} from '../../../shared/contract';
import { errorInfo, isSohoaError, SohoaError } from '../../../shared/errors';
import { createReceptionHandlers } from '../dossier/api';
import { hostOf } from '../host/context';
import type { Core } from '../pipeline/core';
import { resolveSettingsPaths } from '../settings/pathChoices';
import { loadSettings } from '../settings/store';
import { createAcquireHandlers } from './acquireHandlers';
import { createBatchHandlers } from './batchHandlers';
import { createDeskHandlers } from './deskHandlers';
import { createHostHandlers } from './hostHandlers';
import { createIntakeHandlers } from './intakeHandlers';
import { createRecordsHandlers } from './recordsHandlers';
import { createTrustHandlers } from './trustHandlers';

export type Handlers = { [C in Channel]: (request: ParsedRequest<C>) => Promise<Response<C>> };

export function createHandlers(core: Core): Handlers {
  const records = createRecordsHandlers(core);
  return {
    ...createReceptionHandlers(core.paths.root),
    ...createDeskHandlers(core),
    ...createBatchHandlers(core),
    ...records,
    // A save's file-system paths are the saved ones or grants of the host's dialog (GUIDE §4.8).
    async settingsSave(request) {
      const resolved = resolveSettingsPaths(
        request.settings,
        loadSettings({ dataDir: core.paths.root, keysDir: core.paths.keysDir }).settings,
        hostOf(core).grants,
      );
      if (!resolved.ok) return resolved;
      return records.settingsSave({ ...request, settings: resolved.settings });
    },
    ...createAcquireHandlers(core),
    ...createIntakeHandlers(core),
    ...createHostHandlers(core),
    ...createTrustHandlers(core),
    async digitize(request) {
      const sources = request.files.map((f) => ({
        name: f.name,
        read: () => Promise.resolve(Buffer.from(f.dataBase64, 'base64')),
      }));
      const outcome = await core.digitize(sources, { title: request.title });
      return { dossier: outcome.dossier, fileErrors: outcome.fileErrors, timings: outcome.timings };
    },
    listDossiers(request) {
      return Promise.resolve({ dossiers: core.archive.listDossiers(request.limit) });
    },
    getDossier(request) {
      const dossier = core.archive.getDossier(request.id);
      if (!dossier) throw new SohoaError('DOSSIER_NOT_FOUND', String(request.id));
      return Promise.resolve(dossier);
    },
  };
}

export type Invoke = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

export function createInvoke(
  handlers: Handlers,
  log: (e: unknown) => void = console.error,
): Invoke {
  return async (channel, payload) => {
    if (!isChannel(channel))
      return { ok: false, error: errorInfo('BAD_REQUEST', `unknown channel ${channel}`) };
    const parsed = contract[channel].request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || channel}: ${issue.message}` : channel;
      return { ok: false, error: errorInfo('BAD_REQUEST', where) };
    }
    try {
      const value = await dispatch(handlers, channel, parsed.data);
      return { ok: true, value: contract[channel].response.parse(value) };
    } catch (e) {
      if (isSohoaError(e)) return { ok: false, error: e.info };
      log(e);
      return { ok: false, error: errorInfo('INTERNAL', channel) };
    }
  };
}

function dispatch<C extends Channel>(handlers: Handlers, channel: C, request: ParsedRequest<C>) {
  const handler = handlers[channel] as (r: ParsedRequest<C>) => Promise<Response<C>>;
  return handler(request);
}
