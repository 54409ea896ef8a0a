// The digitize pipeline, stage by stage: read -> image -> OCR -> PDF -> sign -> archive.
// Each stage is a module with a typed interface; this file only wires them and times them.
// One bad file fails that file (a typed error naming it); the rest of the batch carries on.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DocumentMetadataInput, RecordMetadataInput } from '../../../shared/archiveMetadata';
import type {
  RecordSummary,
  PageAnalysisRecord,
  PageRecord,
  StageTiming,
} from '../../../shared/contract';
import { isSohoaError, SohoaError, errorInfo, type ErrorInfo } from '../../../shared/errors';
import { Archive } from '../archive/archive';
import { BlobStore, writeFileDurably } from '../archive/blobStore';
import { dataPaths, defaultDataDir, type DataPaths } from '../config/paths';
import { createOrientationDetector, type OrientationDetector } from '../ocr/orientation';
import { createTesseractPool, type OcrPool, type OcrPoolStats } from '../ocr/tesseractPool';
import type { OcrEngine } from '../ocr/types';
import { SearchablePdfWriter } from '../pdf/searchablePdf';
import { ensureDemoKey } from '../sign/demoKey';
import { openKeySource, type KeySourceSpec } from '../sign/keySources';
import { openPkcs12 } from '../sign/pkcs12KeySource';
import { signPdf } from '../sign/signPdf';
import type { KeySource } from '../sign/types';
import { runPageFlow, type FlowResult } from './pageFlow';
import type { DigitizeOptions, DigitizeOutcome, RecordPage, PageReport } from './types';

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
  /** OCR workers; defaults to one per core. */
  ocrWorkers?: number;
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

/** What a page of an archived record reports when the archive kept no analysis for it. */
const NO_ANALYSIS: PageAnalysisRecord = {
  rotatedDeg: 0,
  orientationConfidence: 0,
  skewDeg: 0,
  deskewed: false,
  cropped: false,
  blank: false,
  inkRatio: 0,
  archivalBytes: 0,
};

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
  };
}

export async function openCore(options: CoreOptions = {}): Promise<Core> {
  const paths = dataPaths(options.dataDir ?? defaultDataDir());
  await fs.mkdir(paths.root, { recursive: true });
  const archive = new Archive(paths.database);
  const blobs = new BlobStore(paths.blobsDir);
  const agency = options.agency ?? DEMO_AGENCY;
  const clock = options.clock ?? (() => new Date());
  // The OCR pool and the key start on first use, so opening the core (UI, tests) stays cheap.
  let ocr: Promise<OcrPool> | undefined;
  let pool: OcrPool | undefined;
  let key: Promise<{ source: KeySource; demo: boolean }> | undefined;

  let orientation: OrientationDetector | undefined;
  const ocrWorkers = Math.max(1, options.ocrWorkers ?? os.availableParallelism());
  const getOcr = () =>
    (ocr ??= createTesseractPool({ langDir: paths.tessdataDir, size: ocrWorkers }).then(
      (p) => (pool = p),
    ));
  const getOrientation = () => (orientation ??= createOrientationDetector(paths.tessdataDir));
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

  async function digitize(
    sources: readonly RecordPage[],
    opts: DigitizeOptions = {},
  ): Promise<DigitizeOutcome> {
    const timings: StageTiming[] = [];
    const timed = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        timings.push({ stage, ms: Math.round(performance.now() - t0) });
      }
    };
    const receivedAt = clock();
    const title =
      opts.title?.trim() ||
      `Hồ sơ số hóa ${sources[0] ? path.basename(sources[0].name) : ''}`.trim();
    const failed = (fileErrors: ErrorInfo[], pages: PageReport[] = []): DigitizeOutcome => ({
      record: null,
      pdfPath: null,
      fileErrors,
      timings,
      pages,
    });
    // Wrong metadata is refused before a single page is read, not after signing.
    const metadata = RecordMetadataInput.safeParse(opts.metadata ?? {});
    const documentMetadata = DocumentMetadataInput.safeParse(opts.documentMetadata ?? {});
    if (!metadata.success || !documentMetadata.success)
      return failed([errorInfo('METADATA_INVALID', title)]);
    const sourceRef = opts.sourceRef?.trim() || undefined;
    if (sourceRef) {
      const existing = archive.findBySourceRef(sourceRef);
      if (existing) return alreadyArchived(existing, timings);
    }

    // The PDF is written page by page into the data folder's tmp/, then signed and archived;
    // until the archive holds it, the inputs are the only copy that counts.
    await fs.mkdir(paths.tmpDir, { recursive: true });
    const draftPath = path.join(paths.tmpDir, `${randomUUID()}.pdf`);
    const writer = new SearchablePdfWriter(draftPath, {
      title,
      author: agency.name,
      created: receivedAt,
    });
    const records: PageRecord[] = [];
    const reports: PageReport[] = [];
    let flow: FlowResult;
    try {
      flow = await timed('pages', () =>
        runPageFlow(sources, {
          ocr: getOcr,
          prepare: {
            deskew: opts.deskew !== false,
            cropEdges: opts.cropEdges !== false,
            ...(opts.orientation !== false ? { orientation: getOrientation() } : {}),
          },
          window: ocrWorkers + 2,
          signal: opts.signal,
          onProgress: opts.onProgress,
          consume: async (page) => {
            writer.addPage({
              widthPx: page.prepared.widthPx,
              heightPx: page.prepared.heightPx,
              dpi: page.prepared.dpi,
              image: page.prepared.archival,
              ocr: page.ocr,
              turn: page.turn,
            });
            const sideways = page.turn === 90 || page.turn === 270;
            const ordinal = records.length + 1;
            const sourceName =
              page.pageInFile === null
                ? page.sourceName
                : `${page.sourceName}#${page.pageInFile + 1}`;
            const confidence = Math.round(page.ocr.confidence * 10) / 10;
            records.push({
              ordinal,
              sourceName,
              widthPx: sideways ? page.prepared.heightPx : page.prepared.widthPx,
              heightPx: sideways ? page.prepared.widthPx : page.prepared.heightPx,
              dpi: page.prepared.dpi,
              text: page.ocr.text,
              confidence,
              analysis: page.analysis,
            });
            reports.push({ ordinal, sourceName, confidence, analysis: page.analysis });
            await writer.drained();
          },
        }),
      );
    } catch (e) {
      writer.abort();
      await fs.rm(draftPath, { force: true });
      const code = opts.signal?.aborted ? 'CANCELLED' : 'PDF_FAILED';
      return failed([toErrorInfo(e, code, title)], reports);
    }
    for (const [stage, ms] of Object.entries(flow.stageMs))
      timings.push({ stage: `Σ ${stage}`, ms });
    const fileErrors = flow.errors;
    if (flow.pages === 0) {
      writer.abort();
      await fs.rm(draftPath, { force: true });
      return failed(fileErrors);
    }

    // Failures after the pages (PDF, signing, archiving) concern the whole record: they come back
    // as one typed error, the inputs stay untouched, and nothing half-made is archived.
    try {
      const pdf = await timed('pdf', () =>
        wrap('PDF_FAILED', title, async () => {
          await writer.finish();
          return fs.readFile(draftPath);
        }),
      );

      const signed = await timed('sign', async () => {
        const { source, demo } = await getKey();
        return signPdf(pdf, {
          keySource: source,
          signingTime: clock(),
          appearance: { kind: 'agency', agencyName: agency.name, demo },
          reason: 'Số hóa hồ sơ tiếp nhận',
          ...(options.tsaUrl ? { tsaUrl: options.tsaUrl } : {}),
        });
      });

      const { record, pdfPath, raced } = await timed('archive', () =>
        wrap('ARCHIVE_FAILED', title, async () => {
          const sha256 = await blobs.put(signed.bytes);
          const record = archive.addRecord({
            agencyId: agency.id,
            receivedAt,
            title,
            pages: records,
            file: { sha256, bytes: signed.bytes.length, signature: signed.summary },
            metadata: metadata.data,
            documents: [{ metadata: documentMetadata.data, pages: records.map((r) => r.ordinal) }],
            ...(sourceRef ? { sourceRef } : {}),
            ...(opts.code ? { code: opts.code } : {}),
          });
          // Another run recorded this sourceRef while we read (checked in the write transaction):
          // its record stands; this signed copy is not written out.
          if (record.sha256 !== sha256) return { record, pdfPath: null, raced: true };
          const outDir = opts.outDir ?? paths.outputDir;
          await fs.mkdir(outDir, { recursive: true });
          const pdfPath = path.join(outDir, record.fileName);
          await writeFileDurably(pdfPath, signed.bytes);
          return { record, pdfPath, raced: false };
        }),
      );
      if (raced) return alreadyArchived(record, timings);
      for (const listener of archivedListeners) {
        try {
          listener(record);
        } catch {
          // A listener's failure is its own; the record is archived.
        }
      }
      return { record, pdfPath, fileErrors, timings, pages: reports };
    } catch (e) {
      return failed([...fileErrors, toErrorInfo(e, 'INTERNAL', title)], reports);
    } finally {
      await fs.rm(draftPath, { force: true });
    }
  }

  /** The record a sourceRef already became, reported as digitize reports a new one. */
  function alreadyArchived(record: RecordSummary, timings: StageTiming[]): DigitizeOutcome {
    const pages = (archive.getRecord(record.id)?.pages ?? []).map((p) => ({
      ordinal: p.ordinal,
      sourceName: p.sourceName,
      confidence: p.confidence,
      analysis: p.analysis ?? NO_ANALYSIS,
    }));
    return { record, pdfPath: null, fileErrors: [], timings, pages, alreadyArchived: true };
  }

  return {
    paths,
    archive,
    digitize,
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

function toErrorInfo(e: unknown, fallback: SohoaError['code'], subject: string): ErrorInfo {
  if (isSohoaError(e)) return e.info;
  return errorInfo(fallback, path.basename(subject));
}

async function wrap<T>(
  code: SohoaError['code'],
  subject: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isSohoaError(e)) throw e;
    throw new SohoaError(code, subject, { cause: e });
  }
}
