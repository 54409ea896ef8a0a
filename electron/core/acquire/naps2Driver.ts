// The TWAIN/WIA source (Windows): runs NAPS2.Console.exe (naps2Console.ts builds its command and
// reads its output). NAPS2's console writes the page files only when the whole scan is over, so
// progress comes from its "Scanned page N." lines and the pages follow at the end, in order.
// The console cannot report a device's capabilities; the desk offers the usual ones and the
// device's own refusal (no feeder, no duplex) comes back as a typed error on scan.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { SohoaError } from '../../../shared/errors';
import {
  listDevicesArgs,
  naps2Candidates,
  naps2Error,
  parseDeviceList,
  scanArgs,
  scannedPage,
  splitDeviceId,
  type Naps2Driver as Naps2DriverName,
} from './naps2Console';
import type {
  AcquireOptions,
  AcquiredPage,
  DeviceCapabilities,
  DeviceInfo,
  ScanSettings,
  SourceDriver,
} from './source';

const execFileP = promisify(execFile);

export interface Naps2DriverOptions {
  /** NAPS2.Console.exe; found in the usual install folders (or SOHOA_NAPS2) when omitted. */
  executable?: string;
  drivers?: readonly Naps2DriverName[];
}

/** The console where it is installed, or null (then the source is simply absent). */
export function findNaps2(env: NodeJS.ProcessEnv = process.env): string | null {
  return naps2Candidates(env).find((p) => existsSync(p)) ?? null;
}

const TOOL = 'NAPS2 (NAPS2.Console.exe)';

export class Naps2Driver implements SourceDriver {
  readonly kind = 'naps2' as const;
  private readonly exe: string | null;

  constructor(private readonly config: Naps2DriverOptions = {}) {
    this.exe = config.executable ?? findNaps2();
  }

  get available(): boolean {
    return this.exe !== null;
  }

  private executable(): string {
    if (!this.exe) throw new SohoaError('SCANNER_TOOL_MISSING', TOOL);
    return this.exe;
  }

  async listDevices(options: { signal?: AbortSignal } = {}): Promise<DeviceInfo[]> {
    const exe = this.executable();
    const drivers = this.config.drivers ?? ['wia', 'twain'];
    const lists = await Promise.all(
      drivers.map(async (driver) => {
        try {
          const r = await execFileP(exe, listDevicesArgs(driver), {
            timeout: 30_000,
            windowsHide: true,
            ...(options.signal ? { signal: options.signal } : {}),
          });
          return parseDeviceList(r.stdout, driver);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT')
            throw new SohoaError('SCANNER_TOOL_MISSING', TOOL, { cause: e });
          return []; // One driver failing (no TWAIN DSM installed) must not hide the others.
        }
      }),
    );
    return lists.flat();
  }

  capabilities(deviceId: string): Promise<DeviceCapabilities> {
    if (!splitDeviceId(deviceId)) throw new SohoaError('SCANNER_NOT_FOUND', deviceId);
    return Promise.resolve({
      sources: ['flatbed', 'feeder'],
      duplex: true,
      colorModes: ['color', 'grey', 'bw'],
      resolutions: [100, 150, 200, 300, 400, 600],
    });
  }

  async *acquire(
    deviceId: string,
    settings: ScanSettings,
    options: AcquireOptions = {},
  ): AsyncGenerator<AcquiredPage> {
    const exe = this.executable();
    const { signal, onProgress } = options;
    const name = splitDeviceId(deviceId)?.name ?? deviceId;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-naps2-'));
    try {
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(exe, scanArgs(deviceId, settings, dir), {
          windowsHide: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let text = '';
        const onAbort = () => child.kill();
        signal?.addEventListener('abort', onAbort, { once: true });
        // The app quitting mid-scan must not leave the console driving the scanner on its own.
        const onExit = () => child.kill();
        process.once('exit', onExit);
        for (const stream of [child.stdout, child.stderr]) {
          createInterface({ input: stream }).on('line', (line) => {
            text += `${line}\n`;
            const n = scannedPage(line);
            if (n !== null) onProgress?.({ pagesDone: n });
          });
        }
        child.on('error', (e) =>
          reject(
            (e as NodeJS.ErrnoException).code === 'ENOENT'
              ? new SohoaError('SCANNER_TOOL_MISSING', TOOL, { cause: e })
              : new SohoaError('SCANNER_FAILED', name, { cause: e }),
          ),
        );
        child.on('close', () => {
          signal?.removeEventListener('abort', onAbort);
          process.off('exit', onExit);
          if (signal?.aborted) reject(new SohoaError('SCAN_CANCELLED', name));
          else resolve(text);
        });
      });
      const files = (await fs.readdir(dir)).filter((f) => /^page-\d+\.(jpg|png)$/.test(f)).sort();
      const code = naps2Error(output);
      // A jam after some pages: keep those pages, then report (same as the other sources).
      if (files.length === 0) throw new SohoaError(code ?? 'SCANNER_FAILED', name);
      let index = 0;
      for (const file of files) {
        const data = await fs.readFile(path.join(dir, file));
        yield {
          name: `page-${String(index + 1).padStart(3, '0')}${path.extname(file)}`,
          read: () => Promise.resolve(data),
          index,
          ...(settings.source === 'feeder' && settings.duplex
            ? { side: index % 2 === 0 ? ('front' as const) : ('back' as const) }
            : {}),
        };
        index++;
      }
      if (code && code !== 'SCANNER_FEEDER_EMPTY') throw new SohoaError(code, name);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}
