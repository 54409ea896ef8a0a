// Handlers for shared/contracts/acquire.ts: one core call per channel. The scanner list is
// rebuilt from the saved settings (and SOHOA_ESCL) on every call, so a scanner IT adds in the
// settings screen shows up without a restart; scan jobs live as long as the core. The page may
// only name a scanner this core listed or IT configured (acquire/devicesKnown.ts): a device id is
// a URL or a device string the core would otherwise open for anyone.
import path from 'node:path';
import { SCAN_PAGES_CHUNK, type ACQUIRE_CHANNELS } from '../../../shared/contracts/acquire';
import { SohoaError } from '../../../shared/errors';
import {
  DeviceRegistry,
  esclAddressesFromEnv,
  mdnsFromEnv,
  scanDefaults,
} from '../acquire/devices';
import { KnownDevices } from '../acquire/devicesKnown';
import { ScanJobs } from '../acquire/devicesScanJobs';
import { filePinStore } from '../acquire/esclHttps';
import type { DomainHandlers, HandlerContext } from './context';

export function createAcquireHandlers(
  context: HandlerContext,
  options: { registry?: () => DeviceRegistry; scanJobs?: ScanJobs; known?: KnownDevices } = {},
): DomainHandlers<typeof ACQUIRE_CHANNELS> {
  const registry = options.registry ?? (() => registryFromSettings(context));
  const jobs =
    options.scanJobs ?? new ScanJobs(path.join(context.core.paths.root, 'scans'), registry);
  const known = options.known ?? new KnownDevices();

  /** The driver and the id to open, for a device the page named; refused unless known. */
  const deviceFor = (kind: 'escl' | 'sane' | 'naps2', id: string) => {
    const reg = registry();
    const driver = reg.driver(kind);
    // Only NAPS2 can be absent: it is a separate program IT installs.
    if (!driver)
      throw kind === 'naps2'
        ? new SohoaError('SCANNER_TOOL_MISSING', 'NAPS2 (NAPS2.Console.exe)')
        : new SohoaError('SCANNER_NOT_FOUND', id);
    return { driver, id: known.resolve(kind, id, (key) => reg.isConfigured(key)) };
  };

  return {
    async listScanners() {
      const reg = registry();
      const { devices, problems } = await reg.listDevices();
      const scanners = devices.flatMap((d) => {
        if (d.kind !== 'escl' && d.kind !== 'sane' && d.kind !== 'naps2') return [];
        const configured = reg.configuredFor(d);
        return [
          { ...d, kind: d.kind, ...(configured ? { defaults: scanDefaults(configured) } : {}) },
        ];
      });
      // What the page may scan from next: what this core just found.
      known.remember(scanners);
      return {
        scanners,
        problems,
      };
    },
    scannerCapabilities({ kind, id }) {
      const device = deviceFor(kind, id);
      return device.driver.capabilities(device.id);
    },
    startScan({ kind, id, name, settings }) {
      const device = deviceFor(kind, id);
      return jobs.start(kind, device.id, settings, name ?? device.id);
    },
    scanStatus({ jobId }) {
      return jobs.status(jobId);
    },
    cancelScan({ jobId }) {
      return jobs.cancel(jobId);
    },
    async scanPages({ jobId, from }) {
      const manifest = await jobs.status(jobId);
      const slice = manifest.pages.slice(from, from + SCAN_PAGES_CHUNK);
      const read = await jobs.readPages(
        jobId,
        slice.map((p) => p.name),
      );
      const end = from + slice.length;
      return {
        pages: read.map(({ page, data }) => ({
          name: page.name,
          ...(page.side ? { side: page.side } : {}),
          dataBase64: data.toString('base64'),
        })),
        next: end < manifest.pages.length ? end : null,
      };
    },
    async listScans() {
      return { jobs: await jobs.list() };
    },
    async discardScan({ jobId }) {
      await jobs.discard(jobId);
      return { discarded: true as const };
    },
  };
}

/** The scanners IT saved in the settings screen, plus SOHOA_ESCL for a quick setup. */
function registryFromSettings({ core, settings, env }: HandlerContext): DeviceRegistry {
  return new DeviceRegistry({
    escl: {
      discover: mdnsFromEnv(env),
      pins: filePinStore(path.join(core.paths.root, 'escl-pins.json')),
    },
    // Unreadable settings must not hide SANE or NAPS2 scanners.
    configured: settings.saved()?.scanners ?? [],
    esclAddresses: esclAddressesFromEnv(env),
  });
}
