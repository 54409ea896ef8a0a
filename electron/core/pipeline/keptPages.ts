// A scanned PDF that arrives unsigned keeps its own pages: the words read are laid over the
// original pages as an invisible text layer, whose image streams pass through untouched. Only
// when every page was read as it lies in the file (no turn, no deskew, no crop, no text of its
// own); otherwise the usual re-rendered PDF is used and each page's report says why.
//
// The layer's font is glyphless (pdf/glyphlessFont.ts): a bilevel scan is 30–40 KB a page, and
// a real font's subset would cost a third of a page in a file meant to stay near its size.
import { overlayTextLayer } from '../pdf/textOverlay';
import { textLayerPdf, type TextLayerPage } from '../pdf/textLayerPdf';
import type { PdfMetadata } from '../pdf/searchablePdf';
import type { FlowPage } from './pageFlow';

/** What became of a page's original in the record's PDF. */
export type PageKept = { kept: true } | { kept: false; reason: string };

export class KeptScan {
  // The words stay in memory until finish(): nothing of the OCR text reaches the disk here.
  private readonly pages: TextLayerPage[] = [];
  private refusal: string | null = null;

  constructor(
    _tmpDir: string,
    private readonly original: Buffer,
    private readonly meta: PdfMetadata,
  ) {}

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
    this.pages.push({
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
      // One page re-rendered makes the whole file re-rendered: its other pages say so.
      if (this.refusal) return { refused: 'another-page-re-rendered' };
      // A page that failed to read leaves the counts unequal: refused, as the pages would misalign.
      return await overlayTextLayer(this.original, await textLayerPdf(this.pages), {
        title: this.meta.title,
        producer: 'Sohoa Desk',
      });
    } catch {
      return { refused: 'unreadable' }; // the usual PDF is made; the record does not fail
    } finally {
      this.pages.length = 0;
    }
  }

  async abort(): Promise<void> {
    this.pages.length = 0;
    return Promise.resolve();
  }
}
