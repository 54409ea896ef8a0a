// One call from a document to its type and its TT 05/2025 metadata: for pages already read
// (the digitize pipeline's OCR lines with their boxes) or for a file (read here: a PDF's own
// text when it is the page's, else OCR). The evaluation commands measure exactly this path.
import type { Classification } from '../../../shared/classification';
import type { ReadMetadata } from '../../../shared/documentMetadata';
import { classifyLines, type ClassifyOptions } from './classify';
import { extractMetadata, type PdfSignatureInfo } from './metadata';
import type { TextLine } from './extract';
import type { Header } from './header';
import type { Rereads } from './reread';
import {
  hasRedInk,
  readDocumentFile,
  type ReadDocumentResult,
  type ReadOptions,
} from './readDocument';

export interface Description {
  classification: Classification;
  metadata: ReadMetadata;
  header: Header;
}

export interface PageInput {
  /** The first page's lines (with word boxes when the reader gave them). */
  lines: readonly TextLine[];
  /** Size of the page the boxes refer to (0 when unknown). */
  widthPx?: number;
  heightPx?: number;
  pageCount: number;
  textSource: 'ocr' | 'text-layer' | 'text-file';
  signatures?: readonly PdfSignatureInfo[];
  redInk?: boolean;
  /** Second readings of the date and number lines, when the page was read again. */
  rereads?: Rereads;
}

/** Type and metadata of a document whose first page has been read. */
export function describePage(page: PageInput, options: ClassifyOptions = {}): Description {
  const width = page.widthPx ?? 0;
  const { classification, rules } = classifyLines(page.lines, { ...options, pageWidth: width });
  const metadata = extractMetadata({
    header: rules.header,
    classification,
    lines: page.lines,
    pageCount: page.pageCount,
    textSource: page.textSource,
    ...(width ? { pageSize: { width, height: page.heightPx ?? 0 } } : {}),
    ...(page.signatures ? { signatures: page.signatures } : {}),
    ...(page.redInk !== undefined ? { redInk: page.redInk } : {}),
    ...(page.rereads ? { rereads: page.rereads } : {}),
  });
  return { classification, metadata, header: rules.header };
}

/** The same for a file read by readDocumentFile. */
export function describeRead(doc: ReadDocumentResult, options: ClassifyOptions = {}): Description {
  const page = doc.pages[0]!;
  return describePage(
    {
      lines: page.lines,
      widthPx: page.widthPx,
      heightPx: page.heightPx,
      pageCount: doc.pageCount,
      textSource: page.source,
      signatures: doc.signatures,
      redInk: hasRedInk(page),
      ...(page.rereads ? { rereads: page.rereads } : {}),
    },
    options,
  );
}

/** Reads a PDF or image file's first page and describes it. */
export async function describeFile(
  file: string,
  options: ReadOptions & ClassifyOptions,
): Promise<Description & { read: ReadDocumentResult }> {
  const read = await readDocumentFile(file, options);
  return { ...describeRead(read, options), read };
}
