// The digitize pipeline, stage by stage: read -> image -> OCR -> PDF -> sign -> archive.
// Each stage is a module with a typed interface; this file only wires them and times them.
// One bad file fails that file (a typed error naming it); the rest of the batch carries on.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PageRecord, StageTiming } from '../../../shared/contract';
import { isSohoaError, SohoaError, errorInfo, type ErrorInfo } from '../../../shared/errors';
import { Archive } from '../archive/archive';
import { BlobStore, writeFileDurably } from '../archive/blobStore';
import { dataPaths, defaultDataDir, type DataPaths } from '../config/paths';
import { loadPages, type PageImage } from '../imaging/loadPage';
import { createTesseractPool } from '../ocr/tesseractPool';
import type { OcrEngine, OcrPage } from '../ocr/types';
import { buildSearchablePdf } from '../pdf/searchablePdf';
import { ensureDemoKey } from '../sign/demoKey';
import { openPkcs12 } from '../sign/pkcs12KeySource';
import { signPdf } from '../sign/signPdf';
import type { KeySource } from '../sign/types';
import type { DigitizeOptions, DigitizeOutcome, PageSource } from './types';

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
  /** OCR workers; defaults to one per core. */
  ocrWorkers?: number;
  clock?: () => Date;
}

export interface Core {
  readonly paths: DataPaths;
  readonly archive: Archive;
  digitize(sources: readonly PageSource[], options?: DigitizeOptions): Promise<DigitizeOutcome>;
  close(): Promise<void>;
}

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
  let ocr: Promise<OcrEngine> | undefined;
  let key: Promise<{ source: KeySource; demo: boolean }> | undefined;

  const getOcr = () =>
    (ocr ??= createTesseractPool({ langDir: paths.tessdataDir, size: options.ocrWorkers }));
  const getKey = () =>
    (key ??= (async () => {
      if (options.signingKey) {
        const { p12Path, password } = options.signingKey;
        return { source: await openPkcs12(p12Path, password), demo: false };
      }
      const demo = await ensureDemoKey(paths.keysDir);
      return { source: await openPkcs12(demo.p12Path, demo.password), demo: true };
    })());

  async function digitize(
    sources: readonly PageSource[],
    opts: DigitizeOptions = {},
  ): Promise<DigitizeOutcome> {
    const timings: StageTiming[] = [];
    const fileErrors: ErrorInfo[] = [];
    const timed = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        timings.push({ stage, ms: Math.round(performance.now() - t0) });
      }
    };
    const progress = opts.onProgress ?? (() => undefined);
    const receivedAt = clock();

    const images = await timed('read+image', async () => {
      const out: PageImage[] = [];
      for (const [i, source] of sources.entries()) {
        progress({ stage: 'image', done: i, total: sources.length, subject: source.name });
        try {
          out.push(...(await loadPages(source.name, await readSource(source))));
        } catch (e) {
          fileErrors.push(toErrorInfo(e, 'IMAGE_CORRUPT', source.name));
        }
      }
      return out;
    });
    if (images.length === 0) {
      return { dossier: null, pdfPath: null, fileErrors, timings };
    }

    const ocrPages = await timed('ocr', async () => {
      const engine = await getOcr();
      let done = 0;
      return Promise.all(
        images.map(async (img): Promise<OcrPage> => {
          try {
            return await engine.recognize(img.ocr, img.widthPx, img.heightPx);
          } catch (e) {
            // The page is kept (image only, no text) and the clerk is told: never lose a page.
            fileErrors.push(toErrorInfo(e, 'OCR_FAILED', img.sourceName));
            return {
              text: '',
              confidence: 0,
              lines: [],
              widthPx: img.widthPx,
              heightPx: img.heightPx,
            };
          } finally {
            progress({ stage: 'ocr', done: ++done, total: images.length, subject: img.sourceName });
          }
        }),
      );
    });

    const title = opts.title?.trim() || `Hồ sơ số hóa ${images[0]!.sourceName}`;
    // Failures after OCR (PDF, signing, archiving) concern the whole dossier: they come back as
    // one typed error, the inputs stay untouched where they were, and nothing half-made is archived.
    try {
      const pdf = await timed('pdf', () =>
        wrap('PDF_FAILED', title, () =>
          buildSearchablePdf(
            images.map((img, i) => ({ ...img, image: img.archival, ocr: ocrPages[i]! })),
            { title, author: agency.name, created: receivedAt },
          ),
        ),
      );

      const signed = await timed('sign', async () => {
        const { source, demo } = await getKey();
        return signPdf(pdf, {
          keySource: source,
          signingTime: clock(),
          appearance: { kind: 'agency', agencyName: agency.name, demo },
          reason: 'Số hóa hồ sơ tiếp nhận',
        });
      });

      const { dossier, pdfPath } = await timed('archive', () =>
        wrap('ARCHIVE_FAILED', title, async () => {
          const sha256 = await blobs.put(signed.bytes);
          const pages: PageRecord[] = images.map((img, i) => ({
            ordinal: i + 1,
            sourceName: img.pageInSource
              ? `${img.sourceName}#${img.pageInSource + 1}`
              : img.sourceName,
            widthPx: img.widthPx,
            heightPx: img.heightPx,
            dpi: img.dpi,
            text: ocrPages[i]!.text,
            confidence: Math.round(ocrPages[i]!.confidence * 10) / 10,
          }));
          const dossier = archive.recordDossier({
            agencyId: agency.id,
            receivedAt,
            title,
            pages,
            file: { sha256, bytes: signed.bytes.length, signature: signed.summary },
          });
          const outDir = opts.outDir ?? paths.outputDir;
          await fs.mkdir(outDir, { recursive: true });
          const pdfPath = path.join(outDir, dossier.fileName);
          await writeFileDurably(pdfPath, signed.bytes);
          return { dossier, pdfPath };
        }),
      );
      return { dossier, pdfPath, fileErrors, timings };
    } catch (e) {
      fileErrors.push(toErrorInfo(e, 'INTERNAL', title));
      return { dossier: null, pdfPath: null, fileErrors, timings };
    }
  }

  return {
    paths,
    archive,
    digitize,
    async close() {
      if (ocr) await (await ocr.catch(() => null))?.close();
      archive.close();
    },
  };
}

async function readSource(source: PageSource): Promise<Buffer> {
  try {
    return await source.read();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new SohoaError('FILE_NOT_FOUND', path.basename(source.name), { cause: e });
    if (code === 'EISDIR')
      throw new SohoaError('FILE_NOT_IMAGE', path.basename(source.name), { cause: e });
    throw e;
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
