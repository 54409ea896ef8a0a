// An eSCL (AirScan) scanner on 127.0.0.1 for the tests: a flatbed and a document feeder with a
// stack of sheets, duplex, a jam at a chosen sheet, a busy device and slow pages. Built from the
// Mopria eSCL specification and the capability documents real devices publish (HP OfficeJet and
// LaserJet, Canon, Epson captures in scanner projects): same element names, units (1/300 inch),
// HTTP codes (201 + Location for a job, 503 while a page is not ready, 404 when the job has no
// more pages, 409 when the settings cannot be honoured now) and ScannerStatus states.
// sane-airscan, a client we did not write, scans from it in tests/integration/escl-airscan.
// With `capture` it answers as a real device: the ScannerCapabilities that device published
// (tests/fixtures/escl/<device>/) served byte for byte, and jobs held to what it says (sources,
// duplex, colour modes, resolutions, formats): tests/integration/escl-captures.test.ts.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import {
  ESCL_NS,
  PWG_NS,
  inputCapsFor,
  parseCapabilities,
  parseScanSettings,
  type EsclCapabilities,
} from '../../electron/core/acquire/esclXml';

/** Real devices' documents, one folder per device with its SOURCE.md. */
export const ESCL_CAPTURES_DIR = new URL('../fixtures/escl/', import.meta.url);

/** A captured document of a real device, as it was published (e.g. 'brother-ds-940dw'). */
export function readCapture(device: string, file = 'ScannerCapabilities.xml'): string {
  return readFileSync(new URL(`${device}/${file}`, ESCL_CAPTURES_DIR), 'utf8');
}

export interface EsclEmulatorOptions {
  model?: string;
  /** Sheets waiting in the feeder. */
  feederSheets?: number;
  duplex?: boolean;
  platen?: boolean;
  /** 1-based sheet that jams in the feeder; the sheets before it come out. */
  jamAtSheet?: number;
  /** Another job holds the device: new jobs are refused with 503. */
  busy?: boolean;
  /** Each page answers 503 for this long before it is ready, as a real scan head takes time. */
  pageDelayMs?: number;
  resolutions?: number[];
  /**
   * How this device says "feeder empty" at the start: 409 on the job (HP-style, default) or a
   * job accepted whose first NextDocument is 404 (seen on Canon/Epson); and whether Location is
   * an absolute URL (default) or a path.
   */
  quirks?: { emptyFeederOnNextDocument?: boolean; relativeLocation?: boolean };
  /** Serve HTTPS with this (self-signed) certificate, as `_uscans` devices do. */
  tls?: { key: string; cert: string };
  /** A fixed port (to stand in for the same device with another certificate). */
  port?: number;
  /**
   * Be this real device: a folder of tests/fixtures/escl whose ScannerCapabilities.xml is
   * served verbatim; model, platen, feeder and duplex come from it (the options above for them
   * are ignored) and a job it could not do is refused with 409, as the device would.
   */
  capture?: string;
}

interface Job {
  id: string;
  uri: string;
  source: 'Platen' | 'Feeder';
  duplex: boolean;
  colorMode: string;
  dpi: number;
  format: string;
  widthMm: number;
  heightMm: number;
  state: 'Processing' | 'Completed' | 'Canceled' | 'Aborted';
  reasons: string[];
  imagesDone: number;
  /** A back side already scanned, waiting for its NextDocument. */
  queued: { sheet: number; side: 'front' | 'back' }[];
  readyAt: number;
  platenDone: boolean;
}

export interface EsclEmulator {
  /** Base URL, e.g. http://127.0.0.1:PORT/eSCL */
  url: string;
  port: number;
  /** Every request as "METHOD /path", in order: tests check what a client really did. */
  requests: string[];
  jobs: ReadonlyMap<string, Job>;
  /** Sheets still in the feeder. */
  sheetsLeft(): number;
  loadFeeder(sheets: number): void;
  close(): Promise<void>;
}

const UNITS_PER_INCH = 300;
const MM_PER_INCH = 25.4;

function inputCaps(resolutions: number[], maxHeight: number): string {
  const res = resolutions
    .map(
      (r) =>
        `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`,
    )
    .join('');
  return `
      <scan:MinWidth>16</scan:MinWidth>
      <scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight>
      <scan:MaxHeight>${maxHeight}</scan:MaxHeight>
      <scan:MaxScanRegions>1</scan:MaxScanRegions>
      <scan:SettingProfiles>
        <scan:SettingProfile>
          <scan:ColorModes>
            <scan:ColorMode>BlackAndWhite1</scan:ColorMode>
            <scan:ColorMode>Grayscale8</scan:ColorMode>
            <scan:ColorMode>RGB24</scan:ColorMode>
          </scan:ColorModes>
          <scan:DocumentFormats>
            <pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
            <pwg:DocumentFormat>image/png</pwg:DocumentFormat>
            <scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt>
            <scan:DocumentFormatExt>image/png</scan:DocumentFormatExt>
          </scan:DocumentFormats>
          <scan:SupportedResolutions>
            <scan:DiscreteResolutions>${res}</scan:DiscreteResolutions>
          </scan:SupportedResolutions>
        </scan:SettingProfile>
      </scan:SettingProfiles>
      <scan:SupportedIntents>
        <scan:Intent>Document</scan:Intent>
        <scan:Intent>TextAndGraphic</scan:Intent>
        <scan:Intent>Photo</scan:Intent>
      </scan:SupportedIntents>
      <scan:MaxOpticalXResolution>${Math.max(...resolutions)}</scan:MaxOpticalXResolution>
      <scan:MaxOpticalYResolution>${Math.max(...resolutions)}</scan:MaxOpticalYResolution>`;
}

function capabilitiesXml(
  o: Required<Omit<EsclEmulatorOptions, 'jamAtSheet' | 'quirks' | 'tls' | 'port' | 'capture'>>,
  uuid: string,
) {
  const platen = o.platen
    ? `<scan:Platen><scan:PlatenInputCaps>${inputCaps(o.resolutions, 3508)}</scan:PlatenInputCaps></scan:Platen>`
    : '';
  const adf = `<scan:Adf>
    <scan:AdfSimplexInputCaps>${inputCaps(o.resolutions, 4200)}</scan:AdfSimplexInputCaps>
    ${o.duplex ? `<scan:AdfDuplexInputCaps>${inputCaps(o.resolutions, 4200)}</scan:AdfDuplexInputCaps>` : ''}
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions>
      <scan:AdfOption>DetectPaperLoaded</scan:AdfOption>
      ${o.duplex ? '<scan:AdfOption>Duplex</scan:AdfOption>' : ''}
    </scan:AdfOptions>
  </scan:Adf>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="${ESCL_NS}" xmlns:pwg="${PWG_NS}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>${o.model}</pwg:MakeAndModel>
  <pwg:SerialNumber>SOHOA-EMU-0001</pwg:SerialNumber>
  <scan:UUID>${uuid}</scan:UUID>
  ${platen}
  ${adf}
</scan:ScannerCapabilities>`;
}

/** A scanned-looking page that says which sheet and side it is, in the mode and size asked. */
async function pageImage(job: Job, sheet: number, side: 'front' | 'back'): Promise<Buffer> {
  const png = await renderPage({
    lines: [
      `# Trang ${sheet} – ${side === 'front' ? 'mặt trước' : 'mặt sau'}`,
      `Máy quét giả lập eSCL, ${job.dpi} dpi`,
    ],
    dpi: job.dpi,
    widthMm: job.widthMm,
    heightMm: job.heightMm,
    format: 'png',
  });
  // withMetadata keeps the sRGB profile, which turns grey back into three channels.
  let img = sharp(png);
  if (job.colorMode === 'RGB24') img = img.withMetadata({ density: job.dpi });
  if (job.colorMode === 'Grayscale8') img = img.grayscale().toColourspace('b-w');
  if (job.colorMode === 'BlackAndWhite1') img = img.threshold(160).toColourspace('b-w');
  if (job.format === 'image/png')
    return img
      .png(job.colorMode === 'BlackAndWhite1' ? { palette: true, colours: 2 } : {})
      .toBuffer();
  return img.jpeg({ quality: 85 }).toBuffer();
}

/** What a job may ask of a device that publishes these capabilities (a captured document). */
function acceptsJob(
  caps: EsclCapabilities,
  s: {
    source: 'Platen' | 'Feeder';
    duplex: boolean;
    colorMode: string;
    dpi: number;
    format: string;
  },
): boolean {
  const input = inputCapsFor(caps, {
    source: s.source === 'Platen' ? 'flatbed' : 'feeder',
    duplex: s.duplex,
  });
  if (!input) return false;
  if (s.duplex && !caps.adfDuplex && !caps.adfOptions.includes('Duplex')) return false;
  return (
    input.resolutions.includes(s.dpi) &&
    (input.colorModes as string[]).includes(s.colorMode) &&
    input.documentFormats.includes(s.format)
  );
}

export async function startEsclEmulator(options: EsclEmulatorOptions = {}): Promise<EsclEmulator> {
  const captured = options.capture ? readCapture(options.capture) : undefined;
  const caps = captured ? parseCapabilities(captured) : undefined;
  const o = {
    model: caps?.makeAndModel ?? options.model ?? 'Sohoa Emulated ScanJet 4000',
    feederSheets: options.feederSheets ?? 5,
    duplex: caps
      ? !!caps.adfDuplex || caps.adfOptions.includes('Duplex')
      : (options.duplex ?? true),
    platen: caps ? !!caps.platen : (options.platen ?? true),
    busy: options.busy ?? false,
    pageDelayMs: options.pageDelayMs ?? 0,
    resolutions: options.resolutions ?? [75, 100, 150, 200, 300, 600],
  };
  const hasFeeder = caps ? !!(caps.adfSimplex ?? caps.adfDuplex) : true;
  const uuid = caps?.uuid ?? randomUUID();
  const jobs = new Map<string, Job>();
  const requests: string[] = [];
  let sheetsLeft = o.feederSheets;
  let sheetsFed = 0;
  let jammed = false;

  const adfState = () =>
    jammed ? 'ScannerAdfJam' : sheetsLeft > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty';
  const scannerState = () =>
    o.busy || [...jobs.values()].some((j) => j.state === 'Processing') ? 'Processing' : 'Idle';

  // In the order real devices write a JobInfo (HP LaserJet M283fdw's status, captured), without
  // its scan:TransferRetryCount; an idle device with no jobs writes no scan:Jobs at all.
  const jobInfoXml = (j: Job) => `
    <scan:JobInfo>
      <pwg:JobUri>${j.uri}</pwg:JobUri>
      <pwg:JobUuid>${j.id}</pwg:JobUuid>
      <scan:Age>1</scan:Age>
      <pwg:ImagesCompleted>${j.imagesDone}</pwg:ImagesCompleted>
      <pwg:ImagesToTransfer>${j.queued.length}</pwg:ImagesToTransfer>
      <pwg:JobState>${j.state}</pwg:JobState>
      <pwg:JobStateReasons>${j.reasons.map((r) => `<pwg:JobStateReason>${r}</pwg:JobStateReason>`).join('')}</pwg:JobStateReasons>
    </scan:JobInfo>`;
  const statusXml = () =>
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<scan:ScannerStatus xmlns:scan="${ESCL_NS}" xmlns:pwg="${PWG_NS}">`,
      '  <pwg:Version>2.63</pwg:Version>',
      `  <pwg:State>${scannerState()}</pwg:State>`,
      ...(hasFeeder ? [`  <scan:AdfState>${adfState()}</scan:AdfState>`] : []),
      ...(jobs.size
        ? [`  <scan:Jobs>${[...jobs.values()].map(jobInfoXml).join('')}\n  </scan:Jobs>`]
        : []),
      '</scan:ScannerStatus>',
    ].join('\n');

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string | Buffer = '',
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'content-length': String(Buffer.byteLength(body)),
      ...(typeof body === 'string' && body ? { 'content-type': 'text/xml' } : {}),
      ...headers,
    });
    res.end(body);
  };

  async function nextDocument(job: Job, res: http.ServerResponse) {
    if (job.state !== 'Processing' && job.queued.length === 0) return send(res, 404);
    if (Date.now() < job.readyAt) return send(res, 503);
    let item = job.queued.shift();
    if (!item) {
      if (job.source === 'Platen') {
        if (job.platenDone) {
          job.state = 'Completed';
          job.reasons = ['JobCompletedSuccessfully'];
          return send(res, 404);
        }
        job.platenDone = true;
        item = { sheet: 1, side: 'front' };
      } else {
        if (sheetsLeft === 0) {
          job.state = 'Completed';
          job.reasons = ['JobCompletedSuccessfully'];
          return send(res, 404);
        }
        const sheet = sheetsFed + 1;
        if (options.jamAtSheet === sheet) {
          jammed = true;
          job.state = 'Aborted';
          job.reasons = ['MediaJam'];
          return send(res, 404);
        }
        sheetsLeft--;
        sheetsFed++;
        item = { sheet, side: 'front' };
        if (job.duplex) job.queued.push({ sheet, side: 'back' });
      }
    }
    const image = await pageImage(job, item.sheet, item.side);
    job.imagesDone++;
    job.readyAt = Date.now() + o.pageDelayMs;
    if (job.source === 'Platen' && job.queued.length === 0) {
      job.state = 'Completed';
      job.reasons = ['JobCompletedSuccessfully'];
    }
    send(res, 200, image, { 'content-type': job.format });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '');
    requests.push(`${req.method} ${path}`);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');

    if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities')
      return send(res, 200, captured ?? capabilitiesXml(o, uuid));
    if (req.method === 'GET' && path === '/eSCL/ScannerStatus') return send(res, 200, statusXml());
    if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
      if (o.busy) return send(res, 503);
      let s;
      try {
        s = parseScanSettings(body);
      } catch {
        return send(res, 400);
      }
      const source = s.inputSource === 'Feeder' ? 'Feeder' : 'Platen';
      if (source === 'Platen' && !o.platen) return send(res, 409);
      if (source === 'Feeder' && !hasFeeder) return send(res, 409);
      if (source === 'Feeder' && jammed) return send(res, 409);
      if (source === 'Feeder' && sheetsLeft === 0 && !options.quirks?.emptyFeederOnNextDocument)
        return send(res, 409);
      if (s.duplex && !o.duplex) return send(res, 409);
      if (s.xResolution !== s.yResolution) return send(res, 409);
      if (!['RGB24', 'Grayscale8', 'BlackAndWhite1'].includes(s.colorMode)) return send(res, 409);
      // The emulator makes JPEG and PNG; a captured device must also have listed what is asked.
      const format = s.documentFormat === 'image/png' ? 'image/png' : 'image/jpeg';
      const wanted = {
        source,
        duplex: source === 'Feeder' && s.duplex,
        colorMode: s.colorMode,
        dpi: s.xResolution,
        format: s.documentFormat,
      } as const;
      if (caps ? !acceptsJob(caps, wanted) : !o.resolutions.includes(s.xResolution))
        return send(res, 409);
      const region = s.region ?? { width: 2480, height: 3508, xOffset: 0, yOffset: 0 };
      const id = randomUUID();
      const job: Job = {
        id,
        uri: `/eSCL/ScanJobs/${id}`,
        source,
        duplex: source === 'Feeder' && s.duplex,
        colorMode: s.colorMode,
        dpi: s.xResolution,
        format,
        widthMm: (region.width / UNITS_PER_INCH) * MM_PER_INCH,
        heightMm: (region.height / UNITS_PER_INCH) * MM_PER_INCH,
        state: 'Processing',
        reasons: ['JobScanning'],
        imagesDone: 0,
        queued: [],
        readyAt: Date.now() + o.pageDelayMs,
        platenDone: false,
      };
      jobs.set(id, job);
      const location = options.quirks?.relativeLocation
        ? job.uri
        : `${options.tls ? 'https' : 'http'}://${req.headers.host}${job.uri}`;
      return send(res, 201, '', { location });
    }
    const m = /^\/eSCL\/ScanJobs\/([0-9a-f-]+)(\/NextDocument)?$/.exec(path);
    const job = m ? jobs.get(m[1]!) : undefined;
    if (m && !job) return send(res, 404);
    if (job && m?.[2] && req.method === 'GET') return nextDocument(job, res);
    if (job && !m?.[2] && req.method === 'DELETE') {
      if (job.state === 'Processing') {
        job.state = 'Canceled';
        job.reasons = ['JobCanceledByUser'];
      }
      job.queued = [];
      return send(res, 200);
    }
    return send(res, 404);
  }

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      console.error('eSCL emulator:', e);
      if (!res.headersSent) send(res, 500);
      else res.destroy();
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest)
    : http.createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/eSCL`,
    port,
    requests,
    jobs,
    sheetsLeft: () => sheetsLeft,
    loadFeeder(sheets) {
      sheetsLeft = sheets;
      jammed = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
