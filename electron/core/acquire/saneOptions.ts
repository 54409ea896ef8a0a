// What `scanimage` prints, read: the device list (`-f` with our own format) and a device's
// options (`-A`), and the command line for a scan. Pure functions, so they are tested on the
// text real backends print without a scanner.
import type { ColorMode, DeviceCapabilities, DeviceInfo, ScanSettings } from './source';

/** `scanimage -f` format: one device a line, fields separated by tabs (names may hold spaces). */
export const SANE_LIST_FORMAT = '%d\t%v\t%m\t%t%n';

export function parseDeviceList(stdout: string): DeviceInfo[] {
  return stdout
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f.length >= 3 && f[0]!.trim() !== '')
    .map(([id, vendor, model, type]) => ({
      id: id!.trim(),
      kind: 'sane' as const,
      name: `${vendor ?? ''} ${model ?? ''}`.trim() || id!.trim(),
      model: [vendor, model, type ? `(${type})` : '']
        .filter((s) => s && s.trim())
        .join(' ')
        .trim(),
    }));
}

export type SaneValues =
  { kind: 'list'; values: string[] } | { kind: 'range'; min: number; max: number };

/** The options a SANE device offers, by name (`source`, `mode`, `resolution`, `x`, `y`). */
export type SaneOptions = Map<string, SaneValues>;

// `    --mode Lineart|Gray|Color [Color]`, `    --resolution 50..600dpi (in steps of 1) [300]`,
// `    -x 0..215.9mm [215.9]`; inactive options are listed too but cannot be set.
const OPTION_LINE = /^\s+(?:--([a-z0-9-]+)|-([lxyt]))\s+(.+?)\s+\[(.*)\]\s*$/i;

export function parseOptions(stdout: string): SaneOptions {
  const out: SaneOptions = new Map();
  for (const line of stdout.split('\n')) {
    const m = OPTION_LINE.exec(line);
    if (!m || m[4] === 'inactive') continue;
    const name = (m[1] ?? m[2])!;
    const spec = m[3]!.replace(/\s*\(in steps of [^)]*\)/, '');
    const range = /^(-?[\d.]+)\.\.(-?[\d.]+)(?:dpi|mm|%)?$/.exec(spec);
    if (range) {
      out.set(name, { kind: 'range', min: Number(range[1]), max: Number(range[2]) });
    } else if (spec.includes('|')) {
      out.set(name, {
        kind: 'list',
        values: spec.replace(/(dpi|mm)$/, '').split('|'),
      });
    }
  }
  return out;
}

const list = (o: SaneValues | undefined) => (o?.kind === 'list' ? o.values : []);

const FEEDER = /adf|feeder|automatic document/i;
const DUPLEX = /duplex/i;
const FLATBED = /flatbed|platen|normal/i;

/** The device's own name for a paper source, or undefined if it has none that fits. */
export function sourceValue(
  options: SaneOptions,
  settings: Pick<ScanSettings, 'source' | 'duplex'>,
): string | undefined {
  const sources = list(options.get('source'));
  if (settings.source === 'flatbed') return sources.find((s) => FLATBED.test(s));
  const feeders = sources.filter((s) => FEEDER.test(s));
  if (settings.duplex) return feeders.find((s) => DUPLEX.test(s));
  // "ADF Front" before "ADF Back"; simplex never picks the duplex entry.
  return feeders.find((s) => !DUPLEX.test(s) && !/back/i.test(s));
}

const MODE_PATTERNS: Record<ColorMode, RegExp> = {
  color: /^colou?r/i,
  grey: /^gr[ae]y/i,
  bw: /^(lineart|binary|black)/i,
};

export function modeValue(options: SaneOptions, mode: ColorMode): string | undefined {
  return list(options.get('mode')).find((m) => MODE_PATTERNS[mode].test(m));
}

export function resolutionsOf(options: SaneOptions): number[] {
  const r = options.get('resolution');
  if (!r) return [];
  if (r.kind === 'list') return r.values.map(Number).filter((n) => n > 0);
  return [75, 100, 150, 200, 300, 400, 600, 1200].filter((d) => d >= r.min && d <= r.max);
}

export function toCapabilities(options: SaneOptions): DeviceCapabilities {
  const sources = list(options.get('source'));
  const hasFeeder = sources.some((s) => FEEDER.test(s));
  // A device without a source option is a flatbed.
  const hasFlatbed = sources.length === 0 || sources.some((s) => FLATBED.test(s));
  const x = options.get('x');
  const y = options.get('y');
  return {
    sources: [
      ...(hasFlatbed ? (['flatbed'] as const) : []),
      ...(hasFeeder ? (['feeder'] as const) : []),
    ],
    duplex: sources.some((s) => FEEDER.test(s) && DUPLEX.test(s)),
    colorModes: (['color', 'grey', 'bw'] as const).filter((m) => modeValue(options, m)),
    resolutions: resolutionsOf(options),
    ...(x?.kind === 'range' ? { maxWidthMm: x.max } : {}),
    ...(y?.kind === 'range' ? { maxHeightMm: y.max } : {}),
  };
}

export interface SaneScanPlan {
  args: string[];
  dpi: number;
  ext: 'jpg' | 'png';
}

/**
 * The scanimage command line for a scan into `dir` as page-001.jpg, page-002.jpg, …; always a
 * batch (a flatbed is a batch of one), so every page is announced on stdout when it is complete.
 * Returns null when the device cannot do what is asked.
 */
export function scanPlan(
  device: string,
  options: SaneOptions,
  settings: ScanSettings,
  dir: string,
  extraArgs: readonly string[] = [],
): SaneScanPlan | null {
  const args = ['-d', device];
  const source = sourceValue(options, settings);
  if (options.has('source')) {
    if (!source) return null;
    args.push('--source', source);
  } else if (settings.source === 'feeder') return null;
  const mode = modeValue(options, settings.colorMode);
  if (options.has('mode')) {
    if (!mode) return null;
    args.push('--mode', mode);
  }
  let dpi = settings.dpi;
  const res = options.get('resolution');
  if (res?.kind === 'list') {
    const offered = res.values.map(Number).sort((a, b) => a - b);
    dpi = offered.find((d) => d >= dpi) ?? offered.at(-1) ?? dpi;
  } else if (res?.kind === 'range') dpi = Math.min(res.max, Math.max(res.min, dpi));
  if (res) args.push('--resolution', String(dpi));
  // Bilevel pages stay lossless; colour and grey come as JPEG, as network scanners send them.
  const ext = settings.colorMode === 'bw' ? 'png' : 'jpg';
  args.push(
    `--format=${ext === 'png' ? 'png' : 'jpeg'}`,
    `--batch=${dir}/page-%03d.${ext}`,
    '--batch-print',
    ...(settings.source === 'flatbed' ? ['--batch-count=1'] : []),
    ...extraArgs,
  );
  return { args, dpi, ext };
}

/** A scanimage message on stderr, as the typed error it means (null: not an error we know). */
export function saneError(
  stderr: string,
):
  | 'SCANNER_FEEDER_EMPTY'
  | 'SCANNER_PAPER_JAM'
  | 'SCANNER_BUSY'
  | 'SCANNER_COVER_OPEN'
  | 'SCANNER_SETTINGS_UNSUPPORTED'
  | 'SCANNER_NOT_FOUND'
  | 'SCANNER_UNREACHABLE'
  | null {
  // The texts are sane_strstatus() of SANE 1.x (sanei/sanei_init_debug: the same in every backend).
  if (/Document feeder jammed/i.test(stderr)) return 'SCANNER_PAPER_JAM';
  if (/Scanner cover is open/i.test(stderr)) return 'SCANNER_COVER_OPEN';
  if (/Device busy/i.test(stderr)) return 'SCANNER_BUSY';
  if (/Document feeder out of documents/i.test(stderr)) return 'SCANNER_FEEDER_EMPTY';
  // scanimage says "Invalid argument" when the device name is unknown to every backend.
  if (/open of device .* failed: Invalid argument/i.test(stderr)) return 'SCANNER_NOT_FOUND';
  if (/Invalid argument/i.test(stderr)) return 'SCANNER_SETTINGS_UNSUPPORTED';
  if (/open of device .* failed|Error during device I\/O/i.test(stderr))
    return 'SCANNER_UNREACHABLE';
  return null;
}
