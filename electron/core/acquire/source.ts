// The one interface every way of getting pages into the desk speaks: network scanners
// (eSCL/AirScan), SANE's scanimage, TWAIN/WIA through an external engine, the hot folder and
// file import. The reception and batch screens only ever see this.
import type { PageSource } from '../pipeline/types';

export type SourceKind = 'escl' | 'sane' | 'naps2' | 'hotfolder' | 'files';
export type PaperSource = 'flatbed' | 'feeder';
export type ColorMode = 'color' | 'grey' | 'bw';

export interface DeviceInfo {
  /** Stable id within its kind, e.g. the eSCL base URL or the SANE device name. */
  id: string;
  kind: SourceKind;
  name: string;
  /** Maker and model when the device says so. */
  model?: string;
  /** False when a configured device did not answer (listed anyway, so the clerk sees it). */
  online?: boolean;
}

export interface DeviceCapabilities {
  sources: PaperSource[];
  duplex: boolean;
  colorModes: ColorMode[];
  /** Resolutions in dpi the device accepts. */
  resolutions: number[];
  /** Largest scan area in millimetres, when known. */
  maxWidthMm?: number;
  maxHeightMm?: number;
}

/** What the clerk asked for; the defaults the digitization rules set for reception scans are colour at 200 dpi. */
export interface ScanSettings {
  source: PaperSource;
  duplex: boolean;
  colorMode: ColorMode;
  dpi: number;
}

export const DEFAULT_SCAN_SETTINGS: ScanSettings = {
  source: 'feeder',
  duplex: false,
  colorMode: 'color',
  dpi: 200,
};

/** One page as it came off the device (or out of the folder), ready for the pipeline. */
export interface AcquiredPage extends PageSource {
  /** 0-based position in this acquisition, in the order the device delivered it. */
  index: number;
  /** Front or back when the device scanned duplex. */
  side?: 'front' | 'back';
}

export interface AcquireProgress {
  pagesDone: number;
  /** Known only for some sources (a folder import, a fixed-count scan). */
  pagesExpected?: number;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  onProgress?: (progress: AcquireProgress) => void;
}

/**
 * A driver for one kind of source. `acquire` yields pages as they arrive so the pipeline can
 * start on page 1 while page 2 is still in the feeder; device failures (feeder empty, jam,
 * unreachable) are thrown as SohoaError with a code from shared/errorMessages/acquire.ts.
 */
export interface SourceDriver {
  readonly kind: SourceKind;
  listDevices(options?: { signal?: AbortSignal }): Promise<DeviceInfo[]>;
  capabilities(deviceId: string): Promise<DeviceCapabilities>;
  acquire(
    deviceId: string,
    settings: ScanSettings,
    options?: AcquireOptions,
  ): AsyncIterable<AcquiredPage>;
}
