// The contract as the UI sees it. In Electron the preload provides `window.sohoa`; in a plain
// browser (dev and UI tests) the same SohoaApi is built over the loopback web host, with the
// per-run token the host wrote into index.html.
import { CHANNELS, type Channel, type Envelope, type SohoaApi } from '../../shared/contract';
import { ErrorInfo, errorInfo } from '../../shared/errors';
import { HostLink } from './hostLink';

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

function webApi(link: HostLink): SohoaApi {
  const call = async (channel: Channel, request: unknown): Promise<unknown> => {
    const res = await link.post(channel, JSON.stringify(request));
    if (!res) throw new ApiError(errorInfo('DESK_UNREACHABLE', channel));
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

let web: { link: HostLink; api: SohoaApi } | null = null;

/** The web transport, made once per page: one link, so every screen sees the same state. */
function webTransport(): { link: HostLink; api: SohoaApi } {
  if (!web) {
    const token = document.querySelector<HTMLMetaElement>('meta[name="sohoa-token"]')?.content;
    const link = new HostLink(token ?? '');
    web = { link, api: webApi(link) };
  }
  return web;
}

/** The web host's link; null in Electron, where IPC has no gap to bridge. */
export function hostLink(): HostLink | null {
  return window.sohoa ? null : webTransport().link;
}

export function getApi(): SohoaApi {
  return window.sohoa ?? webTransport().api;
}
