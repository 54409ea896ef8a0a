// A batch that is not separated: all its files through the real pipeline (core.digitize) as one
// signed record. Pause holds the next file's read; cancel aborts the run before anything is
// archived; shutting down mid-run leaves it queued for next time. Its outcome is then recorded
// per file and page, with the review queue (blank, poorly read, unclassified).
import { errorInfo, type ErrorInfo } from '../../../shared/errors';
import { readDataFile } from '../vault/files';
import type { DigitizeOutcome, PageSource } from '../pipeline/types';
import { digitizeSafely } from './digitize';
import { PageLocator, pageName } from './pageLocator';
import { documentReviewItems, pageReviewItems, type ReviewedPage } from './review';
import type { BatchRow, FileRow } from './store';
import { recordTitle, type QueueContext, type RunSlot } from './types';

/** How a run went, as its outcome is recorded. */
export interface RunTally {
  cancelled: boolean;
  activeMs: number;
  pagesDone: number;
  pagesTotal: number;
}

export async function runSingle(ctx: QueueContext, slot: RunSlot, batch: BatchRow): Promise<void> {
  const title = recordTitle(batch);
  ctx.store.runs.start(batch.id, title);
  const files = ctx.store.files.list(batch.id);
  const run = slot.begin(batch.id, files, files.length);
  const byName = new Map(files.map((f) => [f.name, f]));
  const signal = run.signal;
  const sources: PageSource[] = files.map((f) => ({
    name: f.name,
    read: async () => {
      await run.gate.pass(signal);
      run.files.get(f.id)!.state = 'reading';
      return readDataFile(f.path);
    },
  }));
  const outcome = await digitizeSafely(ctx.core, sources, {
    title,
    sourceRef: ctx.sourceRefOf(batch),
    signal,
    onProgress: (e) => {
      if (e.stage !== 'page') return;
      run.pagesDone = e.done;
      run.pagesTotal = e.total;
      const file = e.subject ? byName.get(e.subject) : undefined;
      if (file) run.pageOf(file.id);
      run.saveProgress(false);
    },
  });
  run.stopClock();
  slot.end();
  if (slot.closing && !outcome.record) {
    // Shutting down mid-run is not the archivist's cancel: the batch runs again next time.
    const paused = ctx.store.batches.get(batch.id)?.state === 'paused';
    ctx.store.batches.setState(batch.id, paused ? 'paused' : 'queued');
    return;
  }
  finishSingle(ctx, batch.id, outcome, { cancelled: run.cancelled, ...run.progress() });
}

/** The pages of a run, each on its file and page in it; the errors per file and for the batch. */
function placeOutcome(files: readonly FileRow[], outcome: DigitizeOutcome) {
  const locator = new PageLocator(files);
  const errorsOf = new Map<number, ErrorInfo[]>();
  const batchErrors: ErrorInfo[] = [];
  for (const err of outcome.fileErrors) {
    const at = locator.error(err);
    if (at) errorsOf.set(at.file.id, [...(errorsOf.get(at.file.id) ?? []), err]);
    else batchErrors.push(err);
  }
  const pages: ReviewedPage[] = [];
  for (const p of outcome.pages) {
    const at = locator.page(p);
    if (!at) continue;
    pages.push({
      ordinal: p.ordinal,
      fileId: at.file.id,
      pageInFile: at.location.pageInFile ?? 0,
      confidence: p.confidence,
      blank: p.analysis.blank,
      inkRatio: p.analysis.inkRatio,
      subject: pageName(at.location),
      textFromSource: p.analysis.textFromSource ?? false,
    });
  }
  return { errorsOf, batchErrors, pages };
}

/** Records a run's outcome (also a record found after a crash): files, pages, review queue. */
export function finishSingle(
  ctx: QueueContext,
  id: number,
  outcome: DigitizeOutcome,
  how: RunTally,
): void {
  const { store } = ctx;
  const files = store.files.list(id);
  const { errorsOf, batchErrors, pages } = placeOutcome(files, outcome);
  const pagesOf = (fileId: number) => pages.filter((p) => p.fileId === fileId).length;
  const record = outcome.record ? { id: outcome.record.id, code: outcome.record.code } : null;
  if (record && outcome.alreadyArchived && store.records.madeByOtherBatch(record.id, id)) {
    // The same scans made this record before (another batch): the batch points at it and says
    // so; its pages and review items stay with the batch that made it.
    store.runs.finish(id, {
      state: 'done',
      error: null,
      record,
      alreadyArchived: true,
      files: files.map((f) => ({ id: f.id, state: 'done', pages: null, errors: [] })),
      pages: [],
      review: [],
      progress: { pagesDone: how.pagesDone, pagesTotal: how.pagesTotal, activeMs: how.activeMs },
    });
    return;
  }
  const state = record ? 'done' : how.cancelled ? 'cancelled' : 'failed';
  const error = record
    ? null
    : how.cancelled
      ? errorInfo('CANCELLED', ctx.mustGet(id).title)
      : (batchErrors[0] ?? errorInfo('NO_VALID_PAGES', ctx.mustGet(id).title));

  const review = [...pageReviewItems(pages)];
  if (record) {
    const text = ctx.core.archive.getRecord(record.id)?.pages ?? [];
    review.push(
      ...documentReviewItems(
        files
          .map((f) => {
            const own = pages.filter((p) => p.fileId === f.id);
            const ordinals = new Set(own.map((p) => p.ordinal));
            return {
              fileId: f.id,
              name: f.name,
              firstOrdinal: own[0]?.ordinal ?? 0,
              text: text
                .filter((p) => ordinals.has(p.ordinal))
                .map((p) => p.text)
                .join('\n'),
            };
          })
          .filter((f) => f.firstOrdinal > 0),
      ),
    );
  }
  store.runs.finish(id, {
    state,
    error,
    record,
    files: files.map((f) => {
      const errors = errorsOf.get(f.id) ?? [];
      const n = pagesOf(f.id);
      return {
        id: f.id,
        state: n === 0 && (errors.length > 0 || record) ? 'failed' : n > 0 ? 'done' : 'pending',
        pages: n > 0 ? n : null,
        errors,
      };
    }),
    pages,
    review: record ? review : [],
    progress: record
      ? { pagesDone: pages.length, pagesTotal: pages.length, activeMs: how.activeMs }
      : { pagesDone: how.pagesDone, pagesTotal: how.pagesTotal, activeMs: how.activeMs },
  });
}
