// TWAIN and WIA scanners on Windows through NAPS2's command-line console (NAPS2.Console.exe,
// GPL, installed separately by IT): NAPS2 already speaks TWAIN, WIA, eSCL and SANE and handles
// the drivers' quirks, so the desk drives it instead of binding TWAIN itself. This file holds the
// pure parts — where the console lives, the command line, and reading what it prints — so they
// are tested on any OS. Option names and messages are those of NAPS2 7/8
// (NAPS2.Lib/Automation/AutomatedScanningOptions.cs, NAPS2.Sdk/Lang/Resources/SdkResources.resx).
import type { ErrorCode } from '../../../shared/errors';
import type { ColorMode, DeviceInfo, ScanSettings } from './source';

export type Naps2Driver = 'wia' | 'twain' | 'escl' | 'sane';

/** Where the Windows installer puts the console; SOHOA_NAPS2 (env) wins. */
export function naps2Candidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (env.SOHOA_NAPS2) out.push(env.SOHOA_NAPS2);
  for (const root of [env.ProgramFiles, env['ProgramFiles(x86)'], 'C:\\Program Files']) {
    if (root) out.push(`${root}\\NAPS2\\NAPS2.Console.exe`);
  }
  return [...new Set(out)];
}

/** `--listdevices` prints one device name a line, nothing else. */
export function listDevicesArgs(driver: Naps2Driver): string[] {
  return ['--listdevices', '--driver', driver];
}

/** A device id carries its driver: `wia:Canon DR-C225`. */
export function naps2DeviceId(driver: Naps2Driver, name: string): string {
  return `${driver}:${name}`;
}

export function splitDeviceId(id: string): { driver: Naps2Driver; name: string } | null {
  const m = /^(wia|twain|escl|sane):(.+)$/.exec(id);
  return m ? { driver: m[1] as Naps2Driver, name: m[2]! } : null;
}

export function parseDeviceList(stdout: string, driver: Naps2Driver): DeviceInfo[] {
  return stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !isNaps2Message(l))
    .map((name) => ({
      id: naps2DeviceId(driver, name),
      kind: 'naps2' as const,
      name,
      model: `${name} (${driver.toUpperCase()})`,
    }));
}

const BIT_DEPTH: Record<ColorMode, string> = { color: 'color', grey: 'gray', bw: 'bw' };

/**
 * The console command for one scan into `outDir`: `--noprofile` so the clerk's own NAPS2
 * profiles are neither needed nor changed, every setting on the command line, one image file
 * per page (`$(nnnn)` numbers them), `-v` so each page is announced as it is scanned.
 */
export function scanArgs(deviceId: string, settings: ScanSettings, outDir: string): string[] {
  const dev = splitDeviceId(deviceId);
  if (!dev) throw new Error(`not a NAPS2 device id: ${deviceId}`);
  const source = settings.source === 'flatbed' ? 'glass' : settings.duplex ? 'duplex' : 'feeder';
  const ext = settings.colorMode === 'bw' ? 'png' : 'jpg';
  const sep = outDir.includes('\\') ? '\\' : '/';
  return [
    '--noprofile',
    '--driver',
    dev.driver,
    '--device',
    dev.name,
    '--source',
    source,
    '--dpi',
    String(settings.dpi),
    '--bitdepth',
    BIT_DEPTH[settings.colorMode],
    '--pagesize',
    'a4',
    '--jpegquality',
    '85',
    '-o',
    `${outDir}${sep}page-$(nnnn).${ext}`,
    '--force',
    '-v',
  ];
}

/** "Scanned page 3." → 3 (NAPS2's ConsoleResources.ScannedPage, English UI). */
export function scannedPage(line: string): number | null {
  const m = /^Scanned page (\d+)\.?\s*$/.exec(line.trim());
  return m ? Number(m[1]) : null;
}

// SdkResources (English): the driver errors the console prints instead of pages.
const MESSAGES: [RegExp, ErrorCode][] = [
  [/No pages are in the feeder/i, 'SCANNER_FEEDER_EMPTY'],
  [/paper jam/i, 'SCANNER_PAPER_JAM'],
  [/cover is open/i, 'SCANNER_COVER_OPEN'],
  [/scanner is busy|is warming up/i, 'SCANNER_BUSY'],
  [
    /scanner is offline|Communication with the scanning device was interrupted/i,
    'SCANNER_UNREACHABLE',
  ],
  [/could not be found|No scanning device was found|No device selected/i, 'SCANNER_NOT_FOUND'],
  [
    /does not support using (a feeder|duplex)|driver is not supported/i,
    'SCANNER_SETTINGS_UNSUPPORTED',
  ],
  [/error occurred with the scanning driver/i, 'SCANNER_FAILED'],
];

export function naps2Error(output: string): ErrorCode | null {
  for (const [re, code] of MESSAGES) if (re.test(output)) return code;
  return null;
}

function isNaps2Message(line: string): boolean {
  return naps2Error(line) !== null;
}
