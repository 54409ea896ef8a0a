// Page images for the document viewer: the signed PDF's page rendered by PDFium (the reader the
// pipeline uses, in its worker thread), scaled to a screen width, PNG, with the PDF's own text
// layer (the invisible OCR words) in the same pixels, so the viewer can show where each word is.
// Renders are cached on disk by file hash and page (a signed file never changes), one at a time:
// the desk shares two cores with OCR.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { TextWord } from '../../../shared/contracts/records';
import { SohoaError } from '../../../shared/errors';
import type { Archive } from '../archive/archive';
import { writeFileDurably, type BlobStore } from '../archive/blobStore';
import { readDataFile } from '../vault/files';
import { PdfPageReader } from '../pdf/pdfPages';

/** Wide enough for 200% zoom on a counter screen without a second render. */
export const VIEW_WIDTH_PX = 1400;
/**
 * The last file's PDFium reader stays open this long: opening costs a worker and the wasm start
 * (~0.6 s here), and a clerk pages through one record at a time.
 */
const READER_IDLE_MS = 30_000;

export interface PageImage {
  png: Buffer;
  widthPx: number;
  heightPx: number;
  words: TextWord[];
}

export class PageImages {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Map<string, Promise<PageImage>>();
  /** Renders done (not served from the cache), for tests and measurements. */
  renders = 0;
  /** PDFium readers opened, for tests and measurements. */
  opens = 0;
  private reader: {
    sha256: string;
    reader: Promise<PdfPageReader>;
    timer?: NodeJS.Timeout;
  } | null = null;

  constructor(
    private readonly archive: Archive,
    private readonly blobs: BlobStore,
    private readonly cacheDir: string,
  ) {}

  get(recordId: number, page: number): Promise<PageImage> {
    const record = this.archive.getRecord(recordId);
    if (!record) return Promise.reject(new SohoaError('DOSSIER_NOT_FOUND', String(recordId)));
    if (page > record.pageCount)
      return Promise.reject(new SohoaError('BAD_REQUEST', `${record.code}: page ${page}`));
    const key = `${record.sha256}-p${page}-w${VIEW_WIDTH_PX}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.cachedOrRender(key, record.sha256, record.fileName, page).finally(() =>
        this.inFlight.delete(key),
      );
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async cachedOrRender(
    key: string,
    sha256: string,
    fileName: string,
    page: number,
  ): Promise<PageImage> {
    const pngFile = path.join(this.cacheDir, `${key}.png`);
    const metaFile = path.join(this.cacheDir, `${key}.json`);
    try {
      const meta = JSON.parse((await readDataFile(metaFile)).toString('utf8')) as Omit<
        PageImage,
        'png'
      >;
      return { ...meta, png: await readDataFile(pngFile) };
    } catch {
      // Not cached yet (or a half-written entry): render it.
    }
    const run = this.queue.then(() => this.render(sha256, fileName, page));
    this.queue = run.catch(() => undefined);
    const image = await run;
    await fs.mkdir(this.cacheDir, { recursive: true });
    // The PNG first, the JSON last: an entry counts only once its JSON is there.
    await writeFileDurably(pngFile, image.png);
    const { png: _png, ...meta } = image;
    void _png;
    await writeFileDurably(metaFile, Buffer.from(JSON.stringify(meta)));
    return image;
  }

  /** The reader of this file: the one kept open, or a new one (closing the previous file's). */
  private readerFor(sha256: string, fileName: string): Promise<PdfPageReader> {
    if (this.reader?.sha256 !== sha256) {
      this.dropReader();
      const reader = this.blobs
        .read(sha256)
        .catch((e: unknown) => {
          throw new SohoaError('BLOB_MISSING', fileName, { cause: e });
        })
        .then((bytes) => {
          this.opens++;
          return PdfPageReader.open(fileName, bytes);
        });
      this.reader = { sha256, reader };
    }
    const held = this.reader;
    clearTimeout(held.timer);
    held.timer = setTimeout(() => this.reader === held && this.dropReader(), READER_IDLE_MS);
    held.timer.unref();
    return held.reader;
  }

  private dropReader(): void {
    const held = this.reader;
    this.reader = null;
    if (!held) return;
    clearTimeout(held.timer);
    void held.reader.then((r) => r.close()).catch(() => undefined);
  }

  /** Closes the reader kept open (the worker is unref'd, so this is tidiness, not a must). */
  close(): void {
    this.dropReader();
  }

  private async render(sha256: string, fileName: string, page: number): Promise<PageImage> {
    let raster;
    try {
      raster = await (await this.readerFor(sha256, fileName)).page(page - 1);
    } catch (e) {
      // A reader that failed (timed out, worker gone) is not kept for the next page.
      this.dropReader();
      throw e;
    }
    const width = Math.min(VIEW_WIDTH_PX, raster.width);
    const scale = width / raster.width;
    const { data, info } = await sharp(raster.rgba, {
      raw: { width: raster.width, height: raster.height, channels: 4 },
    })
      .resize({ width })
      .flatten({ background: '#ffffff' })
      .png({ compressionLevel: 6 })
      .toBuffer({ resolveWithObject: true });
    const words: TextWord[] = (raster.text?.lines ?? []).flatMap((l) =>
      l.words.map((w) => ({
        text: w.text,
        box: [w.box.x0 * scale, w.box.y0 * scale, w.box.x1 * scale, w.box.y1 * scale].map(
          (n) => Math.round(n * 10) / 10,
        ) as TextWord['box'],
      })),
    );
    this.renders++;
    return { png: data, widthPx: info.width, heightPx: info.height, words };
  }
}
