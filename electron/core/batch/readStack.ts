// The first pass of a separated batch: its pages are read once, by the same page flow as
// digitizing (decode, upright, deskew, crop, blank flag, OCR on the core's shared pool at batch
// priority), and each read page is kept durably beside the batch (archival image + words +
// analysis), so that once the split is accepted the pipeline only assembles, signs and archives
// it: no page is OCR'd twice. Each page is also measured for separation from its image (patch
// code, separator QR/barcode) and its text (the classifier's type), in the core, from the staged
// files: the page images never travel through the renderer. One bad file fails alone.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PageAnalysisRecord } from '../../../shared/contract';
import type { PageSignals, SeparationOptions } from '../../../shared/contracts/intake';
import type { ErrorInfo } from '../../../shared/errors';
import { writeFileDurably } from '../archive/blobStore';
import { readDataFile } from '../vault/files';
import type { OcrPage } from '../ocr/types';
import type { Core } from '../pipeline/core';
import { runPageFlow } from '../pipeline/pageFlow';
import type { PageSource, PreReadPage } from '../pipeline/types';
import { measurePage } from '../separate/pageSignals';
import { PageLocator, pageName } from './pageLocator';
import type { FileRow, StackRow } from './store';

/** Pages decoded or recognized at once (the pipeline's window on a 2-core machine). */
const WINDOW = 3;

export interface StackReadOptions {
  /** batches/<id>/read: where the read pages are kept until they are archived. */
  readDir: string;
  signal: AbortSignal;
  /** Waits while the batch is paused (the queue's gate). */
  beforeFile: () => Promise<void>;
  onPage: (done: number, total: number, fileId: number | null) => void;
}

export interface StackReadResult {
  stack: StackRow[];
  signals: PageSignals[];
  /** Per file id: the errors of its pages or of the whole file. */
  fileErrors: Map<number, ErrorInfo[]>;
  pagesOf: Map<number, number>;
}

/** A read page as kept on disk (the image beside it, same base name). */
interface StoredRead {
  widthPx: number;
  heightPx: number;
  dpi: number;
  format: 'jpeg' | 'png';
  ocr: OcrPage;
  analysis: PageAnalysisRecord;
}

export async function readStack(
  core: Pick<Core, 'sharedOcr' | 'orientation'>,
  files: readonly FileRow[],
  options: SeparationOptions,
  how: StackReadOptions,
): Promise<StackReadResult> {
  const stack: StackRow[] = [];
  const signals: PageSignals[] = [];
  const pagesOf = new Map<number, number>();
  const byName = new Map(files.map((f) => [f.name, f]));
  await fs.mkdir(how.readDir, { recursive: true });
  const sources: PageSource[] = files.map((f) => ({
    name: f.name,
    read: async () => {
      await how.beforeFile();
      return readDataFile(f.path);
    },
  }));
  const flow = await runPageFlow(sources, {
    ocr: () => core.sharedOcr('batch'),
    prepare: { deskew: true, cropEdges: true, orientation: core.orientation() },
    window: WINDOW,
    signal: how.signal,
    onProgress: (e) => {
      if (e.stage === 'page')
        how.onPage(e.done, e.total, (e.subject && byName.get(e.subject)?.id) || null);
    },
    // Pages of files come upright from the flow (turn 0): nothing is left to turn when assembled.
    consume: async (page) => {
      const file = byName.get(page.sourceName);
      if (!file) return;
      const idx = stack.length;
      const name = pageName({ file: page.sourceName, pageInFile: page.pageInFile });
      const { archival, widthPx, heightPx, dpi } = page.prepared;
      const base = path.join(how.readDir, String(idx + 1).padStart(5, '0'));
      const stored: StoredRead = {
        widthPx,
        heightPx,
        dpi,
        format: archival.format,
        ocr: page.ocr,
        analysis: page.analysis,
      };
      // The image first: a read page exists once its JSON does.
      await writeFileDurably(`${base}.${archival.format}`, archival.bytes);
      await writeFileDurably(`${base}.json`, Buffer.from(JSON.stringify(stored)));
      signals.push(
        await measurePage(
          { name, image: archival.bytes, text: page.ocr.text, blank: page.analysis.blank, dpi },
          options,
        ),
      );
      stack.push({
        idx,
        fileId: file.id,
        pageInFile: page.pageInFile ?? 0,
        name,
        path: `${base}.json`,
      });
      pagesOf.set(file.id, (pagesOf.get(file.id) ?? 0) + 1);
    },
  });
  how.signal.throwIfAborted();
  const fileErrors = new Map<number, ErrorInfo[]>();
  const locator = new PageLocator(files);
  for (const err of flow.errors) {
    const file = locator.error(err)?.file;
    if (file) fileErrors.set(file.id, [...(fileErrors.get(file.id) ?? []), err]);
  }
  return { stack, signals, fileErrors, pagesOf };
}

/** A page read in the first pass, for the pipeline to assemble without reading it again. */
export function preReadPage(row: StackRow, beforeLoad: () => Promise<void>): PreReadPage {
  return {
    name: row.name,
    turn: 0,
    load: async () => {
      await beforeLoad();
      const stored = JSON.parse((await readDataFile(row.path)).toString('utf8')) as StoredRead;
      const image = row.path.replace(/\.json$/, `.${stored.format}`);
      return {
        widthPx: stored.widthPx,
        heightPx: stored.heightPx,
        dpi: stored.dpi,
        archival: { format: stored.format, bytes: await readDataFile(image) },
        ocr: stored.ocr,
        analysis: stored.analysis,
      };
    },
  };
}
