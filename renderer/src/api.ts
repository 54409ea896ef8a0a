// The contract as the UI sees it. In Electron the preload provides `window.sohoa`; in a plain
// browser (dev and UI tests) the same SohoaApi is built over the loopback web host, with the
// per-run token the host wrote into index.html.
import { CHANNELS, type Channel, type Envelope, type SohoaApi } from '../../shared/contract';
import { ErrorInfo, errorInfo } from '../../shared/errors';

declare global {
  interface Window {
    sohoa?: SohoaApi;
  }
}

/** Must match electron/preload/api.ts: contextBridge keeps only an Error's message. */
const ERROR_PREFIX = 'SOHOA_ERROR:';

/** An error from the contract, carrying its typed, bilingual ErrorInfo. */
export class ApiError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message.en);
    this.name = 'ApiError';
  }
}

/** Whatever was thrown, as an ErrorInfo the UI can show in either language. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof ApiError) return e.info;
  if (e instanceof Error) {
    const carried = ErrorInfo.safeParse((e as Error & { info?: unknown }).info);
    if (carried.success) return carried.data;
    const at = e.message.indexOf(ERROR_PREFIX);
    if (at >= 0) {
      try {
        const decoded = ErrorInfo.safeParse(JSON.parse(e.message.slice(at + ERROR_PREFIX.length)));
        if (decoded.success) return decoded.data;
      } catch {
        // Not our encoding after all; fall through to a generic error.
      }
    }
    return errorInfo('INTERNAL', e.message);
  }
  return errorInfo('INTERNAL', String(e));
}

function webApi(token: string): SohoaApi {
  const call = async (channel: Channel, request: unknown): Promise<unknown> => {
    const res = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sohoa-token': token },
      body: JSON.stringify(request),
    });
    let envelope: Envelope<unknown>;
    try {
      envelope = (await res.json()) as Envelope<unknown>;
    } catch {
      throw new ApiError(errorInfo('INTERNAL', `HTTP ${res.status}`));
    }
    if (envelope.ok) return envelope.value;
    const info = ErrorInfo.safeParse(envelope.error);
    throw new ApiError(info.success ? info.data : errorInfo('INTERNAL', `HTTP ${res.status}`));
  };
  return Object.fromEntries(
    CHANNELS.map((channel) => [channel, (request: unknown) => call(channel, request)]),
  ) as unknown as SohoaApi;
}

export function getApi(): SohoaApi {
  if (window.sohoa) return window.sohoa;
  const token = document.querySelector<HTMLMetaElement>('meta[name="sohoa-token"]')?.content;
  return webApi(token ?? '');
}
