// A batch's inputs and its pages: the files in their order (with the content hash of a hot
// folder's files), the pages a finished run made of them, and a separated batch's read stack.
import type Database from 'better-sqlite3';
import type { BatchTable } from './batches';
import { toFile, type FileRow, type NewFile, type PageRow, type Raw, type StackRow } from './rows';

export class FileTable {
  constructor(
    private readonly db: Database.Database,
    private readonly batches: BatchTable,
  ) {}

  /**
   * Adds files after the batch's existing ones, in one transaction; returns their ids.
   * `sourceRef`: the batch's content key after these files, set in the same transaction.
   */
  add(batchId: number, files: readonly NewFile[], sourceRef?: string): number[] {
    return this.db.transaction(() => {
      if (sourceRef) this.batches.setSourceRef(batchId, sourceRef);
      const last = this.db
        .prepare('SELECT coalesce(max(ordinal), 0) AS n FROM batch_files WHERE batch_id = ?')
        .get(batchId) as { n: number };
      const insert = this.db.prepare(
        'INSERT INTO batch_files (batch_id, ordinal, name, path, bytes, sha256) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const ids = files.map((f, i) =>
        Number(
          insert.run(batchId, last.n + i + 1, f.name, f.path, f.bytes, f.sha256 ?? null)
            .lastInsertRowid,
        ),
      );
      this.db
        .prepare(
          'UPDATE batches SET pages_total = (SELECT count(*) FROM batch_files WHERE batch_id = ?) WHERE id = ?',
        )
        .run(batchId, batchId);
      return ids;
    })();
  }

  list(batchId: number): FileRow[] {
    return (
      this.db
        .prepare('SELECT * FROM batch_files WHERE batch_id = ? ORDER BY ordinal')
        .all(batchId) as Raw[]
    ).map(toFile);
  }

  get(batchId: number, fileId: number): FileRow | null {
    const r = this.db
      .prepare('SELECT * FROM batch_files WHERE batch_id = ? AND id = ?')
      .get(batchId, fileId) as Raw | undefined;
    return r ? toFile(r) : null;
  }

  /** A batch not yet archived that holds a file with this content, if any. */
  unfinishedHolding(sha256: string): { batchId: number; name: string } | null {
    const r = this.db
      .prepare(
        `SELECT f.batch_id AS batchId, f.name FROM batch_files f JOIN batches b ON b.id = f.batch_id
         WHERE f.sha256 = ?
           AND b.state IN ('uploading', 'paused', 'queued', 'running', 'awaiting-split') LIMIT 1`,
      )
      .get(sha256) as { batchId: number; name: string } | undefined;
    return r ?? null;
  }

  /** The pages a finished run made, in record order, each with its file and page in it. */
  pages(batchId: number): PageRow[] {
    return (
      this.db
        .prepare('SELECT * FROM batch_pages WHERE batch_id = ? ORDER BY ordinal')
        .all(batchId) as Raw[]
    ).map((r) => ({
      ordinal: Number(r.ordinal),
      fileId: Number(r.file_id),
      pageInFile: Number(r.page_in_file),
      confidence: Number(r.confidence),
      blank: r.blank === 1,
      inkRatio: Number(r.ink_ratio),
    }));
  }

  /** A separated batch's pages as its first pass read them, in stack order. */
  stack(batchId: number): StackRow[] {
    return (
      this.db
        .prepare(
          `SELECT s.*, f.sha256 FROM batch_stack s LEFT JOIN batch_files f ON f.id = s.file_id
           WHERE s.batch_id = ? ORDER BY s.idx`,
        )
        .all(batchId) as Raw[]
    ).map((r) => ({
      idx: Number(r.idx),
      fileId: Number(r.file_id),
      pageInFile: Number(r.page_in_file),
      name: String(r.name),
      path: String(r.path),
      sha256: (r.sha256 as string | null) ?? null,
    }));
  }
}
