// Scanners on Linux through SANE's own front end, `scanimage` (Debian `sane-utils`): every SANE
// backend (USB scanners, `net:` shares, `airscan:`) without binding libsane from Node. A scan is
// one `scanimage --batch --batch-print` process: each page is written by scanimage and its name
// printed when complete, so pages reach the desk while the feeder still runs. Cancel ends the
// process (SIGTERM lets scanimage call sane_cancel, then SIGKILL if it hangs).
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { SohoaError } from '../../../shared/errors';
import {
  SANE_LIST_FORMAT,
  parseDeviceList,
  parseOptions,
  saneError,
  scanPlan,
  toCapabilities,
  type SaneOptions,
} from './saneOptions';
import type {
  AcquireOptions,
  AcquiredPage,
  DeviceCapabilities,
  DeviceInfo,
  ScanSettings,
  SourceDriver,
} from './source';

const execFileP = promisify(execFile);

export interface SaneDriverOptions {
  /** The scanimage executable; `scanimage` on PATH by default. */
  scanimage?: string;
  /** Environment for scanimage (tests set SANE_CONFIG_DIR to a temporary dll.conf). */
  env?: NodeJS.ProcessEnv;
  /** Device-specific options IT wants on every scan, e.g. `--swdeskew=yes`. */
  extraArgs?: readonly string[];
  /** Listing devices probes USB and the network: bounded. */
  listTimeoutMs?: number;
}

export class SaneDriver implements SourceDriver {
  readonly kind = 'sane' as const;
  private readonly exe: string;

  constructor(private readonly config: SaneDriverOptions = {}) {
    this.exe = config.scanimage ?? 'scanimage';
  }

  private async run(args: string[], timeoutMs: number, signal?: AbortSignal): Promise<string> {
    try {
      const r = await execFileP(this.exe, args, {
        env: this.config.env ?? process.env,
        timeout: timeoutMs,
        maxBuffer: 4 * 1024 * 1024,
        ...(signal ? { signal } : {}),
      });
      return r.stdout;
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: string };
      if (err.code === 'ENOENT') throw new SohoaError('SCANNER_TOOL_MISSING', 'scanimage (SANE)');
      const code = saneError(err.stderr ?? '');
      throw new SohoaError(code ?? 'SCANNER_UNREACHABLE', args[1] ?? 'SANE', { cause: e });
    }
  }

  async listDevices(options: { signal?: AbortSignal } = {}): Promise<DeviceInfo[]> {
    const stdout = await this.run(
      ['-f', SANE_LIST_FORMAT],
      this.config.listTimeoutMs ?? 20_000,
      options.signal,
    );
    return parseDeviceList(stdout);
  }

  async deviceOptions(deviceId: string): Promise<SaneOptions> {
    return parseOptions(await this.run(['-d', deviceId, '-A'], 20_000));
  }

  async capabilities(deviceId: string): Promise<DeviceCapabilities> {
    return toCapabilities(await this.deviceOptions(deviceId));
  }

  async *acquire(
    deviceId: string,
    settings: ScanSettings,
    options: AcquireOptions = {},
  ): AsyncGenerator<AcquiredPage> {
    const { signal, onProgress } = options;
    const saneOptions = await this.deviceOptions(deviceId);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sane-'));
    try {
      const plan = scanPlan(deviceId, saneOptions, settings, dir, this.config.extraArgs);
      if (!plan) throw new SohoaError('SCANNER_SETTINGS_UNSUPPORTED', deviceId);
      yield* this.runBatch(deviceId, plan.args, settings, signal, onProgress);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  private async *runBatch(
    deviceId: string,
    args: string[],
    settings: ScanSettings,
    signal: AbortSignal | undefined,
    onProgress: AcquireOptions['onProgress'],
  ): AsyncGenerator<AcquiredPage> {
    if (signal?.aborted) throw new SohoaError('SCAN_CANCELLED', deviceId);
    const child = spawn(this.exe, args, {
      env: this.config.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    // Pages announced on stdout, the process's end, and a fatal message on stderr all feed one
    // queue the generator drains in order.
    type Event = { page: string } | { exit: number | null } | { error: Error };
    const queue: Event[] = [];
    let wake: (() => void) | undefined;
    const push = (e: Event) => {
      queue.push(e);
      wake?.();
    };
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      // Some backends hang after an error (the SANE test backend after a jam): make sure.
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 2000);
    };
    child.on('error', (error) => push({ error }));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      // A jam or an open cover ends the job even if scanimage itself would wait forever.
      const code = saneError(stderr);
      if (code === 'SCANNER_PAPER_JAM' || code === 'SCANNER_COVER_OPEN') stop();
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.trim()) push({ page: line.trim() });
    });
    // 'close' fires after stdio ends, so every announced page is queued before the exit.
    child.on('close', (exit) => push({ exit }));
    const onAbort = () => stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    // The app quitting mid-scan must not leave scanimage driving the scanner on its own.
    const onExit = () => child.kill('SIGKILL');
    process.once('exit', onExit);

    let index = 0;
    try {
      for (;;) {
        const event = queue.shift();
        if (!event) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if ('error' in event) {
          const code = (event.error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') throw new SohoaError('SCANNER_TOOL_MISSING', 'scanimage (SANE)');
          throw new SohoaError('SCANNER_FAILED', deviceId, { cause: event.error });
        }
        if ('page' in event) {
          const data = await fs.readFile(event.page);
          await fs.rm(event.page, { force: true });
          yield {
            name: `page-${String(index + 1).padStart(3, '0')}${path.extname(event.page)}`,
            read: () => Promise.resolve(data),
            index,
            ...(settings.source === 'feeder' && settings.duplex
              ? { side: index % 2 === 0 ? ('front' as const) : ('back' as const) }
              : {}),
          };
          index++;
          onProgress?.({ pagesDone: index });
          continue;
        }
        if (signal?.aborted) throw new SohoaError('SCAN_CANCELLED', deviceId);
        const code = saneError(stderr);
        // The feeder running out is how every feeder batch ends; an error only before page 1.
        if (code === 'SCANNER_FEEDER_EMPTY') {
          if (index === 0) throw new SohoaError(code, deviceId);
          return;
        }
        if (code) throw new SohoaError(code, deviceId);
        if (event.exit !== 0) throw new SohoaError('SCANNER_FAILED', deviceId);
        if (index === 0) throw new SohoaError('SCANNER_FAILED', deviceId);
        return;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      process.off('exit', onExit);
      stop();
      lines.close();
      if (child.exitCode === null && child.signalCode === null)
        await new Promise((resolve) => child.once('close', resolve));
      if (killTimer) clearTimeout(killTimer);
    }
  }
}
