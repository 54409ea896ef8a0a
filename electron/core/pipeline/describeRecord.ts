// What the digitize pipeline learns about a record from its first page, already read (OCR or
// the PDF's own text): the document's type and TT 05/2025 fields, each with its confidence and
// page region for the archivist's review, and a title built from them. No second OCR: the
// classifier's rules run on the lines the pipeline has. A personal paper (an ID card, a form at
// the counter) is not an archival document to describe, and is left as the caller titled it.
import { DocumentMetadataInput } from '../../../shared/archiveMetadata';
import { DOCUMENT_TYPE_INFO } from '../../../shared/classification';
import type { ReviewFieldName } from '../../../shared/contracts/records';
import { toDocumentMetadataInput, type ReadMetadata } from '../../../shared/documentMetadata';
import { documentTitle } from '../../../shared/documentTitle';
import type { ReadFieldsInput } from '../archive/documentFields';
import { describePage } from '../classify/describe';
import { linesFromOcrPage } from '../classify/extract';
import type { PdfSignatureInfo } from '../classify/metadata';
import type { OcrPage } from '../ocr/types';

export interface FirstPage {
  ocr: OcrPage;
  widthPx: number;
  heightPx: number;
  /** The text is the PDF's own, not OCR's. */
  textFromSource: boolean;
}

export interface RecordDescription {
  /** A title from the fields, or null when they give none. */
  title: string | null;
  metadata: Partial<DocumentMetadataInput>;
  readFields: ReadFieldsInput;
}

/** Region in page pixels → fractions of the page, what the review form crops with. */
function fractions(
  region: { x0: number; y0: number; x1: number; y1: number } | undefined,
  width: number,
  height: number,
) {
  if (!region || !(width > 0) || !(height > 0)) return undefined;
  const f = (v: number, d: number) => Math.round(Math.max(0, Math.min(1, v / d)) * 10_000) / 10_000;
  return {
    x0: f(region.x0, width),
    y0: f(region.y0, height),
    x1: f(region.x1, width),
    y1: f(region.y1, height),
  };
}

/** Each field read, in the form the archive stores (dates DD/MM/YYYY), with where it was read. */
function readFieldsOf(read: ReadMetadata, stored: Partial<DocumentMetadataInput>, page: FirstPage) {
  const out: ReadFieldsInput = {};
  const width = read.pageSize?.width ?? page.widthPx;
  const height = read.pageSize?.height ?? page.heightPx;
  for (const [name, field] of Object.entries(read.fields)) {
    const key = name as ReviewFieldName;
    const value = stored[key];
    if (!field || typeof value !== 'string' || !value) continue;
    const region = fractions(field.region, width, height);
    out[key] = {
      value,
      confidence: field.confidence,
      source: field.source,
      ...(field.page ? { page: field.page } : {}),
      ...(region ? { region } : {}),
    };
  }
  return out;
}

/** Only values the archive's schema takes (a misread date that is no calendar day is dropped):
 * a field read wrong must never cost the record. */
function storable(values: Partial<DocumentMetadataInput>): Partial<DocumentMetadataInput> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values))
    if (DocumentMetadataInput.safeParse({ [k]: v }).success) out[k] = v;
  return out;
}

export function describeFirstPage(
  page: FirstPage,
  pageCount: number,
  signatures?: readonly PdfSignatureInfo[],
): RecordDescription | null {
  const lines = linesFromOcrPage(page.ocr, 1);
  if (lines.length === 0) return null;
  const { classification, metadata } = describePage({
    lines,
    widthPx: page.widthPx,
    heightPx: page.heightPx,
    pageCount,
    textSource: page.textFromSource ? 'text-layer' : 'ocr',
    ...(signatures ? { signatures } : {}),
  });
  const type = classification.type;
  if (type && DOCUMENT_TYPE_INFO[type].group === 'personal') return null;
  const stored = storable(toDocumentMetadataInput(metadata));
  const readFields = readFieldsOf(metadata, stored, page);
  if (Object.keys(readFields).length === 0) return null;
  // The type names the record only when the classifier is sure enough not to send it to review.
  const titled = classification.needsReview ? { ...stored, typeName: undefined } : stored;
  return { title: documentTitle(titled), metadata: stored, readFields };
}
