// The digitize pipeline, stage by stage: read -> image -> OCR -> PDF -> sign -> archive.
// Each stage is a module with a typed interface; this file only wires them and times them.
// One bad file fails that file (a typed error naming it); the rest of the batch carries on.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RecordSummary } from '../../../shared/contract';
import { Archive } from '../archive/archive';
import { BlobStore } from '../archive/blobStore';
import { dataPaths, defaultDataDir, ensureDataDir, type DataPaths } from '../config/paths';
import type { KeyProvider } from '../vault/keyProvider';
import { useKeyProvider } from '../vault/registry';
import { holdDataFolder } from '../vault/folderLock';
import { prepareVault } from '../vault/setup';
import { createOcrEngine, createOrientation, engineChoice, type EngineChoice } from '../ocr/engine';
import type { OrientationDetector } from '../ocr/orientation';
import type { OcrPool, OcrPoolStats } from '../ocr/tesseractPool';
import type { OcrEngine } from '../ocr/types';
import { ensureDemoKey } from '../sign/demoKey';
import { openKeySource, type KeySourceSpec } from '../sign/keySources';
import { openPkcs12 } from '../sign/pkcs12KeySource';
import type { KeySource } from '../sign/types';
import { digitize } from './digitize';
import type { DigitizeOptions, DigitizeOutcome, RecordPage } from './types';

export interface AgencyIdentity {
  /** Agency identifier used in dossier codes, e.g. H49.64.33. */
  id: string;
  name: string;
}

export interface CoreOptions {
  dataDir?: string;
  agency?: AgencyIdentity;
  /** A PKCS#12 key; without one, a demo key is generated once in the data folder. */
  signingKey?: { p12Path: string; password: string };
  /** Any key source (a PKCS#11 token, …); wins over `signingKey`. */
  keySource?: KeySourceSpec;
  /** RFC 3161 time-stamping authority: digitized files are signed PAdES B-T. */
  tsaUrl?: string;
  /**
   * Who wraps the data folder's key (the app: the OS keystore). Chosen once per process; without
   * one, a data folder that has no vault yet stays unencrypted.
   */
  keyProvider?: KeyProvider;
  /** OCR workers; defaults to one per core. */
  ocrWorkers?: number;
  /** Which OCR engine: the native Tesseract program when the machine has one (auto), or not. */
  ocrEngine?: EngineChoice;
  clock?: () => Date;
}

export interface Core {
  readonly paths: DataPaths;
  readonly archive: Archive;
  /** Files are read (decoded, straightened, OCR'd); pre-read pages are only assembled. */
  digitize(sources: readonly RecordPage[], options?: DigitizeOptions): Promise<DigitizeOutcome>;
  /**
   * The core's one OCR pool, for other readers of pages (the counter's session): one set of
   * workers for the process, so memory stays bounded. `interactive` pages go ahead of queued
   * batch pages. The view's close() does nothing: the pool closes with the core.
   */
  sharedOcr(priority?: 'interactive' | 'batch'): Promise<OcrEngine>;
  /** The core's page orientation detector (one OSD worker), shared the same way. */
  orientation(): OrientationDetector;
  /** Recognitions the pool has run, for tests and benchmarks (zero before the pool starts). */
  ocrStats(): OcrPoolStats;
  /**
   * Called after each record this core archives (and so queues in the outbox), e.g. to wake the
   * uploader; returns the unsubscribe. A listener that throws is ignored.
   */
  onArchived(listener: (record: RecordSummary) => void): () => void;
  /**
   * Which key signs, as this core was opened (settings, environment, caller), for the screens to
   * describe; never the password or the PIN. A file key's certificate is read from the very key
   * the signing uses; a token's is not (that may need the token plugged in and a PIN).
   */
  signer(): Promise<SignerIdentity>;
  /**
   * Work started on this core (the batch queue, the uploader, hot-folder watchers) registers how
   * it stops; close() awaits these first, the last registered first, while the OCR workers and
   * the archive are still open. One that fails does not keep the others or the core open.
   */
  onClose(stop: () => Promise<void>): void;
  close(): Promise<void>;
}

export type SignerIdentity =
  | { kind: 'demo' }
  /** `certificate`: the signer's DER, null when the file cannot be opened (the signing says why). */
  | { kind: 'pkcs12'; file: string; certificate: Buffer | null }
  | { kind: 'pkcs11'; modulePath: string; tokenLabel?: string }
  | { kind: 'windows-store'; thumbprint: string };

const STALE_DRAFT_MS = 24 * 3600 * 1000;

export const DEMO_AGENCY: AgencyIdentity = {
  id: 'SOHOA.DEMO',
  name: 'Cơ quan thử nghiệm Sohoa Desk',
};

export function coreOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CoreOptions {
  return {
    ...(env.SOHOA_AGENCY_ID
      ? { agency: { id: env.SOHOA_AGENCY_ID, name: env.SOHOA_AGENCY_NAME ?? env.SOHOA_AGENCY_ID } }
      : {}),
    ...(env.SOHOA_P12
      ? { signingKey: { p12Path: env.SOHOA_P12, password: env.SOHOA_P12_PASSWORD ?? '' } }
      : {}),
    // A USB token: the vendor's PKCS#11 library; the PIN comes from the environment (the app's
    // main process asks for it), never from a command line.
    ...(env.SOHOA_PKCS11_MODULE
      ? {
          keySource: {
            kind: 'pkcs11' as const,
            modulePath: env.SOHOA_PKCS11_MODULE,
            pin: env.SOHOA_PIN ?? '',
            ...(env.SOHOA_TOKEN_LABEL ? { tokenLabel: env.SOHOA_TOKEN_LABEL } : {}),
            ...(env.SOHOA_KEY_LABEL ? { keyLabel: env.SOHOA_KEY_LABEL } : {}),
          },
        }
      : {}),
    ...(env.SOHOA_TSA_URL ? { tsaUrl: env.SOHOA_TSA_URL } : {}),
    ocrEngine: engineChoice(env),
  };
}

export async function openCore(options: CoreOptions = {}): Promise<Core> {
  const paths = dataPaths(ensureDataDir(options.dataDir ?? defaultDataDir()));
  if (options.keyProvider) useKeyProvider(options.keyProvider);
  // Held while the core is open, so no other process encrypts or restores the folder under it.
  const hold = holdDataFolder(paths.root);
  let archive: Archive;
  try {
    // Made on first run, migrated (or resumed) before any store opens, and its key opened.
    await prepareVault(paths.root);
    archive = new Archive(paths.database);
  } catch (e) {
    hold.release();
    throw e;
  }
  const blobs = new BlobStore(paths.blobsDir);
  const agency = options.agency ?? DEMO_AGENCY;
  const clock = options.clock ?? (() => new Date());
  // The OCR pool and the key start on first use, so opening the core (UI, tests) stays cheap.
  let ocr: Promise<OcrPool> | undefined;
  let pool: OcrPool | undefined;
  let key: Promise<{ source: KeySource; demo: boolean }> | undefined;

  let orientation: OrientationDetector | undefined;
  const ocrWorkers = Math.max(1, options.ocrWorkers ?? os.availableParallelism());
  const choice = options.ocrEngine ?? 'auto';
  const getOcr = () =>
    (ocr ??= createOcrEngine({ langDir: paths.tessdataDir, size: ocrWorkers, choice }).then(
      (p) => (pool = p),
    ));
  const getOrientation = () => (orientation ??= createOrientation(paths.tessdataDir, choice));
  const archivedListeners = new Set<(record: RecordSummary) => void>();
  const closeHooks: (() => Promise<void>)[] = [];
  await dropStaleDrafts(paths.tmpDir);
  const getKey = () =>
    (key ??= (async () => {
      if (options.keySource) return { source: await openKeySource(options.keySource), demo: false };
      if (options.signingKey) {
        const { p12Path, password } = options.signingKey;
        return { source: await openPkcs12(p12Path, password), demo: false };
      }
      const demo = await ensureDemoKey(paths.keysDir);
      return { source: await openPkcs12(demo.p12Path, demo.password), demo: true };
    })());
  const context = {
    paths,
    archive,
    blobs,
    agency,
    clock,
    ocr: getOcr,
    ocrStarted: () => pool,
    orientation: getOrientation,
    key: getKey,
    ocrWorkers,
    ...(options.tsaUrl ? { tsaUrl: options.tsaUrl } : {}),
    onArchived: (record: RecordSummary) => {
      for (const listener of archivedListeners) {
        try {
          listener(record);
        } catch {
          // A listener's failure is its own; the record is archived.
        }
      }
    },
  };

  return {
    paths,
    archive,
    digitize: (sources, opts) => digitize(context, sources, opts),
    async sharedOcr(priority = 'batch') {
      const engine = await getOcr();
      return {
        recognize: (image, widthPx, heightPx, opts = {}) =>
          engine.recognize(image, widthPx, heightPx, { ...opts, priority }),
        close: () => Promise.resolve(),
      };
    },
    orientation: getOrientation,
    ocrStats: () => pool?.stats() ?? { recognitions: 0, queued: 0 },
    onArchived(listener) {
      archivedListeners.add(listener);
      return () => archivedListeners.delete(listener);
    },
    signer: () => signerIdentity(options, getKey),
    onClose(stop) {
      closeHooks.push(stop);
    },
    async close() {
      const failures: unknown[] = [];
      for (const stop of closeHooks.splice(0).reverse())
        await stop().catch((e) => failures.push(e));
      if (ocr) await (await ocr.catch(() => null))?.close();
      await orientation?.close();
      archive.close();
      hold.release();
      if (failures.length > 0) throw failures[0];
    },
  };
}

async function signerIdentity(
  options: CoreOptions,
  key: () => Promise<{ source: KeySource }>,
): Promise<SignerIdentity> {
  const spec = options.keySource;
  if (spec?.kind === 'pkcs11')
    return {
      kind: 'pkcs11',
      modulePath: spec.modulePath,
      ...(spec.tokenLabel ? { tokenLabel: spec.tokenLabel } : {}),
    };
  if (spec?.kind === 'windows-store') return { kind: 'windows-store', thumbprint: spec.thumbprint };
  const file = spec?.kind === 'pkcs12' ? spec.path : options.signingKey?.p12Path;
  if (!file) return { kind: 'demo' };
  const certificate = await key()
    .then(({ source }) => source.certificateChain())
    .then(
      (chain) => chain[0] ?? null,
      () => null,
    );
  return { kind: 'pkcs12', file, certificate };
}

/**
 * Drafts of a run that was killed mid-way are never part of the archive. Only old ones go: a
 * second process on the same data folder (the app and the CLI) may be writing a fresh one.
 */
async function dropStaleDrafts(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - STALE_DRAFT_MS;
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true });
  }
}
