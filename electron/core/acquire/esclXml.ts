// The eSCL (AirScan) documents: ScannerCapabilities and ScannerStatus read, ScanSettings written.
// Element names follow the Mopria eSCL specification (namespaces scan: = HP's eSCL 2011/05/03
// schema, pwg: = PWG semantic model 2010/12); the prefixes are dropped when reading because
// devices disagree on them (some put InputSource under scan:, some under pwg:). Checked against
// real devices' documents in tests/fixtures/escl/ (HP, Brother, Canon, Kyocera): see
// tests/unit/acquire-escl-captures.test.ts for what each shape taught us.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { ColorMode, DeviceCapabilities, PaperSource, ScanSettings } from './source';

export const ESCL_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

/** eSCL lengths are in three-hundredths of an inch. */
export const ESCL_UNITS_PER_INCH = 300;
const MM_PER_INCH = 25.4;

export type EsclColorMode = 'RGB24' | 'Grayscale8' | 'BlackAndWhite1';

export interface EsclInputCaps {
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  colorModes: EsclColorMode[];
  documentFormats: string[];
  /** Whether the device names formats in scan:DocumentFormatExt (it then expects it back). */
  formatExt: boolean;
  resolutions: number[];
  /** scan:SupportedIntents; the Intent element is sent only when the device lists it. */
  intents: string[];
}

export interface EsclCapabilities {
  version: string;
  makeAndModel: string;
  uuid?: string;
  platen?: EsclInputCaps;
  adfSimplex?: EsclInputCaps;
  adfDuplex?: EsclInputCaps;
  adfOptions: string[];
}

export interface EsclJobInfo {
  jobUri: string;
  jobUuid?: string;
  /** Pending | Processing | Completed | Aborted | Canceled */
  state: string;
  reasons: string[];
  imagesCompleted: number;
  imagesToTransfer?: number;
}

export interface EsclStatus {
  /** Idle | Processing | Testing | Stopped | Down */
  state: string;
  /** ScannerAdfLoaded | ScannerAdfEmpty | ScannerAdfJam | ScannerAdfDoorOpen | … */
  adfState?: string;
  jobs: EsclJobInfo[];
}

const REPEATED = new Set([
  'ColorMode',
  'DocumentFormat',
  'DocumentFormatExt',
  'DiscreteResolution',
  'SettingProfile',
  'AdfOption',
  'JobInfo',
  'JobStateReason',
  'Intent',
  'SupportedIntent',
]);

// Attributes are read for SettingProfile name/ref (profiles shared by reference); the others
// (scan:default="true", xmlns) end up beside '#text' and are ignored.
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;

function obj(v: unknown): Node | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  const o = obj(v);
  return o && typeof o['#text'] === 'string' ? o['#text'] : undefined;
}
function int(v: unknown): number | undefined {
  const t = text(v);
  if (t === undefined || !/^\d+$/.test(t.trim())) return undefined;
  return Number(t);
}

function parseRoot(xml: string, root: string): Node {
  const doc = obj(parser.parse(xml));
  const node = doc && obj(doc[root]);
  if (!node) throw new Error(`not an eSCL ${root} document`);
  return node;
}

/** Resolutions a range offers, reduced to the values a clerk would pick. */
const COMMON_DPI = [75, 100, 150, 200, 240, 300, 400, 600, 1200];

interface DpiRange {
  min: number;
  max: number;
  step: number;
}

/** One axis of a ResolutionRange: the Mopria name is XResolutionRange, some devices say XResolution. */
function parseRange(range: Node | undefined, axis: 'X' | 'Y'): DpiRange | undefined {
  const r = obj(range?.[`${axis}ResolutionRange`]) ?? obj(range?.[`${axis}Resolution`]);
  const min = int(r?.Min);
  const max = int(r?.Max);
  if (min === undefined || max === undefined || min > max) return undefined;
  return { min, max, step: Math.max(1, int(r?.Step) ?? 1) };
}

const inRange = (d: number, r: DpiRange) => d >= r.min && d <= r.max && (d - r.min) % r.step === 0;

function parseResolutions(node: Node | undefined): number[] {
  const out = new Set<number>();
  const discrete = obj(node?.DiscreteResolutions);
  for (const r of arr(discrete?.DiscreteResolution)) {
    const x = int(obj(r)?.XResolution);
    const y = int(obj(r)?.YResolution);
    // Anisotropic resolutions (300x600) cannot give square pixels: not offered.
    if (x && x === y) out.add(x);
  }
  for (const range of arr(node?.ResolutionRange)) {
    const x = parseRange(obj(range), 'X');
    if (!x) continue;
    // Square pixels only: a value must be on both axes (a device may give Y its own range).
    const y = parseRange(obj(range), 'Y') ?? x;
    for (const d of COMMON_DPI) if (inRange(d, x) && inRange(d, y)) out.add(d);
  }
  return [...out].sort((a, b) => a - b);
}

/** Profiles declared once at the root (`<SettingProfile name="p1">`) and used by `ref`. */
type SharedProfiles = ReadonlyMap<string, Node>;

function sharedProfiles(root: Node): SharedProfiles {
  const out = new Map<string, Node>();
  for (const p of arr(obj(root.SettingProfiles)?.SettingProfile)) {
    const profile = obj(p);
    const name = profile && text(profile['@_name']);
    if (profile && name) out.set(name, profile);
  }
  return out;
}

function parseInputCaps(node: Node | undefined, shared: SharedProfiles): EsclInputCaps | undefined {
  if (!node) return undefined;
  const colorModes = new Set<EsclColorMode>();
  const formats = new Set<string>();
  const resolutions = new Set<number>();
  let formatExt = false;
  const profiles = obj(node.SettingProfiles);
  for (const p of arr(profiles?.SettingProfile)) {
    const ref = text(obj(p)?.['@_ref']);
    const profile = ref ? shared.get(ref) : obj(p);
    for (const m of arr(obj(profile?.ColorModes)?.ColorMode)) {
      const mode = text(m);
      if (mode === 'RGB24' || mode === 'Grayscale8' || mode === 'BlackAndWhite1')
        colorModes.add(mode);
    }
    const docFormats = obj(profile?.DocumentFormats);
    for (const f of arr(docFormats?.DocumentFormat)) {
      const v = text(f);
      if (v) formats.add(v.toLowerCase());
    }
    for (const f of arr(docFormats?.DocumentFormatExt)) {
      const v = text(f);
      if (v) {
        formats.add(v.toLowerCase());
        formatExt = true;
      }
    }
    for (const r of parseResolutions(obj(profile?.SupportedResolutions))) resolutions.add(r);
  }
  return {
    minWidth: int(node.MinWidth) ?? 0,
    maxWidth: int(node.MaxWidth) ?? 0,
    minHeight: int(node.MinHeight) ?? 0,
    maxHeight: int(node.MaxHeight) ?? 0,
    colorModes: [...colorModes],
    documentFormats: [...formats],
    formatExt,
    resolutions: [...resolutions].sort((a, b) => a - b),
    // Kyocera lists them as SupportedIntent (the Mopria name is Intent): both are read.
    intents: [
      ...arr(obj(node.SupportedIntents)?.Intent),
      ...arr(obj(node.SupportedIntents)?.SupportedIntent),
    ]
      .map(text)
      .filter((v): v is string => !!v),
  };
}

export function parseCapabilities(xml: string): EsclCapabilities {
  const root = parseRoot(xml, 'ScannerCapabilities');
  const adf = obj(root.Adf);
  const adfOptions = arr(obj(adf?.AdfOptions)?.AdfOption)
    .map(text)
    .filter((v): v is string => !!v);
  const uuid = text(root.UUID);
  const shared = sharedProfiles(root);
  return {
    version: text(root.Version) ?? '2.0',
    makeAndModel: text(root.MakeAndModel) ?? text(root.ModelName) ?? 'eSCL',
    ...(uuid ? { uuid } : {}),
    platen: parseInputCaps(obj(obj(root.Platen)?.PlatenInputCaps), shared),
    adfSimplex: parseInputCaps(obj(adf?.AdfSimplexInputCaps), shared),
    adfDuplex: parseInputCaps(obj(adf?.AdfDuplexInputCaps), shared),
    adfOptions,
  };
}

export function parseStatus(xml: string): EsclStatus {
  const root = parseRoot(xml, 'ScannerStatus');
  const jobs = arr(obj(root.Jobs)?.JobInfo).map((j): EsclJobInfo => {
    const job = obj(j) ?? {};
    const toTransfer = int(job.ImagesToTransfer);
    const uuid = text(job.JobUuid);
    return {
      jobUri: text(job.JobUri) ?? '',
      ...(uuid ? { jobUuid: uuid } : {}),
      state: text(job.JobState) ?? '',
      reasons: arr(obj(job.JobStateReasons)?.JobStateReason)
        .map(text)
        .filter((v): v is string => !!v),
      imagesCompleted: int(job.ImagesCompleted) ?? 0,
      ...(toTransfer !== undefined ? { imagesToTransfer: toTransfer } : {}),
    };
  });
  const adfState = text(root.AdfState);
  return { state: text(root.State) ?? '', ...(adfState ? { adfState } : {}), jobs };
}

const TO_COLOR: Record<EsclColorMode, ColorMode> = {
  RGB24: 'color',
  Grayscale8: 'grey',
  BlackAndWhite1: 'bw',
};
export const FROM_COLOR: Record<ColorMode, EsclColorMode> = {
  color: 'RGB24',
  grey: 'Grayscale8',
  bw: 'BlackAndWhite1',
};

const toMm = (units: number) => Math.round((units / ESCL_UNITS_PER_INCH) * MM_PER_INCH * 10) / 10;

/** What the clerk can choose, from what the device says. */
export function toDeviceCapabilities(caps: EsclCapabilities): DeviceCapabilities {
  const inputs = [caps.platen, caps.adfSimplex, caps.adfDuplex].filter(
    (c): c is EsclInputCaps => !!c,
  );
  const sources: PaperSource[] = [];
  if (caps.platen) sources.push('flatbed');
  if (caps.adfSimplex || caps.adfDuplex) sources.push('feeder');
  const modes = new Set<ColorMode>();
  const dpis = new Set<number>();
  for (const input of inputs) {
    for (const m of input.colorModes) modes.add(TO_COLOR[m]);
    for (const d of input.resolutions) dpis.add(d);
  }
  const maxW = Math.max(0, ...inputs.map((c) => c.maxWidth));
  const maxH = Math.max(0, ...inputs.map((c) => c.maxHeight));
  return {
    sources,
    duplex: !!caps.adfDuplex || caps.adfOptions.includes('Duplex'),
    colorModes: (['color', 'grey', 'bw'] as const).filter((m) => modes.has(m)),
    resolutions: [...dpis].sort((a, b) => a - b),
    ...(maxW ? { maxWidthMm: toMm(maxW) } : {}),
    ...(maxH ? { maxHeightMm: toMm(maxH) } : {}),
  };
}

/** The input capabilities that govern a scan with these settings. */
export function inputCapsFor(
  caps: EsclCapabilities,
  settings: Pick<ScanSettings, 'source' | 'duplex'>,
): EsclInputCaps | undefined {
  if (settings.source === 'flatbed') return caps.platen;
  return settings.duplex ? (caps.adfDuplex ?? caps.adfSimplex) : caps.adfSimplex;
}

/** A4 in eSCL units; the scan region is A4 clipped to what the device can take. */
const A4 = {
  width: Math.round((210 / MM_PER_INCH) * 300),
  height: Math.round((297 / MM_PER_INCH) * 300),
};

export interface ScanRequest {
  settings: ScanSettings;
  input: EsclInputCaps;
  version: string;
  documentFormat: string;
}

/** Picks the image format: JPEG for colour and grey (what the pipeline keeps), PNG otherwise. */
export function chooseDocumentFormat(input: EsclInputCaps, colorMode: ColorMode): string {
  const has = (f: string) => input.documentFormats.includes(f);
  if (colorMode === 'bw' && has('image/png')) return 'image/png';
  if (has('image/jpeg')) return 'image/jpeg';
  if (has('image/png')) return 'image/png';
  if (has('application/pdf')) return 'application/pdf';
  return 'image/jpeg';
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressBooleanAttributes: false,
});

export function buildScanSettings(req: ScanRequest): string {
  const { settings, input } = req;
  const width = input.maxWidth ? Math.min(A4.width, input.maxWidth) : A4.width;
  const height = input.maxHeight ? Math.min(A4.height, input.maxHeight) : A4.height;
  const body: Node = {
    '@_xmlns:scan': ESCL_NS,
    '@_xmlns:pwg': PWG_NS,
    'pwg:Version': req.version,
    // Some devices refuse an Intent they did not list (409); sane-airscan never sends one.
    ...(input.intents.includes('Document') ? { 'scan:Intent': 'Document' } : {}),
    'pwg:ScanRegions': {
      'pwg:ScanRegion': {
        'pwg:Height': height,
        'pwg:ContentRegionUnits': 'escl:ThreeHundredthsOfInches',
        'pwg:Width': width,
        'pwg:XOffset': 0,
        'pwg:YOffset': 0,
      },
    },
    'pwg:InputSource': settings.source === 'flatbed' ? 'Platen' : 'Feeder',
    'pwg:DocumentFormat': req.documentFormat,
    ...(input.formatExt ? { 'scan:DocumentFormatExt': req.documentFormat } : {}),
    'scan:ColorMode': FROM_COLOR[settings.colorMode],
    'scan:XResolution': settings.dpi,
    'scan:YResolution': settings.dpi,
    ...(settings.source === 'feeder' ? { 'scan:Duplex': settings.duplex } : {}),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ 'scan:ScanSettings': body })}`;
}

/** What a device receives, read back (the emulator uses it; a test checks the round trip). */
export interface ParsedScanSettings {
  inputSource: string;
  colorMode: string;
  xResolution: number;
  yResolution: number;
  duplex: boolean;
  documentFormat: string;
  region?: { width: number; height: number; xOffset: number; yOffset: number };
}

export function parseScanSettings(xml: string): ParsedScanSettings {
  const root = parseRoot(xml, 'ScanSettings');
  // Without prefixes, scan:X and pwg:X of the same name merge into a list: the first one counts.
  const first = (v: unknown) => text(arr(v)[0]);
  const firstInt = (v: unknown) => int(arr(v)[0]);
  const region = obj(obj(root.ScanRegions)?.ScanRegion);
  const w = int(region?.Width);
  const h = int(region?.Height);
  return {
    inputSource: first(root.InputSource) ?? 'Platen',
    colorMode: first(root.ColorMode) ?? 'RGB24',
    xResolution: firstInt(root.XResolution) ?? 300,
    yResolution: firstInt(root.YResolution) ?? firstInt(root.XResolution) ?? 300,
    duplex: first(root.Duplex) === 'true',
    documentFormat: first(root.DocumentFormatExt) ?? first(root.DocumentFormat) ?? 'image/jpeg',
    ...(w && h
      ? {
          region: {
            width: w,
            height: h,
            xOffset: int(region?.XOffset) ?? 0,
            yOffset: int(region?.YOffset) ?? 0,
          },
        }
      : {}),
  };
}
