// One digitize run: read -> image -> OCR -> PDF -> sign -> archive. The page stages stream
// through pageFlow.ts into the PDF writer; what follows the pages concerns the whole record and
// fails as one typed error. Every stage is timed into the outcome's report.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DocumentMetadataInput, RecordMetadataInput } from '../../../shared/archiveMetadata';
import {
  EMPTY_PAGE_ANALYSIS,
  type PageRecord,
  type RecordSummary,
  type StageTiming,
} from '../../../shared/contract';
import {
  asErrorInfo,
  errorInfo,
  isSohoaError,
  SohoaError,
  type ErrorInfo,
} from '../../../shared/errors';
import type { Archive } from '../archive/archive';
import { writeFileDurably, type BlobStore } from '../archive/blobStore';
import type { DataPaths } from '../config/paths';
import { readDataFile } from '../vault/files';
import { IMAGE_STEPS } from '../imaging/pageSteps';
import type { OrientationDetector } from '../ocr/orientation';
import type { OcrPool } from '../ocr/tesseractPool';
import { SearchablePdfWriter } from '../pdf/searchablePdf';
import { signPdf } from '../sign/signPdf';
import type { KeySource } from '../sign/types';
import type { AgencyIdentity } from './core';
import { describeFirstPage, type FirstPage } from './describeRecord';
import { runPageFlow, type FlowPage, type FlowResult } from './pageFlow';
import { KeptScan } from './keptPages';
import { singlePdfInput, type ReceivedPdf } from './receivedPdf';
import type { DigitizeOptions, DigitizeOutcome, RecordPage, PageReport } from './types';

/** What a digitize run needs from its core. */
export interface DigitizeContext {
  paths: DataPaths;
  archive: Archive;
  blobs: BlobStore;
  agency: AgencyIdentity;
  clock: () => Date;
  ocr: () => Promise<OcrPool>;
  /** The engine already started, if any (its description goes into the report). */
  ocrStarted: () => OcrPool | undefined;
  orientation: () => OrientationDetector;
  key: () => Promise<{ source: KeySource; demo: boolean }>;
  ocrWorkers: number;
  tsaUrl?: string;
  onArchived: (record: RecordSummary) => void;
}

class Timings {
  readonly list: StageTiming[] = [];
  async timed<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.list.push({ stage, ms: Math.round(performance.now() - t0) });
    }
  }
}

export async function digitize(
  ctx: DigitizeContext,
  inputs: readonly RecordPage[],
  opts: DigitizeOptions = {},
): Promise<DigitizeOutcome> {
  const timings = new Timings();
  const receivedAt = ctx.clock();
  const title =
    opts.title?.trim() || `Hồ sơ số hóa ${inputs[0] ? path.basename(inputs[0].name) : ''}`.trim();
  const failed = (fileErrors: ErrorInfo[], pages: PageReport[] = []): DigitizeOutcome => ({
    record: null,
    pdfPath: null,
    fileErrors,
    timings: timings.list,
    pages,
  });
  // Wrong metadata is refused before a single page is read, not after signing.
  const metadata = RecordMetadataInput.safeParse(opts.metadata ?? {});
  const documentMetadata = DocumentMetadataInput.safeParse(opts.documentMetadata ?? {});
  if (!metadata.success || !documentMetadata.success)
    return failed([errorInfo('METADATA_INVALID', title)]);
  const sourceRef = opts.sourceRef?.trim() || undefined;
  if (sourceRef) {
    const existing = ctx.archive.findBySourceRef(sourceRef);
    if (existing) return alreadyArchived(ctx.archive, existing, timings.list);
  }

  const single = await timings.timed('received', () => singlePdfInput(inputs));
  const sources = single ? [single.source] : inputs;

  // The PDF is written page by page into the data folder's tmp/, then signed and archived;
  // until the archive holds it, the inputs are the only copy that counts.
  await fs.mkdir(ctx.paths.tmpDir, { recursive: true });
  const draftPath = path.join(ctx.paths.tmpDir, `${randomUUID()}.pdf`);
  const pdfMeta = { title, author: ctx.agency.name, created: receivedAt };
  const writer = new SearchablePdfWriter(draftPath, pdfMeta);
  // An unsigned PDF keeps its own pages when it can; one with any signature dictionary is kept
  // whole, untouched, even when its signature could not be checked.
  const kept =
    single && !single.received ? new KeptScan(ctx.paths.tmpDir, single.bytes, pdfMeta) : undefined;
  const records: PageRecord[] = [];
  const reports: PageReport[] = [];
  const first: { page?: FirstPage } = {};
  let flow: FlowResult;
  try {
    flow = await readPages(ctx, sources, opts, {
      writer,
      kept,
      records,
      reports,
      timings,
      first,
    });
  } catch (e) {
    writer.abort();
    await kept?.abort();
    await fs.rm(draftPath, { force: true });
    const code = opts.signal?.aborted ? 'CANCELLED' : 'PDF_FAILED';
    return failed([asErrorInfo(e, code, path.basename(title))], reports);
  }
  const engine = ctx.ocrStarted();
  const report = {
    ...(engine ? { ocrEngine: engine.info } : {}),
    imageSteps: { ms: flow.imageStepMs, osdPages: flow.osdPages, pages: flow.pages },
  };
  if (flow.pages === 0) {
    writer.abort();
    await kept?.abort();
    await fs.rm(draftPath, { force: true });
    return { ...failed(flow.errors), ...report };
  }
  try {
    const done = await finishRecord(
      ctx,
      {
        writer,
        draftPath,
        title,
        receivedAt,
        records,
        timings,
        kept,
        ...(single?.received ? { received: single.received } : {}),
      },
      {
        metadata: metadata.data,
        documentMetadata: documentMetadata.data,
        firstPage: opts.describe === false ? undefined : first.page,
        sourceRef,
        code: opts.code,
        outDir: opts.outDir,
      },
    );
    if (done.raced)
      return { ...alreadyArchived(ctx.archive, done.record, timings.list), ...report };
    ctx.onArchived(done.record);
    const { record, pdfPath, companionPath, keptRefused } = done;
    // The file as a whole could not carry its text layer: no page was kept after all.
    if (keptRefused)
      for (const r of reports)
        if (r.original?.kept) r.original = { kept: false, reason: keptRefused };
    return {
      record,
      pdfPath,
      ...(companionPath ? { companionPath } : {}),
      fileErrors: flow.errors,
      timings: timings.list,
      pages: reports,
      ...report,
    };
  } catch (e) {
    return {
      ...failed([...flow.errors, asErrorInfo(e, 'INTERNAL', path.basename(title))], reports),
      ...report,
    };
  } finally {
    await fs.rm(draftPath, { force: true });
  }
}

/** The pages, read and written into the draft PDF in order, with their records and reports. */
async function readPages(
  ctx: DigitizeContext,
  sources: readonly RecordPage[],
  opts: DigitizeOptions,
  out: {
    writer: SearchablePdfWriter;
    kept: KeptScan | undefined;
    records: PageRecord[];
    reports: PageReport[];
    timings: Timings;
    /** The first page as read: the document is described from it. */
    first: { page?: FirstPage };
  },
): Promise<FlowResult> {
  const { writer, records, reports, timings } = out;
  const consume = async (page: FlowPage) => {
    writer.addPage({
      widthPx: page.prepared.widthPx,
      heightPx: page.prepared.heightPx,
      dpi: page.prepared.dpi,
      image: page.prepared.archival,
      ocr: page.ocr,
      turn: page.turn,
    });
    out.first.page ??= {
      ocr: page.ocr,
      widthPx: page.prepared.widthPx,
      heightPx: page.prepared.heightPx,
      textFromSource: page.analysis.textFromSource ?? false,
    };
    const sideways = page.turn === 90 || page.turn === 270;
    const ordinal = records.length + 1;
    const sourceName =
      page.pageInFile === null ? page.sourceName : `${page.sourceName}#${page.pageInFile + 1}`;
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
    reports.push({
      ordinal,
      sourceName,
      location: page.location,
      ...(page.resolution ? { resolution: page.resolution } : {}),
      confidence,
      analysis: page.analysis,
    });
    const original = out.kept?.add(page);
    if (original) reports[reports.length - 1]!.original = original;
    await writer.drained();
  };
  const flow = await timings.timed('pages', () =>
    runPageFlow(sources, {
      ocr: ctx.ocr,
      prepare: {
        deskew: opts.deskew !== false,
        cropEdges: opts.cropEdges !== false,
        ...(opts.orientation !== false ? { orientation: ctx.orientation() } : {}),
      },
      window: ctx.ocrWorkers + 2,
      signal: opts.signal,
      onProgress: opts.onProgress,
      consume,
    }),
  );
  for (const [stage, ms] of Object.entries(flow.stageMs))
    timings.list.push({ stage: `Σ ${stage}`, ms });
  for (const step of IMAGE_STEPS)
    timings.list.push({ stage: `Σ image.${step}`, ms: flow.imageStepMs[step] });
  return flow;
}

interface Draft {
  writer: SearchablePdfWriter;
  draftPath: string;
  title: string;
  receivedAt: Date;
  records: PageRecord[];
  timings: Timings;
  /** A PDF received signed: the record's main file, kept as it came; the draft is its companion. */
  received?: ReceivedPdf;
  /** An unsigned PDF whose own pages take the text layer, when they can. */
  kept?: KeptScan;
}

/**
 * Failures after the pages (PDF, signing, archiving) concern the whole record: they come back
 * as one typed error, the inputs stay untouched, and nothing half-made is archived.
 */
async function finishRecord(
  ctx: DigitizeContext,
  draft: Draft,
  fields: {
    metadata: RecordMetadataInput;
    documentMetadata: DocumentMetadataInput;
    firstPage: FirstPage | undefined;
    sourceRef: string | undefined;
    /** The dossier's own code (received at the counter), else the archive allocates one. */
    code: string | undefined;
    outDir: string | undefined;
  },
): Promise<{
  record: RecordSummary;
  pdfPath: string | null;
  companionPath?: string;
  keptRefused?: string;
  raced: boolean;
}> {
  const { timings, title, records } = draft;
  let keptRefused: string | undefined;
  const pdf = await timings.timed('pdf', () =>
    wrap('PDF_FAILED', title, async () => {
      await draft.writer.finish();
      const overlaid = await draft.kept?.finish();
      if (overlaid && 'bytes' in overlaid) return overlaid.bytes;
      keptRefused = overlaid?.refused;
      return readDataFile(draft.draftPath);
    }),
  );
  const signed = await timings.timed('sign', async () => {
    const { source, demo } = await ctx.key();
    return signPdf(pdf, {
      keySource: source,
      signingTime: ctx.clock(),
      appearance: { kind: 'agency', agencyName: ctx.agency.name, demo },
      reason: 'Số hóa hồ sơ tiếp nhận',
      ...(ctx.tsaUrl ? { tsaUrl: ctx.tsaUrl } : {}),
    });
  });
  // The document's type and TT 05/2025 fields from its first page, read already; what the
  // caller set wins, and the archivist reviews the rest.
  const described = fields.firstPage ? describeFirstPage(fields.firstPage, records.length) : null;
  const given = fields.documentMetadata;
  const readFields = Object.fromEntries(
    Object.entries(described?.readFields ?? {}).filter(([k]) => !(k in given)),
  );
  const { received } = draft;
  return timings.timed('archive', () =>
    wrap('ARCHIVE_FAILED', title, async () => {
      const desk = {
        sha256: await ctx.blobs.put(signed.bytes),
        bytes: signed.bytes.length,
        signature: signed.summary,
      };
      // The original is stored from the very bytes that were verified and read: sha256 equal.
      const main = received
        ? {
            sha256: await ctx.blobs.put(received.bytes),
            bytes: received.bytes.length,
            signature: received.signature,
            role: 'received' as const,
            report: received.report,
          }
        : desk;
      const record = ctx.archive.addRecord({
        agencyId: ctx.agency.id,
        receivedAt: draft.receivedAt,
        title: (!fields.metadata.title && described?.title) || title,
        pages: records,
        file: main,
        ...(received ? { companion: { ...desk, role: 'companion' as const } } : {}),
        metadata: fields.metadata,
        documents: [
          {
            metadata: { ...described?.metadata, ...given },
            readFields,
            pages: records.map((r) => r.ordinal),
          },
        ],
        ...(fields.sourceRef ? { sourceRef: fields.sourceRef } : {}),
        ...(fields.code ? { code: fields.code } : {}),
      });
      // Another run recorded this sourceRef while we read (checked in the write transaction):
      // its record stands; this signed copy is not written out.
      if (record.sha256 !== main.sha256) return { record, pdfPath: null, raced: true };
      const refusal = keptRefused ? { keptRefused } : {};
      const outDir = fields.outDir ?? ctx.paths.outputDir;
      await fs.mkdir(outDir, { recursive: true });
      const pdfPath = path.join(outDir, record.fileName);
      await writeFileDurably(pdfPath, received ? received.bytes : signed.bytes);
      if (!received) return { record, pdfPath, raced: false, ...refusal };
      const companionPath = path.join(outDir, record.fileName.replace(/\.pdf$/, '-ocr.pdf'));
      await writeFileDurably(companionPath, signed.bytes);
      return { record, pdfPath, companionPath, raced: false };
    }),
  );
}

/** The record a sourceRef already became, reported as digitize reports a new one. */
function alreadyArchived(
  archive: Archive,
  record: RecordSummary,
  timings: StageTiming[],
): DigitizeOutcome {
  const pages = (archive.getRecord(record.id)?.pages ?? []).map((p) => ({
    ordinal: p.ordinal,
    sourceName: p.sourceName,
    confidence: p.confidence,
    analysis: p.analysis ?? EMPTY_PAGE_ANALYSIS,
  }));
  return { record, pdfPath: null, fileErrors: [], timings, pages, alreadyArchived: true };
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
