// What the batch screen reads: a batch's summary (live counters while it runs: pages/min over
// running time, time left), the list, a batch's files, its pages in order, their thumbnails, the
// review queue and a separated batch's plan. Read-only, except the archivist's review decisions.
import path from 'node:path';
import type {
  BatchPage,
  BatchRecord,
  BatchSummary,
  ReviewItem,
  StackPage,
} from '../../../shared/contracts/batch';
import type { SplitPlan } from '../../../shared/contracts/intake';
import { SohoaError } from '../../../shared/errors';
import { pageName } from './pageLocator';
import type { Run } from './run';
import type { BatchRow, BatchStore, FileRow } from './store';
import { thumbnailDataUrl } from './thumbnail';

export class BatchViews {
  constructor(
    private readonly store: BatchStore,
    private readonly dir: string,
    /** The run of this batch, while it runs. */
    private readonly running: (id: number) => Run | null,
    /** How many of these archived records still have unreviewed document fields. */
    private readonly unreviewed: (recordIds: number[]) => number = () => 0,
  ) {}

  private archivedIds(b: BatchRow): number[] {
    if (!b.separation) return b.recordId ? [b.recordId] : [];
    return this.store.records.list(b.id).flatMap((r) => (r.archived ? [r.archived.id] : []));
  }

  mustGet(id: number): BatchRow {
    const b = this.store.batches.get(id);
    if (!b) throw new SohoaError('BAD_REQUEST', `batch ${id}`);
    return b;
  }

  summary(b: BatchRow): BatchSummary {
    const run = this.running(b.id);
    const pagesDone = run ? run.pagesDone : b.pagesDone;
    const pagesTotal = Math.max(pagesDone, run ? run.pagesTotal : b.pagesTotal);
    const activeMs = run ? run.activeMs() : b.activeMs;
    const perMinute = pagesDone > 0 && activeMs > 0 ? (pagesDone * 60_000) / activeMs : null;
    // Time left only while the batch actually runs here: a paused or queued batch, or one the
    // last process left "running", is not counting down.
    const counting = run !== null && b.state === 'running';
    return {
      id: b.id,
      title: b.title,
      state: b.state,
      source: b.source,
      createdAt: b.createdAt,
      files: b.files,
      filesFailed: b.filesFailed,
      pagesDone,
      pagesTotal,
      pagesPerMinute: perMinute === null ? null : Math.round(perMinute * 10) / 10,
      secondsLeft:
        perMinute && counting ? Math.round(((pagesTotal - pagesDone) / perMinute) * 60) : null,
      record: b.recordId && b.dossierCode ? { id: b.recordId, code: b.dossierCode } : null,
      error: b.error,
      reviewOpen: b.reviewOpen,
      separated: b.separation !== null,
      records: b.separation ? b.records : b.recordId ? 1 : 0,
      alreadyArchived: b.alreadyArchived,
      recordsFailed: b.separation ? b.recordsFailed : 0,
      autoAccepted: b.autoAccepted,
      recordsUnreviewed: this.unreviewed(this.archivedIds(b)),
    };
  }

  summaryOf(id: number): BatchSummary {
    return this.summary(this.mustGet(id));
  }

  list(limit: number): { batches: BatchSummary[]; reviewOpen: number } {
    return {
      batches: this.store.batches.list(limit).map((b) => this.summary(b)),
      reviewOpen: this.store.review.openTotal(),
    };
  }

  detail(id: number): { batch: BatchSummary; files: Omit<FileRow, 'path' | 'ordinal'>[] } {
    const batch = this.summaryOf(id);
    const run = this.running(id);
    const files = this.store.files.list(id).map(({ path: _path, ordinal: _ordinal, ...f }) => {
      const live = run?.files.get(f.id);
      return live ? { ...f, state: live.state, pages: live.pages || null } : f;
    });
    return { batch, files };
  }

  /** The batch's pages in order: per page once it ran, per file (as far as known) before. */
  pages(id: number, offset: number, limit: number): { total: number; pages: BatchPage[] } {
    this.mustGet(id);
    const run = this.running(id);
    const files = this.store.files.list(id);
    const done = this.store.files.pages(id);
    const review = new Map(
      this.store.review
        .list({ batchId: id, openOnly: false })
        .filter((r) => r.reason !== 'unclassified')
        .map((r) => [`${r.fileId}:${r.pageInFile}`, r.reason]),
    );
    const all: BatchPage[] = [];
    for (const f of files) {
      const own = done.filter((p) => p.fileId === f.id);
      const several = own.length > 0 ? (f.pages ?? 0) > 1 : (run?.files.get(f.id)?.pages ?? 0) > 1;
      const name = (i: number) => pageName({ file: f.name, pageInFile: several ? i : null });
      if (own.length > 0) {
        for (const p of own)
          all.push({
            fileId: f.id,
            pageInFile: p.pageInFile,
            name: name(p.pageInFile),
            state: 'done',
            ordinal: p.ordinal,
            review: review.get(`${f.id}:${p.pageInFile}`) ?? null,
          });
      } else {
        // While the batch runs, a file's pages show done as the pipeline hands them over.
        const live = run?.files.get(f.id)?.pages ?? 0;
        for (let i = 0; i < Math.max(1, live); i++)
          all.push({
            fileId: f.id,
            pageInFile: i,
            name: name(i),
            state: live > 0 ? 'done' : f.state === 'failed' ? 'failed' : 'pending',
            ordinal: null,
            review: null,
          });
      }
    }
    return { total: all.length, pages: all.slice(offset, offset + limit) };
  }

  async thumbnail(id: number, fileId: number, pageInFile: number): Promise<string> {
    const file = this.store.files.get(id, fileId);
    if (!file) throw new SohoaError('BAD_REQUEST', `batch ${id} file ${fileId}`);
    const cache = path.join(this.dir, String(id), 'thumbs', `${fileId}-${pageInFile}.jpg`);
    return thumbnailDataUrl(file, pageInFile, cache);
  }

  review(options: { batchId?: number; state: 'open' | 'all' }): ReviewItem[] {
    return this.store.review.list({
      ...(options.batchId ? { batchId: options.batchId } : {}),
      openOnly: options.state === 'open',
    });
  }

  decide(itemId: number, decision: 'accepted' | 'dismissed'): ReviewItem {
    const item = this.store.review.decide(itemId, decision);
    if (!item) throw new SohoaError('BAD_REQUEST', `review item ${itemId}`);
    return item;
  }

  /** A group of the queue decided at once; an unknown item refuses the whole group. */
  decideMany(itemIds: number[], decision: 'accepted' | 'dismissed'): ReviewItem[] {
    const items = this.store.review.decideMany([...new Set(itemIds)], decision);
    if (!items) throw new SohoaError('BAD_REQUEST', `review items ${itemIds.join(', ')}`);
    return items;
  }

  splitPlan(id: number): { plan: SplitPlan | null; stack: StackPage[]; records: BatchRecord[] } {
    const batch = this.mustGet(id);
    return {
      plan: batch.plan,
      stack: this.store.files
        .stack(id)
        .map((s) => ({ fileId: s.fileId, pageInFile: s.pageInFile })),
      records: this.store.records.list(id),
    };
  }
}
