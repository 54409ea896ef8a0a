// Network scanners that speak eSCL (Apple's AirScan, Mopria's eSCL): plain HTTP + XML. A scan is
// one job: POST ScanSettings to ScanJobs, then GET <job>/NextDocument until the device says there
// is no more (404); each answer is one page image, handed on as soon as it arrives. When a page
// request fails, ScannerStatus says why (feeder empty, jam, cover open, busy) — the same way
// sane-airscan decides, so our errors agree with what other clients show.
import { setTimeout as sleep } from 'node:timers/promises';
import { SohoaError, isSohoaError, type ErrorCode } from '../../../shared/errors';
import { discoverEscl } from './esclDiscovery';
import { cappedResponse, memoryPinStore, pinnedFetch, type PinStore } from './esclHttps';
import {
  buildScanSettings,
  chooseDocumentFormat,
  FROM_COLOR,
  inputCapsFor,
  parseCapabilities,
  parseStatus,
  toDeviceCapabilities,
  type EsclCapabilities,
  type EsclStatus,
} from './esclXml';
import type {
  AcquireOptions,
  AcquiredPage,
  DeviceCapabilities,
  DeviceInfo,
  ScanSettings,
  SourceDriver,
} from './source';

export interface EsclDriverOptions {
  /** Scanner addresses as IT configured them: `192.168.1.20`, `http://host:8080/eSCL`, … */
  addresses: readonly string[];
  /** One HTTP request (capabilities, status, job creation). */
  requestTimeoutMs?: number;
  /** How long a page may take to come out of the device before the scan is given up. */
  pageTimeoutMs?: number;
  /** Pause between polls while the device answers 503 (page not ready yet). */
  pollMs?: number;
  /** Also list scanners announced by mDNS (`_uscan._tcp`), listening this long. */
  discover?: { timeoutMs: number } | false;
  /** Certificate pins for HTTPS scanners (trust on first use); in memory when omitted. */
  pins?: PinStore;
  /** Largest XML answer read (capabilities, status, job creation); default 1 MiB. */
  maxXmlBytes?: number;
  /** Largest page read (a 600 dpi colour A3 TIFF stays well under the default 256 MiB). */
  maxPageBytes?: number;
}

const MiB = 1024 * 1024;

/** `192.168.1.20` → `http://192.168.1.20/eSCL`; a URL with a path keeps it (the mDNS `rs`). */
export function esclBaseUrl(address: string): string {
  const raw = address.trim();
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SohoaError('SCANNER_NOT_FOUND', address);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path || '/eSCL'}`;
}

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'application/pdf': 'pdf',
};

/** The resolution a device offers nearest to the asked one, preferring finer (never less legible). */
export function nearestResolution(offered: readonly number[], dpi: number): number {
  if (offered.length === 0 || offered.includes(dpi)) return dpi;
  const finer = offered.filter((d) => d >= dpi).sort((a, b) => a - b);
  return finer[0] ?? Math.max(...offered);
}

export class EsclDriver implements SourceDriver {
  readonly kind = 'escl' as const;
  private readonly requestTimeoutMs: number;
  private readonly pageTimeoutMs: number;
  private readonly pollMs: number;
  private readonly pins: PinStore;
  private readonly maxXmlBytes: number;
  private readonly maxPageBytes: number;

  constructor(private readonly options: EsclDriverOptions) {
    this.pins = options.pins ?? memoryPinStore();
    this.maxXmlBytes = options.maxXmlBytes ?? MiB;
    this.maxPageBytes = options.maxPageBytes ?? 256 * MiB;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.pageTimeoutMs = options.pageTimeoutMs ?? 60_000;
    this.pollMs = options.pollMs ?? 500;
  }

  async listDevices(options: { signal?: AbortSignal } = {}): Promise<DeviceInfo[]> {
    const announced = new Map<string, string>();
    if (this.options.discover) {
      const found = await discoverEscl({
        timeoutMs: this.options.discover.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      for (const d of found) announced.set(esclBaseUrl(d.baseUrl), d.name);
    }
    const bases = [...new Set([...this.options.addresses.map(esclBaseUrl), ...announced.keys()])];
    return Promise.all(
      bases.map(async (base): Promise<DeviceInfo> => {
        try {
          const caps = await this.fetchCapabilities(base, options.signal);
          return {
            id: base,
            kind: 'escl',
            name: caps.makeAndModel,
            model: caps.makeAndModel,
            online: true,
          };
        } catch {
          // Configured but silent (switched off, other network): listed, so the clerk sees it.
          return {
            id: base,
            kind: 'escl',
            name: announced.get(base) ?? new URL(base).host,
            online: false,
          };
        }
      }),
    );
  }

  async capabilities(deviceId: string): Promise<DeviceCapabilities> {
    return toDeviceCapabilities(await this.fetchCapabilities(esclBaseUrl(deviceId)));
  }

  async status(deviceId: string): Promise<EsclStatus> {
    const base = esclBaseUrl(deviceId);
    const res = await this.request(base, `${base}/ScannerStatus`, { method: 'GET' });
    if (res.status !== 200) throw new SohoaError('SCANNER_FAILED', new URL(base).host);
    return parseStatus(await res.text());
  }

  async *acquire(
    deviceId: string,
    settings: ScanSettings,
    options: AcquireOptions = {},
  ): AsyncGenerator<AcquiredPage> {
    const { signal, onProgress } = options;
    const base = esclBaseUrl(deviceId);
    const caps = await this.fetchCapabilities(base, signal);
    const who = caps.makeAndModel;
    const input = inputCapsFor(caps, settings);
    if (
      !input ||
      (input.colorModes.length > 0 && !input.colorModes.includes(FROM_COLOR[settings.colorMode]))
    )
      throw new SohoaError('SCANNER_SETTINGS_UNSUPPORTED', who);
    if (settings.duplex && settings.source === 'feeder' && !toDeviceCapabilities(caps).duplex)
      throw new SohoaError('SCANNER_SETTINGS_UNSUPPORTED', who);
    const dpi = nearestResolution(input.resolutions, settings.dpi);
    const format = chooseDocumentFormat(input, settings.colorMode);
    const body = buildScanSettings({
      settings: { ...settings, dpi },
      input,
      version: caps.version,
      documentFormat: format,
    });

    const created = await this.request(base, `${base}/ScanJobs`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
      signal,
    });
    await created.arrayBuffer();
    if (created.status !== 201) {
      if (created.status === 503) throw new SohoaError('SCANNER_BUSY', who);
      throw await this.explain(
        base,
        who,
        settings,
        created.status === 409 ? 'SCANNER_SETTINGS_UNSUPPORTED' : 'SCANNER_FAILED',
      );
    }
    const location = created.headers.get('location');
    if (!location) throw new SohoaError('SCANNER_FAILED', who);
    const jobUrl = new URL(location, `${base}/`).href.replace(/\/+$/, '');

    let index = 0;
    let finished = false;
    try {
      for (;;) {
        const page = await this.nextDocument(base, jobUrl, who, settings, index, signal);
        if (!page) break;
        const ext = EXT[format] ?? 'bin';
        const data = page;
        yield {
          name: `page-${String(index + 1).padStart(3, '0')}.${ext}`,
          read: () => Promise.resolve(data),
          index,
          ...(settings.source === 'feeder' && settings.duplex
            ? { side: index % 2 === 0 ? ('front' as const) : ('back' as const) }
            : {}),
        };
        index++;
        onProgress?.({ pagesDone: index });
        // A flatbed gives one page per job; asking again would only wait for the 404.
        if (settings.source === 'flatbed') break;
      }
      finished = true;
    } finally {
      // Cancelled, failed or abandoned by the consumer: free the device for the next clerk.
      if (!finished) await this.deleteJob(jobUrl);
    }
    if (signal?.aborted) throw new SohoaError('SCAN_CANCELLED', who);
  }

  /** One page, or null when the job has no more. */
  private async nextDocument(
    base: string,
    jobUrl: string,
    who: string,
    settings: ScanSettings,
    pagesSoFar: number,
    signal: AbortSignal | undefined,
  ): Promise<Buffer | null> {
    const deadline = Date.now() + this.pageTimeoutMs;
    for (;;) {
      if (signal?.aborted) throw new SohoaError('SCAN_CANCELLED', who);
      let res: Response;
      try {
        res = await this.request(
          base,
          `${jobUrl}/NextDocument`,
          { method: 'GET', signal },
          this.pageTimeoutMs,
          this.maxPageBytes,
        );
      } catch (e) {
        if (signal?.aborted) throw new SohoaError('SCAN_CANCELLED', who);
        throw e;
      }
      if (res.status === 200) return Buffer.from(await res.arrayBuffer());
      await res.arrayBuffer();
      const status = await this.statusOrNull(base);
      const problem = deviceProblem(status, settings, jobUrl);
      if (problem) throw new SohoaError(problem, who);
      if (res.status === 404) {
        if (pagesSoFar > 0) return null;
        throw new SohoaError(
          settings.source === 'feeder' ? 'SCANNER_FEEDER_EMPTY' : 'SCANNER_FAILED',
          who,
        );
      }
      if (res.status === 503 && Date.now() < deadline) {
        // The page is still in the scanner; real devices answer 503 until it is ready.
        try {
          await sleep(this.pollMs, undefined, { signal });
        } catch {
          throw new SohoaError('SCAN_CANCELLED', who);
        }
        continue;
      }
      throw new SohoaError('SCANNER_FAILED', who);
    }
  }

  /** After a refused job: the device's own state names the cause better than the HTTP code. */
  private async explain(
    base: string,
    who: string,
    settings: ScanSettings,
    fallback: ErrorCode,
  ): Promise<SohoaError> {
    const status = await this.statusOrNull(base);
    const problem = deviceProblem(status, settings);
    if (problem) return new SohoaError(problem, who);
    if (settings.source === 'feeder' && status?.adfState === 'ScannerAdfEmpty')
      return new SohoaError('SCANNER_FEEDER_EMPTY', who);
    if (status?.state === 'Processing') return new SohoaError('SCANNER_BUSY', who);
    return new SohoaError(fallback, who);
  }

  private async statusOrNull(base: string): Promise<EsclStatus | null> {
    try {
      const res = await this.request(base, `${base}/ScannerStatus`, { method: 'GET' });
      if (res.status !== 200) return null;
      return parseStatus(await res.text());
    } catch {
      return null;
    }
  }

  private async deleteJob(jobUrl: string): Promise<void> {
    try {
      const res = await this.send(jobUrl, {
        method: 'DELETE',
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      await res.arrayBuffer();
    } catch {
      // The device may already have dropped the job; nothing more to free.
    }
  }

  /** Plain HTTP through fetch; HTTPS through the pinned client (self-signed printers); capped. */
  private async send(
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: string; signal: AbortSignal },
    maxBytes = this.maxXmlBytes,
  ): Promise<Response> {
    if (url.startsWith('https:')) return pinnedFetch(url, init, this.pins, maxBytes);
    return cappedResponse(await fetch(url, init), maxBytes);
  }

  private async fetchCapabilities(base: string, signal?: AbortSignal): Promise<EsclCapabilities> {
    const res = await this.request(base, `${base}/ScannerCapabilities`, { method: 'GET', signal });
    const body = await res.text();
    if (res.status !== 200) throw new SohoaError('SCANNER_UNREACHABLE', new URL(base).host);
    try {
      return parseCapabilities(body);
    } catch (e) {
      throw new SohoaError('SCANNER_FAILED', new URL(base).host, { cause: e });
    }
  }

  /** fetch with a timeout; a network failure is "unreachable", named by the device's host. */
  private async request(
    base: string,
    url: string,
    init: {
      method: string;
      headers?: Record<string, string>;
      body?: string;
      signal?: AbortSignal | undefined;
    },
    timeoutMs = this.requestTimeoutMs,
    maxBytes = this.maxXmlBytes,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await this.send(url, { ...init, signal }, maxBytes);
    } catch (e) {
      if (isSohoaError(e)) throw e;
      if (init.signal?.aborted)
        throw new SohoaError('SCAN_CANCELLED', new URL(base).host, { cause: e });
      throw new SohoaError('SCANNER_UNREACHABLE', new URL(base).host, { cause: e });
    }
  }
}

/** A device state that explains a failed request, or null when the state says nothing. */
export function deviceProblem(
  status: EsclStatus | null,
  settings: Pick<ScanSettings, 'source'>,
  jobUrl?: string,
): ErrorCode | null {
  if (!status) return null;
  if (settings.source === 'feeder') {
    switch (status.adfState) {
      case 'ScannerAdfJam':
        return 'SCANNER_PAPER_JAM';
      case 'ScannerAdfDoorOpen':
        return 'SCANNER_COVER_OPEN';
      default:
        break;
    }
  }
  // Only this job's reasons: an old jammed job in the device's history says nothing about ours.
  const jobPath = jobUrl ? new URL(jobUrl).pathname : undefined;
  const reasons = status.jobs
    .filter(
      (j) =>
        jobPath !== undefined && j.jobUri !== '' && jobPath.endsWith(j.jobUri.replace(/\/+$/, '')),
    )
    .flatMap((j) => j.reasons);
  if (reasons.some((r) => /jam/i.test(r))) return 'SCANNER_PAPER_JAM';
  if (status.state === 'Down' || status.state === 'Stopped') return 'SCANNER_FAILED';
  return null;
}
