// Which scanners a page may ask the core to open: the renderer never chooses freely what the
// core opens. A device id is an eSCL URL, a SANE device string or a NAPS2 name, so a free one
// would let a compromised page send HTTP requests anywhere on the office network or open any
// SANE backend. Accepted: the devices this core listed itself (remembered for a day) and the
// scanners IT configured (Settings, SOHOA_ESCL). Anything else is refused before any driver is
// touched.
import { SohoaError } from '../../../shared/errors';
import { esclBaseUrl } from './esclDriver';
import type { ScannerKind } from './devices';

/**
 * A listed device stays usable this long without listing again: longer than a screen stays open
 * in a working day (the screens list once and keep the list), short enough that a network
 * address reassigned overnight is listed afresh before it is scanned from.
 */
export const LISTED_DEVICE_TTL_MS = 24 * 3600 * 1000;
/** Bounds the memory if discovery keeps announcing new devices. */
const MAX_REMEMBERED = 500;

/** The one spelling of a device id used to compare: eSCL URLs as their base URL. */
export function deviceKey(kind: ScannerKind, id: string): string | null {
  if (kind !== 'escl') return `${kind}|${id}`;
  try {
    return `escl|${esclBaseUrl(id)}`;
  } catch {
    return null;
  }
}

export class KnownDevices {
  /** key → the id as listed, and when. Insertion order is refresh order (oldest first). */
  private readonly listed = new Map<string, { id: string; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = LISTED_DEVICE_TTL_MS,
  ) {}

  /** Called with every listing the core made itself. */
  remember(devices: readonly { kind: ScannerKind; id: string }[]): void {
    const at = this.now();
    for (const d of devices) {
      const key = deviceKey(d.kind, d.id);
      if (!key) continue;
      this.listed.delete(key);
      this.listed.set(key, { id: d.id, at });
    }
    for (const key of this.listed.keys()) {
      if (this.listed.size <= MAX_REMEMBERED) break;
      this.listed.delete(key);
    }
  }

  /**
   * The id to open for what the page sent: a listed device's id as listed, or a configured one's.
   * Throws SCANNER_NOT_LISTED otherwise.
   */
  resolve(kind: ScannerKind, id: string, configured: (key: string) => boolean): string {
    const key = deviceKey(kind, id);
    if (key) {
      const seen = this.listed.get(key);
      if (seen && this.now() - seen.at <= this.ttlMs) return seen.id;
      if (configured(key)) return kind === 'escl' ? key.slice('escl|'.length) : id;
    }
    throw new SohoaError('SCANNER_NOT_LISTED', id);
  }
}
