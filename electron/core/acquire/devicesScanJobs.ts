// Scan jobs that never lose a page: every page a scanner delivers is written to
// `<data>/scans/<jobId>/page-NNN.<ext>` (fsync + rename) and then recorded in the job's
// `manifest.json` (same way), before the next page is asked for. The screens poll the status,
// take the staged pages (as base64) or hand the folder to the batch queue; a job is deleted only
// when the clerk discards it. After a crash, a job found "scanning" becomes "interrupted" with
// all its recorded pages intact.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { asErrorInfo, isSohoaError, SohoaError, type ErrorInfo } from '../../../shared/errors';
import { sha256Hex, writeFileDurably } from '../archive/blobStore';
import { readDataFile } from '../vault/files';
import type { PageSource } from '../pipeline/types';
import type { DeviceRegistry, ScannerKind } from './devices';
import type { ScanSettings, SourceDriver } from './source';

export type ScanJobState = 'scanning' | 'done' | 'error' | 'cancelled' | 'interrupted';

export interface StagedPage {
  name: string;
  index: number;
  bytes: number;
  sha256: string;
  side?: 'front' | 'back';
}

export interface ScanJobManifest {
  version: 1;
  jobId: string;
  device: { kind: ScannerKind; id: string; name: string };
  settings: ScanSettings;
  startedAt: string;
  updatedAt: string;
  state: ScanJobState;
  pages: StagedPage[];
  error?: ErrorInfo;
}

export const SCAN_JOB_ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/;
const MANIFEST = 'manifest.json';

/**
 * Where a scan job's pages are, for other core modules (the batch queue can queue this folder:
 * it holds only the page images and manifest.json). Never sent to the renderer.
 */
export function scanJobFolder(dataDir: string, jobId: string): string {
  if (!SCAN_JOB_ID.test(jobId)) throw new SohoaError('SCAN_JOB_NOT_FOUND', jobId);
  return path.join(dataDir, 'scans', jobId);
}

function newJobId(now: Date): string {
  const iso = now.toISOString(); // 2026-11-23T13:40:05.123Z
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${randomBytes(3).toString('hex')}`;
}

interface Running {
  /** The manifest as last written to disk. */
  saved: ScanJobManifest;
  controller: AbortController;
  done: Promise<ScanJobManifest>;
}

export class ScanJobs {
  private readonly running = new Map<string, Running>();
  private recovered = false;

  constructor(
    /** `<data>/scans` */
    readonly root: string,
    private readonly registry: () => DeviceRegistry,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  folder(jobId: string): string {
    if (!SCAN_JOB_ID.test(jobId)) throw new SohoaError('SCAN_JOB_NOT_FOUND', jobId);
    return path.join(this.root, jobId);
  }

  /** Starts scanning in the background; pages are staged as they arrive. */
  async start(
    kind: ScannerKind,
    deviceId: string,
    settings: ScanSettings,
    deviceName = deviceId,
  ): Promise<ScanJobManifest> {
    await this.recover();
    const registry = this.registry();
    const driver = registry.driver(kind);
    if (!driver) throw new SohoaError('SCANNER_NOT_FOUND', deviceId);
    const now = this.clock();
    const jobId = newJobId(now);
    const dir = this.folder(jobId);
    await fs.mkdir(dir, { recursive: true });
    const manifest: ScanJobManifest = {
      version: 1,
      jobId,
      device: { kind, id: deviceId, name: deviceName },
      settings,
      startedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      state: 'scanning',
      pages: [],
    };
    await this.save(manifest);
    const controller = new AbortController();
    const done = this.run(manifest, driver, controller.signal);
    this.running.set(jobId, { saved: structuredClone(manifest), controller, done });
    void done.finally(() => this.running.delete(jobId));
    return structuredClone(manifest);
  }

  private async run(
    manifest: ScanJobManifest,
    driver: SourceDriver,
    signal: AbortSignal,
  ): Promise<ScanJobManifest> {
    const dir = this.folder(manifest.jobId);
    try {
      for await (const page of driver.acquire(manifest.device.id, manifest.settings, { signal })) {
        const data = await page.read();
        const ext = path.extname(page.name) || '.bin';
        const name = `page-${String(manifest.pages.length + 1).padStart(3, '0')}${ext}`;
        // The image first, then the manifest that names it: a crash between the two leaves an
        // unnamed file, never a manifest pointing at a missing page.
        await writeFileDurably(path.join(dir, name), data);
        manifest.pages.push({
          name,
          index: page.index,
          bytes: data.length,
          sha256: sha256Hex(data),
          ...(page.side ? { side: page.side } : {}),
        });
        manifest.updatedAt = this.clock().toISOString();
        await this.save(manifest);
      }
      manifest.state = 'done';
    } catch (e) {
      const info = asErrorInfo(e, 'SCANNER_FAILED', manifest.device.id);
      manifest.state = info.code === 'SCAN_CANCELLED' ? 'cancelled' : 'error';
      manifest.error = info;
      if (!isSohoaError(e)) console.error('scan job', manifest.jobId, e);
    }
    manifest.updatedAt = this.clock().toISOString();
    await this.save(manifest);
    return structuredClone(manifest);
  }

  private async save(manifest: ScanJobManifest): Promise<void> {
    const snapshot = structuredClone(manifest);
    await writeFileDurably(
      path.join(this.folder(manifest.jobId), MANIFEST),
      Buffer.from(JSON.stringify(snapshot, null, 2)),
    );
    // What the screens see is what is on disk: never a page or an end the manifest lacks.
    const live = this.running.get(manifest.jobId);
    if (live) live.saved = snapshot;
  }

  async status(jobId: string): Promise<ScanJobManifest> {
    const live = this.running.get(jobId);
    if (live) return structuredClone(live.saved);
    await this.recover();
    try {
      const raw = (await readDataFile(path.join(this.folder(jobId), MANIFEST))).toString('utf8');
      return JSON.parse(raw) as ScanJobManifest;
    } catch (e) {
      if (isSohoaError(e)) throw e;
      throw new SohoaError('SCAN_JOB_NOT_FOUND', jobId, { cause: e });
    }
  }

  /** Waits for a job to end (CLI, tests); the screens poll `status` instead. */
  async wait(jobId: string): Promise<ScanJobManifest> {
    const live = this.running.get(jobId);
    return live ? live.done : this.status(jobId);
  }

  async cancel(jobId: string): Promise<ScanJobManifest> {
    const live = this.running.get(jobId);
    if (!live) return this.status(jobId);
    live.controller.abort();
    return live.done;
  }

  async list(): Promise<ScanJobManifest[]> {
    await this.recover();
    let names: string[];
    try {
      names = await fs.readdir(this.root);
    } catch {
      return [];
    }
    const jobs: ScanJobManifest[] = [];
    for (const name of names
      .filter((n) => SCAN_JOB_ID.test(n))
      .sort()
      .reverse()) {
      try {
        jobs.push(await this.status(name));
      } catch {
        // A folder without a manifest is not a job the desk started.
      }
    }
    return jobs;
  }

  /** The staged pages' bytes, in scan order; `names` picks some. */
  async readPages(
    jobId: string,
    names?: readonly string[],
  ): Promise<{ page: StagedPage; data: Buffer }[]> {
    const manifest = await this.status(jobId);
    const wanted = names ? manifest.pages.filter((p) => names.includes(p.name)) : manifest.pages;
    return Promise.all(
      wanted.map(async (page) => ({
        page,
        data: await readDataFile(path.join(this.folder(jobId), page.name)),
      })),
    );
  }

  /** The staged pages as pipeline inputs (core.digitize, the batch queue). */
  async pageSources(jobId: string): Promise<PageSource[]> {
    const manifest = await this.status(jobId);
    const dir = this.folder(jobId);
    return manifest.pages.map((p) => ({
      name: p.name,
      read: () => readDataFile(path.join(dir, p.name)),
    }));
  }

  /** Deletes a finished job's folder; a job still scanning must be cancelled first. */
  async discard(jobId: string): Promise<void> {
    if (this.running.has(jobId)) throw new SohoaError('SCANNER_BUSY', jobId);
    await this.status(jobId);
    await fs.rm(this.folder(jobId), { recursive: true, force: true });
  }

  /** Jobs left "scanning" by a previous run (crash, power cut) become "interrupted", pages kept. */
  private async recover(): Promise<void> {
    if (this.recovered) return;
    this.recovered = true;
    let names: string[];
    try {
      names = await fs.readdir(this.root);
    } catch {
      return;
    }
    for (const name of names.filter((n) => SCAN_JOB_ID.test(n))) {
      if (this.running.has(name)) continue;
      try {
        const file = path.join(this.root, name, MANIFEST);
        const manifest = JSON.parse((await readDataFile(file)).toString('utf8')) as ScanJobManifest;
        if (manifest.state === 'scanning') {
          manifest.state = 'interrupted';
          manifest.updatedAt = this.clock().toISOString();
          await this.save(manifest);
        }
      } catch {
        // Unreadable manifests are left for IT; the folder and its pages stay untouched.
      }
    }
  }

  /** Ends every running job (app quitting): cancelled, pages kept. */
  async close(): Promise<void> {
    const live = [...this.running.values()];
    for (const job of live) job.controller.abort();
    await Promise.allSettled(live.map((j) => j.done));
  }
}
