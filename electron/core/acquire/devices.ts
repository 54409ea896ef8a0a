// All scanners the desk can reach, across sources: configured eSCL addresses (settings or
// SOHOA_ESCL), SANE devices (where scanimage is installed) and TWAIN/WIA through NAPS2 (where it
// is installed). A source that is missing or failing does not hide the others; what went wrong
// is returned beside the list so the screen can say it.
import { asErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { EsclDriver, esclBaseUrl, type EsclDriverOptions } from './esclDriver';
import { Naps2Driver, findNaps2 } from './naps2Driver';
import { SaneDriver, type SaneDriverOptions } from './saneDriver';
import type { DeviceInfo, ScanSettings, SourceDriver, SourceKind } from './source';

export type ScannerKind = Extract<SourceKind, 'escl' | 'sane' | 'naps2'>;

/** A scanner IT named in the settings (shared/settings.ts ScannerSettings, the parts used here). */
export interface ConfiguredScanner {
  name: string;
  kind: 'escl' | 'sane' | 'twain';
  address: string;
  /** The settings screen's defaults for this scanner. */
  dpi?: number;
  colour?: 'bilevel' | 'grey' | 'colour';
  duplex?: boolean;
}

/** A configured scanner's defaults as scan settings (what the screen pre-fills). */
export function scanDefaults(
  c: ConfiguredScanner,
): Partial<Pick<ScanSettings, 'dpi' | 'colorMode' | 'duplex'>> {
  const colorMode =
    c.colour === 'bilevel' ? 'bw' : c.colour === 'grey' ? 'grey' : c.colour ? 'color' : undefined;
  return {
    ...(c.dpi ? { dpi: c.dpi } : {}),
    ...(colorMode ? { colorMode } : {}),
    ...(c.duplex !== undefined ? { duplex: c.duplex } : {}),
  };
}

export interface DeviceRegistryOptions {
  configured?: readonly ConfiguredScanner[];
  /** Extra eSCL addresses (SOHOA_ESCL: comma- or space-separated). */
  esclAddresses?: readonly string[];
  escl?: Omit<EsclDriverOptions, 'addresses'>;
  /** false: no SANE source (Windows, or IT turned it off). */
  sane?: SaneDriverOptions | false;
  /** false: no NAPS2 source; undefined: used when NAPS2 is installed. */
  naps2?: { executable?: string } | false;
}

/** mDNS discovery is on unless SOHOA_MDNS=0 (networks that forbid multicast, tests). */
export function mdnsFromEnv(env: NodeJS.ProcessEnv = process.env): { timeoutMs: number } | false {
  return env.SOHOA_MDNS === '0' ? false : { timeoutMs: Number(env.SOHOA_MDNS_MS) || 2500 };
}

export function esclAddressesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.SOHOA_ESCL ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface DeviceListing {
  devices: DeviceInfo[];
  /** Per source that could not list (tool missing, timeout): the typed error. */
  problems: ErrorInfo[];
}

export class DeviceRegistry {
  readonly drivers: ReadonlyMap<ScannerKind, SourceDriver>;
  private readonly configured: Map<string, ConfiguredScanner>;
  /** `kind|id` of every scanner IT set up (Settings or SOHOA_ESCL), as devicesKnown keys them. */
  private readonly configuredKeys: Set<string>;

  constructor(options: DeviceRegistryOptions = {}) {
    const configured = options.configured ?? [];
    const escl = [
      ...configured.filter((c) => c.kind === 'escl').map((c) => c.address),
      ...(options.esclAddresses ?? []),
    ];
    const drivers = new Map<ScannerKind, SourceDriver>();
    drivers.set('escl', new EsclDriver({ ...options.escl, addresses: escl }));
    if (options.sane !== false) drivers.set('sane', new SaneDriver(options.sane ?? {}));
    if (options.naps2 !== false) {
      const executable = options.naps2?.executable ?? findNaps2();
      if (executable) drivers.set('naps2', new Naps2Driver({ executable }));
    }
    this.drivers = drivers;
    // The name IT gave a scanner wins over what the device calls itself.
    this.configured = new Map();
    for (const c of configured) {
      const key =
        c.kind === 'escl'
          ? `escl|${safeBase(c.address)}`
          : c.kind === 'sane'
            ? `sane|${c.address}`
            : `naps2|${c.address}`;
      this.configured.set(key, c);
    }
    this.configuredKeys = new Set([
      ...this.configured.keys(),
      ...(options.esclAddresses ?? []).map((a) => `escl|${safeBase(a)}`),
    ]);
  }

  /** Whether IT configured this device (`key` as `deviceKey` in devicesKnown.ts spells it). */
  isConfigured(key: string): boolean {
    return this.configuredKeys.has(key);
  }

  /** The settings entry for a listed device, if IT configured it. */
  configuredFor(device: Pick<DeviceInfo, 'kind' | 'id'>): ConfiguredScanner | undefined {
    return this.configured.get(`${device.kind}|${device.id}`);
  }

  driver(kind: ScannerKind): SourceDriver | undefined {
    return this.drivers.get(kind);
  }

  async listDevices(signal?: AbortSignal): Promise<DeviceListing> {
    const problems: ErrorInfo[] = [];
    const lists = await Promise.all(
      [...this.drivers.values()].map(async (driver) => {
        try {
          return await driver.listDevices(signal ? { signal } : {});
        } catch (e) {
          const info = asErrorInfo(e, 'SCANNER_FAILED', driver.kind);
          // scanimage absent is normal on Windows and needs no message there.
          if (!(info.code === 'SCANNER_TOOL_MISSING' && process.platform === 'win32'))
            problems.push(info);
          return [];
        }
      }),
    );
    const devices = lists.flat().map((d) => {
      const label = this.configuredFor(d)?.name;
      return label ? { ...d, name: label } : d;
    });
    return { devices, problems };
  }
}

function safeBase(address: string): string {
  try {
    return esclBaseUrl(address);
  } catch {
    return address;
  }
}
