// What a separated batch's planned documents became in the archive (batch_records), saved one by
// one as they are made so a restart skips the ones already archived.
import type Database from 'better-sqlite3';
import { DocumentType } from '../../../../shared/classification';
import type { BatchRecord } from '../../../../shared/contracts/batch';
import { ErrorInfo } from '../../../../shared/errors';
import { parseJson, type Raw } from './rows';

export class RecordTable {
  constructor(private readonly db: Database.Database) {}

  /** What one planned document became; written as soon as it is archived (or failed). */
  save(batchId: number, r: BatchRecord): void {
    this.db
      .prepare(
        `INSERT INTO batch_records (batch_id, document, pages, type, dossier_code, grp, archive_id, archive_code, error, already_archived)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (batch_id, document) DO UPDATE SET pages = excluded.pages, type = excluded.type,
           dossier_code = excluded.dossier_code, grp = excluded.grp, archive_id = excluded.archive_id,
           archive_code = excluded.archive_code, error = excluded.error,
           already_archived = excluded.already_archived`,
      )
      .run(
        batchId,
        r.document,
        r.pages,
        r.type,
        r.dossierCode,
        r.group,
        r.archived?.id ?? null,
        r.archived?.code ?? null,
        r.error ? JSON.stringify(r.error) : null,
        r.alreadyArchived ? 1 : 0,
      );
  }

  /** Whether another batch made (not merely found) this archived record. */
  madeByOtherBatch(archiveId: number, batchId: number): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM batch_records WHERE archive_id = ? AND batch_id <> ? AND already_archived = 0
           UNION ALL SELECT 1 FROM batches WHERE dossier_id = ? AND id <> ? AND already_archived = 0
           LIMIT 1`,
        )
        .get(archiveId, batchId, archiveId, batchId) !== undefined
    );
  }

  list(batchId: number): BatchRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM batch_records WHERE batch_id = ? ORDER BY document')
        .all(batchId) as Raw[]
    ).map((r) => ({
      document: Number(r.document),
      pages: Number(r.pages),
      type: DocumentType.nullable()
        .catch(null)
        .parse(r.type ?? null),
      dossierCode: (r.dossier_code as string | null) ?? null,
      group: Number(r.grp),
      archived:
        r.archive_id !== null && typeof r.archive_code === 'string'
          ? { id: Number(r.archive_id), code: r.archive_code }
          : null,
      error: parseJson(r.error, ErrorInfo),
      ...(r.already_archived === 1 ? { alreadyArchived: true } : {}),
    }));
  }
}
