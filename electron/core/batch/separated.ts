// A separated batch runs in two passes. The first reads and measures every page once, plans the
// split and waits for the archivist (or accepts the plan at once when every split was read from
// the paper). The second, once the plan is accepted, makes one archived record per planned
// document (applyPlan.ts) and records how each went. Both pause, resume and cancel like any batch;
// a restart re-reads a batch cut off in the first pass and, in the second, skips the documents
// already archived.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SeparationOptions, SplitPlan } from '../../../shared/contracts/intake';
import { asErrorInfo, errorInfo, isSohoaError, type ErrorInfo } from '../../../shared/errors';
import { planSeparation } from '../separate/splitPlan';
import { applyPlan, plannedRecords, type PlannedRecord } from './applyPlan';
import { autoAcceptable } from './autoAccept';
import { readStack } from './readStack';
import { pageReviewItems } from './review';
import type { Run } from './run';
import type { BatchRow, NewReviewItem, PageRow } from './store';
import { recordTitle, type QueueContext, type RunSlot } from './types';

const readDir = (ctx: QueueContext, id: number) => path.join(ctx.dir, String(id), 'read');

/** How a pass that threw ends: shutdown requeues, cancel cancels, else it failed. */
function endedEarly(ctx: QueueContext, slot: RunSlot, batch: BatchRow, run: Run, e: unknown): void {
  const { batches } = ctx.store;
  if (slot.closing) {
    const paused = batches.get(batch.id)?.state === 'paused';
    batches.setState(batch.id, paused ? 'paused' : 'queued');
  } else if (run.cancelled) {
    batches.setState(batch.id, 'cancelled', errorInfo('CANCELLED', batch.title));
  } else {
    batches.setState(batch.id, 'failed', asErrorInfo(e, 'INTERNAL', batch.title));
  }
}

/** First pass: read and measure the pages, plan, wait for the archivist. */
export async function planPass(
  ctx: QueueContext,
  slot: RunSlot,
  batch: BatchRow,
  options: SeparationOptions,
): Promise<void> {
  const { store } = ctx;
  store.runs.start(batch.id, recordTitle(batch));
  const files = store.files.list(batch.id);
  const run = slot.begin(batch.id, files, files.length);
  const signal = run.signal;
  try {
    const read = await readStack(ctx.core, files, options, {
      readDir: readDir(ctx, batch.id),
      signal,
      beforeFile: () => run.gate.pass(signal),
      onPage: (done, total, fileId) => {
        if (fileId !== null) run.pageOf(fileId);
        run.pagesDone = done;
        run.pagesTotal = total;
        run.saveProgress(false);
      },
    });
    run.stopClock();
    const plan = planSeparation(read.signals, options);
    store.runs.savePlan(batch.id, read.stack, plan, {
      state: read.stack.length > 0 ? 'awaiting-split' : 'failed',
      files: files.map((f) => {
        const errors = read.fileErrors.get(f.id) ?? [];
        const pages = read.pagesOf.get(f.id) ?? 0;
        return {
          id: f.id,
          state: errors.length && pages === 0 ? 'failed' : 'pending',
          pages: pages || null,
          errors,
        };
      }),
      progress: run.progress(read.stack.length, read.stack.length),
    });
    if (read.stack.length === 0)
      store.batches.setState(batch.id, 'failed', errorInfo('NO_VALID_PAGES', batch.title));
    // Every split read from the paper (separator sheets, patch codes): archived without waiting;
    // the runner takes it next (kick after this run). Its pages still go to the review queue.
    else if (autoAcceptable(plan, read.fileErrors.size)) store.runs.acceptPlan(batch.id, true);
  } catch (e) {
    run.stopClock();
    endedEarly(ctx, slot, batch, run, e);
  } finally {
    slot.end();
  }
}

/** Second pass: one archived record per planned document (see applyPlan.ts). */
export async function applyPass(
  ctx: QueueContext,
  slot: RunSlot,
  batch: BatchRow,
  plan: SplitPlan,
): Promise<void> {
  const { store } = ctx;
  store.batches.setState(batch.id, 'running');
  const files = store.files.list(batch.id);
  const planned = plannedRecords(plan, store.files.stack(batch.id), batch, ctx.sourceRefOf(batch));
  const done = new Map(store.records.list(batch.id).map((r) => [r.document, r]));
  const pagesIn = (records: readonly PlannedRecord[]) =>
    records.reduce((n, r) => n + r.stack.length, 0);
  const run = slot.begin(batch.id, files, pagesIn(planned));
  run.pagesDone = pagesIn(planned.filter((r) => done.get(r.document)?.archived));
  const signal = run.signal;
  const pages = new Map<number, PageRow>();
  const review: NewReviewItem[] = [];
  let thrown: unknown = null;
  try {
    await applyPlan(ctx.core, planned, {
      signal,
      beforeRead: () => run.gate.pass(signal),
      done,
      madeElsewhere: (archiveId) => store.records.madeByOtherBatch(archiveId, batch.id),
      onPage: (s) => {
        run.pagesDone++;
        run.pageOf(s.fileId);
        run.saveProgress(false);
      },
      onRecord: (record, made) => {
        store.records.save(batch.id, record);
        const rows = made.map(({ stack: s, report }) => ({
          ordinal: s.idx + 1,
          fileId: s.fileId,
          pageInFile: s.pageInFile,
          confidence: report.confidence,
          blank: report.analysis.blank,
          inkRatio: report.analysis.inkRatio,
        }));
        const recordId = record.archived?.id;
        if (recordId)
          review.push(
            ...pageReviewItems(
              made.map(({ stack: s, report }, i) => ({
                ...rows[i]!,
                ordinal: report.ordinal,
                subject: s.name,
                textFromSource: report.analysis.textFromSource ?? false,
              })),
            ).map((item) => ({ ...item, recordId })),
          );
        for (const [i, { stack: s }] of made.entries()) pages.set(s.idx, rows[i]!);
      },
    });
  } catch (e) {
    thrown = e;
  }
  run.stopClock();
  slot.end();
  if (thrown !== null && slot.closing) return endedEarly(ctx, slot, batch, run, thrown);
  const finished = finishSeparated(ctx, batch, planned, pages, review, run, thrown);
  // Every document is in the archive: the pages read for it are not needed any more.
  if (finished === 'complete')
    await fs.rm(readDir(ctx, batch.id), { recursive: true, force: true }).catch(() => undefined);
}

/** Records how the second pass went: done when any document is archived, its failures kept. */
function finishSeparated(
  ctx: QueueContext,
  batch: BatchRow,
  planned: readonly PlannedRecord[],
  pages: Map<number, PageRow>,
  review: NewReviewItem[],
  run: Run,
  thrown: unknown,
): 'complete' | 'partial' {
  const { store } = ctx;
  const records = store.records.list(batch.id);
  const archived = records.filter((r) => r.archived);
  // Pages of documents archived by an earlier run (before a restart) show done too.
  for (const r of planned)
    if (archived.some((a) => a.document === r.document))
      for (const s of r.stack)
        if (!pages.has(s.idx))
          pages.set(s.idx, {
            ordinal: s.idx + 1,
            fileId: s.fileId,
            pageInFile: s.pageInFile,
            confidence: 0,
            blank: batch.plan?.pages[s.idx]?.blank ?? false,
            inkRatio: 0,
          });
  const failedDocs = new Map<number, ErrorInfo>();
  for (const r of records) if (!r.archived && r.error) failedDocs.set(r.document, r.error);
  const complete = archived.length === planned.length;
  const state =
    thrown !== null
      ? run.cancelled
        ? 'cancelled'
        : 'failed'
      : archived.length > 0
        ? 'done'
        : 'failed';
  const firstFailure = [...failedDocs.values()][0] ?? null;
  const error =
    state === 'done'
      ? complete
        ? null
        : firstFailure
      : run.cancelled
        ? errorInfo('CANCELLED', batch.title)
        : isSohoaError(thrown)
          ? thrown.info
          : (firstFailure ?? errorInfo('NO_VALID_PAGES', batch.title));
  const pageList = [...pages.values()].sort((a, b) => a.ordinal - b.ordinal);
  store.runs.finish(batch.id, {
    state,
    error,
    record: archived[0]?.archived ?? null,
    files: store.files.list(batch.id).map((f) => {
      const n = pageList.filter((p) => p.fileId === f.id).length;
      const own = planned
        .filter((r) => r.stack.some((s) => s.fileId === f.id))
        .map((r) => failedDocs.get(r.document))
        .filter((e): e is ErrorInfo => Boolean(e));
      const errors = f.errors.length ? f.errors : n === 0 ? own : [];
      return {
        id: f.id,
        state: errors.length && n === 0 ? 'failed' : n > 0 ? 'done' : 'pending',
        pages: n > 0 ? n : f.pages,
        errors,
      };
    }),
    pages: pageList,
    review: [...keptReview(ctx, batch.id, review), ...review],
    progress: run.progress(pageList.length),
  });
  return state === 'done' && complete ? 'complete' : 'partial';
}

/** Items of records an earlier run made (before a restart) stay in the review queue. */
function keptReview(
  ctx: QueueContext,
  batchId: number,
  review: readonly NewReviewItem[],
): NewReviewItem[] {
  const remade = new Set(review.map((r) => r.recordId));
  return ctx.store.review
    .list({ batchId, openOnly: false })
    .filter((r) => r.recordId !== null && !remade.has(r.recordId))
    .map((r) => ({
      reason: r.reason,
      subject: r.subject,
      fileId: r.fileId,
      pageInFile: r.pageInFile,
      ordinal: r.ordinal,
      confidence: r.confidence,
      inkRatio: r.inkRatio,
      candidates: r.candidates,
      recordId: r.recordId,
    }));
}
