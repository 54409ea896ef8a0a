// The pages of one open reception at the counter. Each added file goes through the same page
// flow as digitizing (decode, upright, deskew, OCR) once; the upright archival image and its text
// are kept in `<data>/desk-sessions/<session>/` so the clerk can rotate, reorder, split and merge
// without re-reading anything, and digitizing takes the very images the clerk saw, with the words
// and boxes read then (no second OCR at signing). Each page is fsynced before it is reported, so
// a restart keeps it. Finishing or dropping the reception deletes the folder; one abandoned for a
// day is dropped at start.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { PageAnalysisRecord } from '../../../shared/contract';
import type { ReceptionPage, Rotation } from '../../../shared/contracts/reception';
import { SohoaError, type ErrorInfo } from '../../../shared/errors';
import { writeFileDurably } from '../archive/blobStore';
import { readDataFile } from '../vault/files';
import type { OrientationDetector } from '../ocr/orientation';
import type { OcrEngine, OcrPage } from '../ocr/types';
import { runPageFlow } from '../pipeline/pageFlow';
import type { RecordPage, PageSource } from '../pipeline/types';

const SESSION_ID = /^[a-z0-9-]{8,64}$/;
const PAGE_ID = /^[a-z0-9-]{1,64}$/;
const THUMB_WIDTH = 180;
/** Pages decoded or recognized at once: the counter PC also runs the UI. */
const WINDOW = 2;

interface StoredPage {
  sourceName: string;
  format: 'jpeg' | 'png';
  dpi: number;
  widthPx: number;
  heightPx: number;
  text: string;
  confidence: number;
  blank: boolean;
  /** The words and their boxes as read (absent in sessions saved by older versions). */
  ocr?: OcrPage;
  analysis?: PageAnalysisRecord;
}

export interface ReceptionSessionDeps {
  root: string;
  ocr: () => Promise<OcrEngine>;
  orientation: () => OrientationDetector;
}

export class ReceptionSessions {
  constructor(private readonly deps: ReceptionSessionDeps) {}

  private dir(sessionId: string): string {
    if (!SESSION_ID.test(sessionId)) throw new SohoaError('BAD_REQUEST', 'sessionId');
    return path.join(this.deps.root, sessionId);
  }

  private pageFile(sessionId: string, pageId: string, ext: string): string {
    if (!PAGE_ID.test(pageId)) throw new SohoaError('BAD_REQUEST', 'pageId');
    return path.join(this.dir(sessionId), `${pageId}.${ext}`);
  }

  /** Prepares and reads every page of the files; a bad file fails alone, named in fileErrors. */
  async addPages(
    sessionId: string,
    files: readonly { name: string; bytes: Buffer }[],
  ): Promise<{ pages: ReceptionPage[]; fileErrors: ErrorInfo[] }> {
    const dir = this.dir(sessionId);
    await fs.mkdir(dir, { recursive: true });
    const pages: ReceptionPage[] = [];
    const sources: PageSource[] = files.map((f) => ({
      name: path.basename(f.name),
      read: () => Promise.resolve(f.bytes),
    }));
    const flow = await runPageFlow(sources, {
      ocr: this.deps.ocr,
      prepare: { deskew: true, cropEdges: true, orientation: this.deps.orientation() },
      window: WINDOW,
      consume: async (page) => {
        const id = randomUUID();
        const { prepared } = page;
        const sourceName =
          page.pageInFile === null ? page.sourceName : `${page.sourceName} #${page.pageInFile + 1}`;
        const stored: StoredPage = {
          sourceName,
          format: prepared.archival.format,
          dpi: prepared.dpi,
          widthPx: prepared.widthPx,
          heightPx: prepared.heightPx,
          text: page.ocr.text,
          confidence: Math.round(page.ocr.confidence * 10) / 10,
          blank: page.analysis.blank,
          ocr: page.ocr,
          analysis: page.analysis,
        };
        // The image first: a page exists once its JSON does.
        await writeFileDurably(path.join(dir, `${id}.${stored.format}`), prepared.archival.bytes);
        await writeFileDurably(path.join(dir, `${id}.json`), Buffer.from(JSON.stringify(stored)));
        const thumb = await sharp(prepared.archival.bytes)
          .resize({ width: THUMB_WIDTH })
          .jpeg({ quality: 70 })
          .toBuffer();
        pages.push({
          id,
          sourceName,
          thumbnail: `data:image/jpeg;base64,${thumb.toString('base64')}`,
          widthPx: stored.widthPx,
          heightPx: stored.heightPx,
          text: stored.text,
          confidence: stored.confidence,
          blank: stored.blank,
        });
      },
    });
    return { pages, fileErrors: flow.errors };
  }

  private async stored(sessionId: string, pageId: string): Promise<StoredPage> {
    try {
      return JSON.parse(
        (await readDataFile(this.pageFile(sessionId, pageId, 'json'))).toString('utf8'),
      ) as StoredPage;
    } catch (cause) {
      if (cause instanceof SohoaError) throw cause;
      throw new SohoaError('FILE_NOT_FOUND', pageId, { cause });
    }
  }

  /** The page's text, for classifying a document made of several pages. */
  async text(sessionId: string, pageId: string): Promise<string> {
    return (await this.stored(sessionId, pageId)).text;
  }

  /**
   * The page for the dossier, turned by the clerk's rotation: as read already (image, words and
   * boxes; the pipeline only assembles it), or, for a page saved without its words or when
   * `reRead` asks for it (the benchmark's peer), the image to read again. The resolution goes
   * with the image so the PDF page keeps the paper's size.
   */
  async source(
    sessionId: string,
    pageId: string,
    rotation: Rotation,
    options: { reRead?: boolean } = {},
  ): Promise<RecordPage> {
    const page = await this.stored(sessionId, pageId);
    const file = this.pageFile(sessionId, pageId, page.format);
    const { ocr, analysis } = page;
    if (ocr && analysis && !options.reRead) {
      return {
        name: page.sourceName,
        turn: rotation,
        load: async () => ({
          widthPx: page.widthPx,
          heightPx: page.heightPx,
          dpi: page.dpi,
          archival: { format: page.format, bytes: await readDataFile(file) },
          ocr,
          analysis,
        }),
      };
    }
    const reread: PageSource = {
      name: page.sourceName,
      read: async () => {
        const img = sharp(await readDataFile(file))
          .rotate(rotation)
          .withMetadata({ density: page.dpi });
        return page.format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 90 }).toBuffer();
      },
    };
    return reread;
  }

  /**
   * Receptions abandoned when the app was closed mid-way: their pages go after a day (the
   * citizen has long left; the papers were never received).
   */
  async dropStale(maxAgeMs = 24 * 3600 * 1000, now = Date.now()): Promise<string[]> {
    const names = await fs.readdir(this.deps.root).catch(() => [] as string[]);
    const dropped: string[] = [];
    for (const name of names.filter((n) => SESSION_ID.test(n))) {
      const stat = await fs.stat(path.join(this.deps.root, name)).catch(() => null);
      if (stat?.isDirectory() && now - stat.mtimeMs > maxAgeMs) {
        await this.drop(name);
        dropped.push(name);
      }
    }
    return dropped;
  }

  async drop(sessionId: string): Promise<void> {
    await fs.rm(this.dir(sessionId), { recursive: true, force: true });
  }
}
