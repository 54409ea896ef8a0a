// The archive room's batch queue: batches run one at a time through the real pipeline
// (core.digitize), each becoming one signed record. Pause holds the next file's read; cancel
// aborts the run before anything is archived; a restart resumes what was queued or running.
// Progress lives in memory while a batch runs and is saved every few seconds, so the UI's
// polling (`list`) costs a few indexed rows.
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type {
  BatchPage,
  BatchRecord,
  BatchSummary,
  ReviewItem,
  StackPage,
} from '../../../shared/contracts/batch';
import type { SeparationOptions, SplitEdit, SplitPlan } from '../../../shared/contracts/intake';
import { SohoaError, errorInfo, type ErrorInfo } from '../../../shared/errors';
import type { Core } from '../pipeline/core';
import type { DigitizeOutcome, PageSource } from '../pipeline/types';
import { adjustSplits, planSeparation } from '../separate/splitPlan';
import { applyPlan, plannedRecords } from './applyPlan';
import { autoAcceptable } from './autoAccept';
import { Gate } from './gate';
import { displayName, listFolder, storeUploads } from './inputs';
import { documentReviewItems, pageReviewItems, type ReviewedPage } from './review';
import { readStack } from './readStack';
import { BatchStore, type BatchRow, type FileRow, type NewReviewItem, type PageRow } from './store';
import { thumbnailDataUrl } from './thumbnail';

export type BatchCore = Pick<Core, 'digitize' | 'archive' | 'paths' | 'sharedOcr' | 'orientation'>;

export interface BatchQueueOptions {
  clock?: () => Date;
  /** How often a running batch's counters go to disk. */
  saveEveryMs?: number;
  /** Tests open a queue without starting it, to look at what a restart finds. */
  autoStart?: boolean;
}

interface Run {
  id: number;
  controller: AbortController;
  gate: Gate;
  cancelled: boolean;
  pagesDone: number;
  pagesTotal: number;
  /** Time actually running, excluding pauses; `since` marks the current running stretch. */
  activeMs: number;
  since: number | null;
  lastSave: number;
  files: Map<number, { state: 'pending' | 'reading'; pages: number }>;
}

const DEFAULT_TITLE = 'Lô số hóa';

export class BatchQueue {
  private readonly store: BatchStore;
  private readonly dir: string;
  private run: Run | null = null;
  private readonly feeds: { controller: AbortController; done: Promise<void> }[] = [];
  private closing = false;
  private idle: Promise<void> = Promise.resolve();
  private readonly saveEveryMs: number;
  private readonly instance: string;

  constructor(
    private readonly core: BatchCore,
    private readonly options: BatchQueueOptions = {},
  ) {
    this.dir = path.join(core.paths.root, 'batches');
    // Synchronous: a floating mkdir could still be queued on libuv's pool when the queue closes.
    mkdirSync(this.dir, { recursive: true });
    this.store = new BatchStore(path.join(core.paths.root, 'batches.sqlite'), options.clock);
    this.saveEveryMs = options.saveEveryMs ?? 2000;
    this.instance = this.store.instanceId();
    this.recover();
    if (options.autoStart !== false) this.kick();
  }

  /** What the last process left running: archived already (crash after the commit) or rerun. */
  private recover(): void {
    for (const b of this.store.interrupted()) {
      if (b.state === 'uploading') {
        // Some files arrived, the rest never did: keep them, let the archivist decide.
        this.store.setState(b.id, b.files > 0 ? 'paused' : 'cancelled');
        continue;
      }
      if (b.separation) {
        // A separated batch runs again from where it was: reading re-reads its files, applying
        // skips the documents already archived (saved one by one as they were made).
        this.store.setState(b.id, 'queued');
        continue;
      }
      // Exact: the record carries the batch's key, written in the archive's own transaction.
      const made = this.core.archive.findBySourceRef(this.sourceRefOf(b));
      const detail = made ? this.core.archive.getRecord(made.id) : null;
      if (made && detail) {
        const pages = detail.pages.map((p) => ({
          ordinal: p.ordinal,
          sourceName: p.sourceName,
          confidence: p.confidence,
          analysis: p.analysis ?? {
            rotatedDeg: 0 as const,
            orientationConfidence: 0,
            skewDeg: 0,
            deskewed: false,
            cropped: false,
            blank: false,
            inkRatio: 0,
            archivalBytes: 0,
          },
        }));
        const outcome = { record: made, pdfPath: null, fileErrors: [], timings: [], pages };
        this.finish(b.id, outcome, { ...b, cancelled: false });
      } else this.store.setState(b.id, 'queued');
    }
  }

  /**
   * The archive's idempotency key of what a batch makes: its content for a hot folder's burst (set
   * when the burst is sealed), else the batch itself. Recording it twice returns the first record.
   */
  private sourceRefOf(b: Pick<BatchRow, 'id' | 'sourceRef'>): string {
    return b.sourceRef ?? `batch:${this.instance}:${b.id}`;
  }

  // ---- queueing ------------------------------------------------------------------------

  async queueFiles(request: {
    title?: string;
    batchId?: number;
    more: boolean;
    files: { name: string; dataBase64: string }[];
  }): Promise<BatchSummary> {
    let id = request.batchId;
    if (id === undefined) {
      id = this.store.createBatch({
        title: request.title?.trim() || DEFAULT_TITLE,
        state: 'uploading',
        source: 'files',
        separation: this.store.separationDefaults(),
      });
    } else if (this.mustGet(id).state !== 'uploading') {
      throw new SohoaError('BAD_REQUEST', `batch ${id} is no longer accepting files`);
    }
    const existing = this.store.files(id);
    const stored = await storeUploads(
      path.join(this.dir, String(id), 'inputs'),
      request.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') })),
      existing.map((f) => f.name),
      existing.length + 1,
    );
    this.store.addFiles(id, stored);
    if (!request.more) {
      if (existing.length + stored.length === 0) {
        this.store.setState(id, 'failed', errorInfo('NO_VALID_PAGES', this.mustGet(id).title));
      } else this.store.setState(id, 'queued');
      this.kick();
    }
    return this.summary(this.mustGet(id));
  }

  async queueFolder(request: { title?: string; folder: string }): Promise<BatchSummary> {
    const files = await listFolder(request.folder);
    const label = path.basename(path.resolve(request.folder));
    const id = this.store.createBatch({
      title: request.title?.trim() || `${DEFAULT_TITLE} ${label}`,
      state: 'uploading',
      source: 'folder',
      folder: path.resolve(request.folder),
      separation: this.store.separationDefaults(),
    });
    this.store.addFiles(id, files);
    this.store.setState(id, 'queued');
    this.kick();
    return this.summary(this.mustGet(id));
  }

  /**
   * The hook for page sources (a scanner's SourceDriver.acquire, the hot folder, file import):
   * each page is copied durably as it arrives and the batch is queued when the source ends. If
   * the source fails midway (feeder jam, scanner gone), the pages that arrived are kept and the
   * batch waits, paused, with the error: the archivist resumes it as is or cancels it.
   */
  async queuePages(title: string, pages: AsyncIterable<PageSource>): Promise<BatchSummary> {
    const id = this.store.createBatch({
      title: title.trim() || DEFAULT_TITLE,
      state: 'uploading',
      source: 'files',
      separation: this.store.separationDefaults(),
    });
    const dir = path.join(this.dir, String(id), 'inputs');
    const taken: string[] = [];
    try {
      for await (const page of pages) {
        const bytes = await page.read();
        const stored = await storeUploads(
          dir,
          [{ name: displayName(page.name), bytes }],
          taken,
          taken.length + 1,
        );
        this.store.addFiles(id, stored);
        taken.push(...stored.map((f) => f.name));
      }
    } catch (e) {
      const info = e instanceof SohoaError ? e.info : errorInfo('INTERNAL', title);
      this.store.setState(id, taken.length > 0 ? 'paused' : 'failed', info);
      return this.summary(this.mustGet(id));
    }
    if (taken.length === 0) this.store.setState(id, 'failed', errorInfo('NO_VALID_PAGES', title));
    else this.store.setState(id, 'queued');
    this.kick();
    return this.summary(this.mustGet(id));
  }

  /**
   * A source that never ends (a hot folder whose target is the batch queue): pages go into a
   * batch as they arrive; after `quietMs` without a new page that batch is queued, and the next
   * page starts another. Runs until the queue closes; what arrived by then is queued.
   */
  feed(
    title: string,
    source: (signal: AbortSignal) => AsyncIterable<PageSource>,
    quietMs = 30_000,
  ): void {
    const controller = new AbortController();
    let current: { id: number; names: string[]; sha256s: string[] } | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The archivist may cancel a burst while its files are still arriving: it stays cancelled.
    const stillArriving = (id: number) => this.store.batch(id)?.state === 'uploading';
    const seal = () => {
      clearTimeout(timer);
      if (!current) return;
      if (stillArriving(current.id)) {
        this.store.setState(current.id, 'queued');
        this.kick();
      }
      current = null;
    };
    const run = async () => {
      try {
        for await (const page of source(controller.signal)) {
          clearTimeout(timer);
          const bytes = await page.read();
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          // Handed over again after a crash (stored in a batch, not yet noted done by the hot
          // folder's ledger): that batch holds it and is not archived yet, so it is not added twice.
          if (this.store.unfinishedHolding(sha256)) {
            if (current) timer = setTimeout(seal, quietMs);
            continue;
          }
          // Files after a cancel start a batch of their own: a page is never dropped unseen.
          if (current && !stillArriving(current.id)) {
            clearTimeout(timer);
            current = null;
          }
          const batch = (current ??= {
            id: this.store.createBatch({
              title: `${title} ${this.now().toISOString().slice(0, 16).replace('T', ' ')}`,
              state: 'uploading',
              source: 'files',
              // A hot folder's burst gets the batch screen's separation options, as a scan does.
              separation: this.store.separationDefaults(),
            }),
            names: [],
            sha256s: [],
          });
          const stored = await storeUploads(
            path.join(this.dir, String(batch.id), 'inputs'),
            [{ name: displayName(page.name), bytes }],
            batch.names,
            batch.names.length + 1,
          );
          batch.sha256s.push(sha256);
          // The burst's key so far, saved with each file: the same scans delivered again (the
          // ledger lost, another hot folder) map onto the record they made, never archived twice.
          this.store.addFiles(
            batch.id,
            stored.map((f) => ({ ...f, sha256 })),
            burstSourceRef(batch.sha256s),
          );
          batch.names.push(...stored.map((f) => f.name));
          timer = setTimeout(seal, quietMs);
        }
      } catch (e) {
        // The source failed (folder gone, unreadable): keep what arrived, say why on the batch.
        if (current && !controller.signal.aborted && stillArriving(current.id))
          this.store.setState(
            current.id,
            'paused',
            e instanceof SohoaError ? e.info : errorInfo('INTERNAL', title),
          );
        current = null;
      } finally {
        seal();
      }
    };
    this.feeds.push({ controller, done: run() });
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  // ---- the runner ----------------------------------------------------------------------

  private kick(): void {
    if (this.run || this.closing) return;
    const next = this.store.nextQueued();
    if (!next) return;
    this.idle = this.execute(next).finally(() => this.kick());
  }

  /** Resolves when no batch is running and none is queued (tests, shutdown). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const current = this.idle;
      await current;
      if (current === this.idle && !this.run) return;
    }
  }

  private async execute(batch: BatchRow): Promise<void> {
    if (batch.separation) {
      if (batch.planAccepted && batch.plan) return this.executeApply(batch, batch.plan);
      return this.executePlan(batch, batch.separation);
    }
    const dossierTitle = `${batch.title} (lô ${batch.id})`;
    this.store.startRun(batch.id, dossierTitle);
    const files = this.store.files(batch.id);
    const run: Run = {
      id: batch.id,
      controller: new AbortController(),
      gate: new Gate(),
      cancelled: false,
      pagesDone: 0,
      pagesTotal: files.length,
      activeMs: 0,
      since: performance.now(),
      lastSave: performance.now(),
      files: new Map(files.map((f) => [f.id, { state: 'pending', pages: 0 }])),
    };
    this.run = run;
    const byName = new Map(files.map((f) => [f.name, f]));
    const signal = run.controller.signal;
    // Every page waiting for an OCR worker listens on it: a 500-page batch is not a leak.
    setMaxListeners(0, signal);
    const sources: PageSource[] = files.map((f) => ({
      name: f.name,
      read: async () => {
        await run.gate.pass(signal);
        run.files.get(f.id)!.state = 'reading';
        return fs.readFile(f.path);
      },
    }));
    let outcome: DigitizeOutcome;
    try {
      outcome = await this.core.digitize(sources, {
        title: dossierTitle,
        sourceRef: this.sourceRefOf(batch),
        signal,
        onProgress: (e) => {
          if (e.stage !== 'page') return;
          run.pagesDone = e.done;
          run.pagesTotal = e.total;
          const file = e.subject ? byName.get(e.subject) : undefined;
          if (file) run.files.get(file.id)!.pages++;
          this.saveProgress(run, false);
        },
      });
    } catch (e) {
      // digitize reports failures as outcomes; anything thrown is a bug, kept off other batches.
      outcome = {
        record: null,
        pdfPath: null,
        fileErrors: [e instanceof SohoaError ? e.info : errorInfo('INTERNAL', batch.title)],
        timings: [],
        pages: [],
      };
    }
    this.pauseClock(run);
    this.run = null;
    if (this.closing && !outcome.record) {
      // Shutting down mid-run is not the archivist's cancel: the batch runs again next time.
      const paused = this.store.batch(batch.id)?.state === 'paused';
      this.store.setState(batch.id, paused ? 'paused' : 'queued');
      return;
    }
    this.finish(batch.id, outcome, run);
  }

  private newRun(id: number, files: readonly FileRow[], pagesTotal: number): Run {
    const run: Run = {
      id,
      controller: new AbortController(),
      gate: new Gate(),
      cancelled: false,
      pagesDone: 0,
      pagesTotal,
      activeMs: 0,
      since: performance.now(),
      lastSave: performance.now(),
      files: new Map(files.map((f) => [f.id, { state: 'pending', pages: 0 }])),
    };
    setMaxListeners(0, run.controller.signal);
    this.run = run;
    return run;
  }

  /** How a separated pass that threw ends: shutdown requeues, cancel cancels, else it failed. */
  private endedEarly(batch: BatchRow, run: Run, e: unknown): void {
    if (this.closing) {
      const paused = this.store.batch(batch.id)?.state === 'paused';
      this.store.setState(batch.id, paused ? 'paused' : 'queued');
    } else if (run.cancelled) {
      this.store.setState(batch.id, 'cancelled', errorInfo('CANCELLED', batch.title));
    } else {
      this.store.setState(
        batch.id,
        'failed',
        e instanceof SohoaError ? e.info : errorInfo('INTERNAL', batch.title),
      );
    }
  }

  /** First pass of a separated batch: read and measure the pages, plan, wait for the archivist. */
  private async executePlan(batch: BatchRow, options: SeparationOptions): Promise<void> {
    this.store.startRun(batch.id, `${batch.title} (lô ${batch.id})`);
    const files = this.store.files(batch.id);
    const run = this.newRun(batch.id, files, files.length);
    const signal = run.controller.signal;
    try {
      const read = await readStack(this.core, files, options, {
        readDir: path.join(this.dir, String(batch.id), 'read'),
        signal,
        beforeFile: () => run.gate.pass(signal),
        onPage: (done, total, fileId) => {
          const f = fileId === null ? undefined : run.files.get(fileId);
          if (f) {
            f.state = 'reading';
            f.pages++;
          }
          run.pagesDone = done;
          run.pagesTotal = total;
          this.saveProgress(run, false);
        },
      });
      this.pauseClock(run);
      const plan = planSeparation(read.signals, options);
      this.store.savePlan(batch.id, read.stack, plan, {
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
        progress: {
          pagesDone: read.stack.length,
          pagesTotal: read.stack.length,
          activeMs: run.activeMs,
        },
      });
      if (read.stack.length === 0)
        this.store.setState(batch.id, 'failed', errorInfo('NO_VALID_PAGES', batch.title));
      // Every split read from the paper (separator sheets, patch codes): archived without waiting;
      // the runner takes it next (kick after this run). Its pages still go to the review queue.
      else if (autoAcceptable(plan, read.fileErrors.size)) this.store.acceptPlan(batch.id, true);
    } catch (e) {
      this.pauseClock(run);
      this.endedEarly(batch, run, e);
    } finally {
      this.run = null;
    }
  }

  /** Second pass: one archived record per planned document (see applyPlan.ts). */
  private async executeApply(batch: BatchRow, plan: SplitPlan): Promise<void> {
    this.store.setState(batch.id, 'running');
    const files = this.store.files(batch.id);
    const stack = this.store.stack(batch.id);
    const planned = plannedRecords(plan, stack, batch, this.sourceRefOf(batch));
    const done = new Map(this.store.records(batch.id).map((r) => [r.document, r]));
    const run = this.newRun(
      batch.id,
      files,
      planned.reduce((n, r) => n + r.stack.length, 0),
    );
    run.pagesDone = planned
      .filter((r) => done.get(r.document)?.archived)
      .reduce((n, r) => n + r.stack.length, 0);
    const signal = run.controller.signal;
    const pages = new Map<number, PageRow>();
    const review: NewReviewItem[] = [];
    let thrown: unknown = null;
    try {
      await applyPlan(this.core, planned, {
        signal,
        beforeRead: () => run.gate.pass(signal),
        done,
        madeElsewhere: (archiveId) => this.store.madeByOtherBatch(archiveId, batch.id),
        onPage: (s) => {
          run.pagesDone++;
          const f = run.files.get(s.fileId);
          if (f) {
            f.state = 'reading';
            f.pages++;
          }
          this.saveProgress(run, false);
        },
        onRecord: (record, made) => {
          this.store.saveRecord(batch.id, record);
          const recordId = record.archived?.id;
          if (recordId)
            review.push(
              ...pageReviewItems(
                made.map(({ stack: s, report }) => ({
                  ordinal: report.ordinal,
                  fileId: s.fileId,
                  pageInFile: s.pageInFile,
                  confidence: report.confidence,
                  blank: report.analysis.blank,
                  inkRatio: report.analysis.inkRatio,
                  subject: s.name,
                  textFromSource: report.analysis.textFromSource ?? false,
                })),
              ).map((item) => ({ ...item, recordId })),
            );
          for (const { stack: s, report } of made)
            pages.set(s.idx, {
              ordinal: s.idx + 1,
              fileId: s.fileId,
              pageInFile: s.pageInFile,
              confidence: report.confidence,
              blank: report.analysis.blank,
              inkRatio: report.analysis.inkRatio,
            });
        },
      });
    } catch (e) {
      thrown = e;
    }
    this.pauseClock(run);
    this.run = null;
    if (thrown !== null && this.closing) return this.endedEarly(batch, run, thrown);
    const finished = this.finishSeparated(batch, planned, pages, review, run, thrown);
    // Every document is in the archive: the pages read for it are not needed any more.
    if (finished === 'complete')
      await fs
        .rm(path.join(this.dir, String(batch.id), 'read'), { recursive: true, force: true })
        .catch(() => undefined);
  }

  private finishSeparated(
    batch: BatchRow,
    planned: ReturnType<typeof plannedRecords>,
    pages: Map<number, PageRow>,
    review: NewReviewItem[],
    run: Run,
    thrown: unknown,
  ): 'complete' | 'partial' {
    const records = this.store.records(batch.id);
    // Items of records an earlier run made (before a restart) stay in the review queue.
    const remade = new Set(review.map((r) => r.recordId));
    const kept: NewReviewItem[] = this.store
      .review({ batchId: batch.id, openOnly: false })
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
    const first = archived[0]?.archived ?? null;
    const complete = archived.length === planned.length;
    const state =
      thrown !== null
        ? run.cancelled
          ? 'cancelled'
          : 'failed'
        : archived.length > 0
          ? 'done'
          : 'failed';
    const error =
      state === 'done'
        ? complete
          ? null
          : ([...failedDocs.values()][0] ?? null)
        : run.cancelled
          ? errorInfo('CANCELLED', batch.title)
          : thrown instanceof SohoaError
            ? thrown.info
            : ([...failedDocs.values()][0] ?? errorInfo('NO_VALID_PAGES', batch.title));
    const files = this.store.files(batch.id);
    const pageList = [...pages.values()].sort((a, b) => a.ordinal - b.ordinal);
    this.store.finishRun(batch.id, {
      state,
      error,
      record: first,
      files: files.map((f) => {
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
      review: [...kept, ...review],
      progress: { pagesDone: pageList.length, pagesTotal: run.pagesTotal, activeMs: run.activeMs },
    });
    return state === 'done' && complete ? 'complete' : 'partial';
  }

  private finish(
    id: number,
    outcome: DigitizeOutcome,
    how: { cancelled: boolean; activeMs: number; pagesDone: number; pagesTotal: number },
  ): void {
    const files = this.store.files(id);
    const byName = new Map(files.map((f) => [f.name, f]));
    const fileOf = (name: string): { file: FileRow; page: number } | null => {
      const exact = byName.get(name);
      if (exact) return { file: exact, page: 0 };
      const m = /^(.*)(?:#(\d+)| \(trang (\d+)\))$/.exec(name);
      const file = m ? byName.get(m[1]!) : undefined;
      return file ? { file, page: Number(m![2] ?? m![3]) - 1 } : null;
    };

    const errorsOf = new Map<number, ErrorInfo[]>();
    const batchErrors: ErrorInfo[] = [];
    for (const err of outcome.fileErrors) {
      const at = err.subject ? fileOf(err.subject) : null;
      if (at) errorsOf.set(at.file.id, [...(errorsOf.get(at.file.id) ?? []), err]);
      else batchErrors.push(err);
    }
    const pages: ReviewedPage[] = [];
    for (const p of outcome.pages) {
      const at = fileOf(p.sourceName);
      if (!at) continue;
      pages.push({
        ordinal: p.ordinal,
        fileId: at.file.id,
        pageInFile: at.page,
        confidence: p.confidence,
        blank: p.analysis.blank,
        inkRatio: p.analysis.inkRatio,
        subject: p.sourceName,
        textFromSource: p.analysis.textFromSource ?? false,
      });
    }
    const pagesOf = (fileId: number) => pages.filter((p) => p.fileId === fileId).length;
    const record = outcome.record ? { id: outcome.record.id, code: outcome.record.code } : null;
    if (record && outcome.alreadyArchived && this.store.madeByOtherBatch(record.id, id)) {
      // The same scans made this record before (another batch): the batch points at it and says
      // so; its pages and review items stay with the batch that made it.
      this.store.finishRun(id, {
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
        ? errorInfo('CANCELLED', this.mustGet(id).title)
        : (batchErrors[0] ?? errorInfo('NO_VALID_PAGES', this.mustGet(id).title));

    const review = [...pageReviewItems(pages)];
    if (record) {
      const text = this.core.archive.getRecord(record.id)?.pages ?? [];
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
    this.store.finishRun(id, {
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

  private pauseClock(run: Run): void {
    if (run.since !== null) run.activeMs += performance.now() - run.since;
    run.since = null;
  }

  private activeMs(run: Run): number {
    return run.activeMs + (run.since !== null ? performance.now() - run.since : 0);
  }

  private saveProgress(run: Run, force: boolean): void {
    const now = performance.now();
    if (!force && now - run.lastSave < this.saveEveryMs) return;
    run.lastSave = now;
    this.store.saveProgress(run.id, {
      pagesDone: run.pagesDone,
      pagesTotal: run.pagesTotal,
      activeMs: this.activeMs(run),
    });
  }

  // ---- controls ------------------------------------------------------------------------

  control(id: number, action: 'pause' | 'resume' | 'cancel' | 'retry'): BatchSummary {
    const batch = this.mustGet(id);
    const running = this.run?.id === id ? this.run : null;
    const refuse = () => {
      throw new SohoaError('BAD_REQUEST', `${action}: ${batch.title} (${batch.state})`);
    };
    switch (action) {
      case 'pause':
        if (running && batch.state === 'running') {
          running.gate.close();
          this.pauseClock(running);
          this.saveProgress(running, true);
        } else if (batch.state !== 'queued') refuse();
        this.store.setState(id, 'paused');
        break;
      case 'resume':
        if (batch.state !== 'paused') refuse();
        if (running) {
          running.since = performance.now();
          this.store.setState(id, 'running');
          running.gate.release();
        } else {
          this.store.setState(id, 'queued');
          this.kick();
        }
        break;
      case 'cancel':
        if (running) {
          running.cancelled = true;
          running.controller.abort(new SohoaError('CANCELLED', batch.title));
          running.gate.release();
        } else if (['queued', 'paused', 'uploading', 'awaiting-split'].includes(batch.state)) {
          this.store.setState(id, 'cancelled', errorInfo('CANCELLED', batch.title));
        } else refuse();
        break;
      case 'retry': {
        // A separated batch done with failed documents: the rest are archived (found by their
        // key), the second pass makes only the failed ones.
        const failedDocs = batch.state === 'done' && batch.separation && batch.recordsFailed > 0;
        if (batch.state !== 'failed' && batch.state !== 'cancelled' && !failedDocs) refuse();
        this.store.setState(id, 'queued');
        this.kick();
        break;
      }
    }
    return this.summary(this.mustGet(id));
  }

  // ---- reading ---------------------------------------------------------------------------

  private mustGet(id: number): BatchRow {
    const b = this.store.batch(id);
    if (!b) throw new SohoaError('BAD_REQUEST', `batch ${id}`);
    return b;
  }

  private summary(b: BatchRow): BatchSummary {
    const run = this.run?.id === b.id ? this.run : null;
    const pagesDone = run ? run.pagesDone : b.pagesDone;
    const pagesTotal = Math.max(pagesDone, run ? run.pagesTotal : b.pagesTotal);
    const activeMs = run ? this.activeMs(run) : b.activeMs;
    const perMinute = pagesDone > 0 && activeMs > 0 ? (pagesDone * 60_000) / activeMs : null;
    const unfinished = ['running', 'paused', 'queued'].includes(b.state);
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
        perMinute && unfinished ? Math.round(((pagesTotal - pagesDone) / perMinute) * 60) : null,
      record: b.recordId && b.dossierCode ? { id: b.recordId, code: b.dossierCode } : null,
      error: b.error,
      reviewOpen: b.reviewOpen,
      separated: b.separation !== null,
      records: b.separation ? b.records : b.recordId ? 1 : 0,
      alreadyArchived: b.alreadyArchived,
      recordsFailed: b.separation ? b.recordsFailed : 0,
      autoAccepted: b.autoAccepted,
    };
  }

  list(limit: number): { batches: BatchSummary[]; reviewOpen: number } {
    return {
      batches: this.store.list(limit).map((b) => this.summary(b)),
      reviewOpen: this.store.reviewOpenTotal(),
    };
  }

  detail(id: number): { batch: BatchSummary; files: Omit<FileRow, 'path' | 'ordinal'>[] } {
    const batch = this.summary(this.mustGet(id));
    const run = this.run?.id === id ? this.run : null;
    const files = this.store.files(id).map(({ path: _path, ordinal: _ordinal, ...f }) => {
      const live = run?.files.get(f.id);
      return live ? { ...f, state: live.state, pages: live.pages || null } : f;
    });
    return { batch, files };
  }

  /** The batch's pages in order: per page once it ran, per file (as far as known) before. */
  pages(id: number, offset: number, limit: number): { total: number; pages: BatchPage[] } {
    this.mustGet(id);
    const run = this.run?.id === id ? this.run : null;
    const files = this.store.files(id);
    const done = this.store.pages(id);
    const review = new Map(
      this.store
        .review({ batchId: id, openOnly: false })
        .filter((r) => r.reason !== 'unclassified')
        .map((r) => [`${r.fileId}:${r.pageInFile}`, r.reason]),
    );
    const all: BatchPage[] = [];
    for (const f of files) {
      const own = done.filter((p) => p.fileId === f.id);
      if (own.length > 0) {
        for (const p of own)
          all.push({
            fileId: f.id,
            pageInFile: p.pageInFile,
            name: f.pages && f.pages > 1 ? `${f.name}#${p.pageInFile + 1}` : f.name,
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
            name: live > 1 ? `${f.name}#${i + 1}` : f.name,
            state: live > 0 ? 'done' : f.state === 'failed' ? 'failed' : 'pending',
            ordinal: null,
            review: null,
          });
      }
    }
    return { total: all.length, pages: all.slice(offset, offset + limit) };
  }

  async thumbnail(id: number, fileId: number, pageInFile: number): Promise<string> {
    const file = this.store.fileOf(id, fileId);
    if (!file) throw new SohoaError('BAD_REQUEST', `batch ${id} file ${fileId}`);
    const cache = path.join(this.dir, String(id), 'thumbs', `${fileId}-${pageInFile}.jpg`);
    return thumbnailDataUrl(file, pageInFile, cache);
  }

  review(options: { batchId?: number; state: 'open' | 'all' }): ReviewItem[] {
    return this.store.review({
      ...(options.batchId ? { batchId: options.batchId } : {}),
      openOnly: options.state === 'open',
    });
  }

  decide(itemId: number, decision: 'accepted' | 'dismissed'): ReviewItem {
    const item = this.store.decide(itemId, decision);
    if (!item) throw new SohoaError('BAD_REQUEST', `review item ${itemId}`);
    return item;
  }

  // ---- separation ----------------------------------------------------------------------

  /** The options new batches get; `set` saves new ones first (null: no separation). */
  separationDefaults(set?: SeparationOptions | null): SeparationOptions | null {
    if (set !== undefined) this.store.setSeparationDefaults(set);
    return this.store.separationDefaults();
  }

  splitPlan(id: number): { plan: SplitPlan | null; stack: StackPage[]; records: BatchRecord[] } {
    const batch = this.mustGet(id);
    return {
      plan: batch.plan,
      stack: this.store.stack(id).map((s) => ({ fileId: s.fileId, pageInFile: s.pageInFile })),
      records: this.store.records(id),
    };
  }

  /** One archivist's edit of a plan that waits for review (the core's adjustSplits), saved. */
  adjustSplits(id: number, edit: SplitEdit): SplitPlan {
    const batch = this.mustGet(id);
    if (batch.state !== 'awaiting-split' || !batch.plan)
      throw new SohoaError('BAD_REQUEST', `adjustSplits: ${batch.title} (${batch.state})`);
    const plan = adjustSplits(batch.plan, edit);
    this.store.setPlan(id, plan);
    return plan;
  }

  acceptSplits(id: number): BatchSummary {
    const batch = this.mustGet(id);
    if (batch.state !== 'awaiting-split' || !batch.plan)
      throw new SohoaError('BAD_REQUEST', `acceptSplits: ${batch.title} (${batch.state})`);
    this.store.acceptPlan(id);
    this.kick();
    return this.summary(this.mustGet(id));
  }

  /** Stops the running batch (it stays queued for next time) and closes the queue's database. */
  async close(): Promise<void> {
    this.closing = true;
    for (const f of this.feeds) f.controller.abort();
    await Promise.all(this.feeds.map((f) => f.done));
    const run = this.run;
    if (run) {
      run.controller.abort(new SohoaError('CANCELLED', 'shutdown'));
      run.gate.release();
    }
    await this.idle.catch(() => undefined);
    this.store.close();
  }
}

/** A hot folder burst's archive key: its scans' sha256s, in any order (the same scans, the same key). */
export function burstSourceRef(sha256s: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...sha256s].sort().join('\n'))
    .digest('hex');
  return `hotfolder:${digest}`;
}
