// A scanned PDF that arrives unsigned keeps its own pages: the words read are written into a
// text-only PDF beside the usual draft, and at the end laid over the original pages, whose image
// streams pass through untouched. Only when every page was read as it lies in the file (no turn,
// no deskew, no crop, no text of its own); otherwise the usual re-rendered PDF is used and each
// page's report says why.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { overlayTextLayer } from '../pdf/textOverlay';
import { SearchablePdfWriter, type PdfMetadata } from '../pdf/searchablePdf';
import { readDataFile } from '../vault/files';
import type { FlowPage } from './pageFlow';

/** What became of a page's original in the record's PDF. */
export type PageKept = { kept: true } | { kept: false; reason: string };

export class KeptScan {
  private readonly writer: SearchablePdfWriter;
  private readonly file: string;
  private refusal: string | null = null;

  constructor(
    tmpDir: string,
    private readonly original: Buffer,
    private readonly meta: PdfMetadata,
  ) {
    this.file = path.join(tmpDir, `${randomUUID()}-text.pdf`);
    this.writer = new SearchablePdfWriter(this.file, meta);
  }

  /** Adds the page's words; says whether the original page can carry them as they are. */
  add(page: FlowPage): PageKept {
    const a = page.analysis;
    const reason = a.textFromSource
      ? 'has-own-text'
      : page.turn !== 0 || a.rotatedDeg !== 0
        ? 'turned'
        : a.deskewed
          ? 'deskewed'
          : a.cropped
            ? 'cropped'
            : null;
    this.refusal ??= reason;
    this.writer.addPage({
      widthPx: page.prepared.widthPx,
      heightPx: page.prepared.heightPx,
      dpi: page.prepared.dpi,
      ocr: page.ocr,
    });
    return reason ? { kept: false, reason } : { kept: true };
  }

  /**
   * The original with its text layer, or why not (a page's geometry, or a file pdf-lib cannot
   * read plainly); the caller then signs the re-rendered draft.
   */
  async finish(): Promise<{ bytes: Uint8Array } | { refused: string }> {
    try {
      await this.writer.finish();
      // One page re-rendered makes the whole file re-rendered: its other pages say so.
      if (this.refusal) return { refused: 'another-page-re-rendered' };
      const textOnly = await readDataFile(this.file);
      // A page that failed to read leaves the counts unequal: refused, as the pages would misalign.
      return await overlayTextLayer(this.original, textOnly, {
        title: this.meta.title,
        producer: 'Sohoa Desk',
      });
    } catch {
      return { refused: 'unreadable' }; // the usual PDF is made; the record does not fail
    } finally {
      await fs.rm(this.file, { force: true });
    }
  }

  async abort(): Promise<void> {
    this.writer.abort();
    await fs.rm(this.file, { force: true });
  }
}
