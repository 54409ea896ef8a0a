// What both transports (Electron IPC and the web host) call: `invoke` parses the payload with
// the channel's shared schema, runs its handler, validates what goes back, and turns every
// failure into a typed, localized error envelope (never an exception object or its text).
import {
  contract,
  isChannel,
  type Channel,
  type Envelope,
  type ParsedRequest,
  type Response,
} from '../../../shared/contract';
import { asErrorInfo, errorInfo, isSohoaError } from '../../../shared/errors';
import { errorFields, log as componentLog } from '../log/logger';
import type { Handlers } from './handlers';

export type Invoke = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

const apiLog = componentLog('api');

/** By default a bug is written to the desk's log file: its kind and stack, never its message. */
const logBug = (e: unknown, channel: string) =>
  apiLog.error('internal error', { channel, ...errorFields(e) });

export function createInvoke(
  handlers: Handlers,
  log: (e: unknown, channel: string) => void = logBug,
): Invoke {
  return async (channel, payload) => {
    if (!isChannel(channel))
      return { ok: false, error: errorInfo('BAD_REQUEST', `unknown channel ${channel}`) };
    const parsed = contract[channel].request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || channel}: ${issue.message}` : channel;
      apiLog.warn('bad request', { channel, field: issue?.path.join('.') ?? null });
      return { ok: false, error: errorInfo('BAD_REQUEST', where) };
    }
    const started = performance.now();
    try {
      const value = await dispatch(handlers, channel, parsed.data);
      apiLog.debug('call', { channel, ms: Math.round(performance.now() - started) });
      return { ok: true, value: contract[channel].response.parse(value) };
    } catch (e) {
      // A typed error is the user's to read (its code is logged); anything else is a bug.
      if (isSohoaError(e)) apiLog.warn('refused', { channel, code: e.code });
      else log(e, channel);
      return { ok: false, error: asErrorInfo(e, 'INTERNAL', channel) };
    }
  };
}

function dispatch<C extends Channel>(handlers: Handlers, channel: C, request: ParsedRequest<C>) {
  const handler = handlers[channel] as (r: ParsedRequest<C>) => Promise<Response<C>>;
  return handler(request);
}
