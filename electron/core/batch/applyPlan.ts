// The second pass of a separated batch, once the archivist accepted its split plan: each planned
// document goes through the real pipeline (core.digitize) on its own pages and becomes one signed,
// archived record, titled with its document type and paper dossier code so that a search finds
// it. Documents are grouped into dossiers as the plan says (a new group at each startsDossier).
//
// Each record carries its document type (typeName) and paper dossier code (paperFileCode) in its
// TT 05/2025 metadata and a stable key (sourceRef: the batch's key, the document's number and its
// pages), all written in the archive's one transaction with the record.
//
// Restart-safe per document: what each document became is saved as soon as it is archived, and a
// document archived just before a crash (its key is already in the archive) is not made twice.
// A document whose pages all fail fails alone; the others are still archived.
import { createHash } from 'node:crypto';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../../shared/classification';
import type { BatchRecord } from '../../../shared/contracts/batch';
import type { SplitPlan } from '../../../shared/contracts/intake';
import { errorInfo, type ErrorInfo } from '../../../shared/errors';
import type { PageReport } from '../pipeline/types';
import { digitizeSafely } from './digitize';
import { preReadPage } from './readStack';
import type { StackRow } from './store';
import type { BatchCore } from './types';

export interface PlannedRecord {
  document: number;
  title: string;
  stack: StackRow[];
  type: DocumentType | null;
  dossierCode: string | null;
  group: number;
  /** The archive's key of this record: the same pages give the same key. */
  sourceRef: string;
}

/** The records a plan asks for, titled uniquely within the batch ("… (lô 3, tài liệu 2/5)"). */
export function plannedRecords(
  plan: SplitPlan,
  stack: readonly StackRow[],
  batch: { id: number; title: string },
  batchRef: string,
): PlannedRecord[] {
  let group = 0;
  const n = plan.documents.length;
  return plan.documents.map((doc, i) => {
    if (i === 0 || doc.startsDossier) group++;
    const type = doc.type;
    const parts = [
      ...(type ? [DOCUMENT_TYPE_LABELS[type].vi] : []),
      batch.title,
      ...(doc.dossierCode ? [`HS ${doc.dossierCode}`] : []),
    ];
    const pages = doc.pages.map((p) => stack[p]).filter((s): s is StackRow => Boolean(s));
    // A document is keyed by its pages (disjoint between documents): a plan edited after a cancel
    // gives its changed documents new keys. A hot folder's page is named by its content, so the
    // same scans delivered again, under other names or in another order, find their records.
    const pagesKey = createHash('sha256')
      .update(pages.map((s) => (s.sha256 ? `${s.sha256}#${s.pageInFile}` : s.name)).join('\n'))
      .digest('hex')
      .slice(0, 16);
    return {
      document: i,
      title: `${parts.join(' – ')} (lô ${batch.id}, tài liệu ${i + 1}/${n})`,
      stack: pages,
      type,
      dossierCode: doc.dossierCode,
      group,
      sourceRef: `${batchRef}:doc:${pagesKey}`,
    };
  });
}

export interface ApplyHooks {
  signal: AbortSignal;
  /** The queue's pause gate, passed before each read page is loaded. */
  beforeRead: () => Promise<void>;
  /** Records already made (a run before a restart): skipped. */
  done: ReadonlyMap<number, BatchRecord>;
  onPage: (stackPage: StackRow) => void;
  onRecord: (record: BatchRecord, pages: { stack: StackRow; report: PageReport }[]) => void;
  /** Whether another batch made this archived record (the same scans delivered again). */
  madeElsewhere: (archiveId: number) => boolean;
}

export async function applyPlan(
  core: BatchCore,
  records: readonly PlannedRecord[],
  hooks: ApplyHooks,
): Promise<{ fileErrors: ErrorInfo[] }> {
  const fileErrors: ErrorInfo[] = [];
  for (const planned of records) {
    const base = {
      document: planned.document,
      type: planned.type,
      dossierCode: planned.dossierCode,
      group: planned.group,
    };
    if (hooks.done.get(planned.document)?.archived) continue;
    hooks.signal.throwIfAborted();
    const already = core.archive.findBySourceRef(planned.sourceRef);
    if (already) {
      hooks.onRecord(
        {
          ...base,
          pages: already.pageCount,
          archived: { id: already.id, code: already.code },
          error: null,
          // Found by its key: this batch's own record (a crash before it was noted) or another's.
          ...(hooks.madeElsewhere(already.id) ? { alreadyArchived: true } : {}),
        },
        [],
      );
      continue;
    }
    const byName = new Map(planned.stack.map((s) => [s.name, s]));
    // Read in the first pass: the pipeline only assembles, signs and archives these pages.
    const sources = planned.stack.map((s) => preReadPage(s, hooks.beforeRead));
    const outcome = await digitizeSafely(core, sources, {
      title: planned.title,
      sourceRef: planned.sourceRef,
      ...(planned.type
        ? { documentMetadata: { typeName: DOCUMENT_TYPE_LABELS[planned.type].vi } }
        : {}),
      ...(planned.dossierCode ? { metadata: { paperFileCode: planned.dossierCode } } : {}),
      signal: hooks.signal,
      onProgress: (e) => {
        if (e.stage !== 'page' || !e.subject) return;
        const s = byName.get(e.subject);
        if (s) hooks.onPage(s);
      },
    });
    if (hooks.signal.aborted) hooks.signal.throwIfAborted();
    fileErrors.push(...outcome.fileErrors);
    const pages = outcome.pages
      .map((report) => ({ stack: byName.get(report.sourceName), report }))
      .filter((p): p is { stack: StackRow; report: PageReport } => Boolean(p.stack));
    hooks.onRecord(
      {
        ...base,
        pages: outcome.record?.pageCount ?? 0,
        archived: outcome.record ? { id: outcome.record.id, code: outcome.record.code } : null,
        error: outcome.record
          ? null
          : (outcome.fileErrors[0] ?? errorInfo('NO_VALID_PAGES', planned.title)),
        ...(outcome.record && outcome.alreadyArchived && hooks.madeElsewhere(outcome.record.id)
          ? { alreadyArchived: true }
          : {}),
      },
      pages,
    );
  }
  return { fileErrors };
}
