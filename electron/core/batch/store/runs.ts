// A run's transitions, each in one transaction over several tables: a fresh start forgets the
// last attempt, a first pass saves its read stack and plan, a finished run its files, pages and
// review queue. Recording the same outcome again (recovery after a crash) replaces what was there.
import type Database from 'better-sqlite3';
import type { BatchState } from '../../../../shared/contracts/batch';
import type { SplitPlan } from '../../../../shared/contracts/intake';
import type { ErrorInfo } from '../../../../shared/errors';
import type { BatchTable } from './batches';
import type { FileOutcome, NewReviewItem, PageRow, Progress, StackRow } from './rows';

export class RunTable {
  constructor(
    private readonly db: Database.Database,
    private readonly batches: BatchTable,
  ) {}

  /** A fresh run: counters and per-file outcomes of an earlier attempt are forgotten. */
  start(id: number, dossierTitle: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE batches SET state = 'running', error = NULL, pages_done = 0, active_ms = 0, already_archived = 0,
             dossier_title = ?, pages_total = (SELECT count(*) FROM batch_files WHERE batch_id = ?)
           WHERE id = ?`,
        )
        .run(dossierTitle, id, id);
      this.db
        .prepare(
          "UPDATE batch_files SET state = 'pending', pages = NULL, errors = '[]' WHERE batch_id = ?",
        )
        .run(id);
      this.db.prepare('DELETE FROM batch_pages WHERE batch_id = ?').run(id);
      this.db.prepare('DELETE FROM review_items WHERE batch_id = ?').run(id);
    })();
  }

  /** A read stack and its plan, saved together: the batch then waits for the archivist. */
  savePlan(
    id: number,
    stack: readonly StackRow[],
    plan: SplitPlan,
    outcome: { state: BatchState; files: FileOutcome[]; progress: Progress },
  ): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM batch_stack WHERE batch_id = ?').run(id);
      this.db.prepare('DELETE FROM batch_records WHERE batch_id = ?').run(id);
      const insert = this.db.prepare(
        'INSERT INTO batch_stack (batch_id, idx, file_id, page_in_file, name, path) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const p of stack) insert.run(id, p.idx, p.fileId, p.pageInFile, p.name, p.path);
      this.db
        .prepare(
          'UPDATE batches SET plan = ?, plan_accepted = 0, auto_accepted = 0, state = ?, error = NULL WHERE id = ?',
        )
        .run(JSON.stringify(plan), outcome.state, id);
      this.batches.saveProgress(id, outcome.progress);
      this.saveFiles(id, outcome.files);
    })();
  }

  setPlan(id: number, plan: SplitPlan): void {
    this.db.prepare('UPDATE batches SET plan = ? WHERE id = ?').run(JSON.stringify(plan), id);
  }

  /** Queues the second pass; `auto` when no one reviewed it (SeparationOptions.autoAccept). */
  acceptPlan(id: number, auto = false): void {
    this.db
      .prepare(
        "UPDATE batches SET plan_accepted = 1, auto_accepted = ?, state = 'queued', error = NULL WHERE id = ?",
      )
      .run(auto ? 1 : 0, id);
  }

  /** Records how a finished run went: files, pages and the review queue, in one transaction. */
  finish(
    id: number,
    outcome: {
      state: BatchState;
      error: ErrorInfo | null;
      record: { id: number; code: string } | null;
      /** The record was made before, from the same scans (see BatchRow.alreadyArchived). */
      alreadyArchived?: boolean;
      files: FileOutcome[];
      pages: PageRow[];
      review: NewReviewItem[];
      progress: Progress;
    },
  ): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM batch_pages WHERE batch_id = ?').run(id);
      this.db.prepare('DELETE FROM review_items WHERE batch_id = ?').run(id);
      this.batches.saveProgress(id, outcome.progress);
      this.db
        .prepare(
          'UPDATE batches SET state = ?, error = ?, dossier_id = ?, dossier_code = ?, already_archived = ? WHERE id = ?',
        )
        .run(
          outcome.state,
          outcome.error ? JSON.stringify(outcome.error) : null,
          outcome.record?.id ?? null,
          outcome.record?.code ?? null,
          outcome.alreadyArchived ? 1 : 0,
          id,
        );
      this.saveFiles(id, outcome.files);
      const page = this.db.prepare(
        `INSERT INTO batch_pages (batch_id, ordinal, file_id, page_in_file, confidence, blank, ink_ratio)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const p of outcome.pages)
        page.run(id, p.ordinal, p.fileId, p.pageInFile, p.confidence, p.blank ? 1 : 0, p.inkRatio);
      const item = this.db.prepare(
        `INSERT INTO review_items (batch_id, reason, subject, file_id, page_in_file, ordinal, confidence, ink_ratio, candidates, record_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of outcome.review)
        item.run(
          id,
          r.reason,
          r.subject,
          r.fileId,
          r.pageInFile,
          r.ordinal,
          r.confidence,
          r.inkRatio,
          JSON.stringify(r.candidates),
          r.recordId ?? null,
        );
    })();
  }

  private saveFiles(id: number, files: readonly FileOutcome[]): void {
    const file = this.db.prepare(
      'UPDATE batch_files SET state = ?, pages = ?, errors = ? WHERE id = ? AND batch_id = ?',
    );
    for (const f of files) file.run(f.state, f.pages, JSON.stringify(f.errors), f.id, id);
  }
}
