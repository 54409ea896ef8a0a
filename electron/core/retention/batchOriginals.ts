// Which batches' uploaded originals (`batches/<id>/inputs`) may go: only a finished batch whose
// every record is in the archive AND whose upload the records store confirmed. Until then the
// originals are the only way to make the record again, so nothing else qualifies (a failed or
// cancelled batch keeps its inputs for a retry; a document the run could not archive keeps the
// whole batch's). And which batches made a record, for erasing its applicant's data.
import type Database from 'better-sqlite3';

/** Batch ids whose originals are no longer needed. */
export function releasableBatches(
  batchDb: Database.Database,
  archiveDb: Database.Database,
): number[] {
  const done = batchDb
    .prepare(
      `SELECT b.id, b.dossier_id AS single,
              (SELECT COUNT(*) FROM batch_records r WHERE r.batch_id = b.id) AS documents,
              (SELECT COUNT(*) FROM batch_records r WHERE r.batch_id = b.id AND r.archive_id IS NULL) AS missing,
              (SELECT json_group_array(r.archive_id) FROM batch_records r
                 WHERE r.batch_id = b.id AND r.archive_id IS NOT NULL) AS records
         FROM batches b WHERE b.state = 'done'`,
    )
    .all() as {
    id: number;
    single: number | null;
    documents: number;
    missing: number;
    records: string;
  }[];
  const uploaded = archiveDb.prepare(`SELECT state FROM outbox WHERE dossier_id = ?`).pluck();
  const confirmed = (recordId: number) => uploaded.get(recordId) === 'done';
  const out: number[] = [];
  for (const b of done) {
    const ids =
      b.documents > 0 ? (JSON.parse(b.records) as number[]) : b.single === null ? [] : [b.single];
    if (b.missing > 0 || ids.length === 0) continue;
    if (ids.every(confirmed)) out.push(b.id);
  }
  return out;
}

/** The batches that made an archived record (a whole batch, or one document of a separated one). */
export function batchesOfRecord(batchDb: Database.Database, recordId: number): number[] {
  return batchDb
    .prepare(
      `SELECT id FROM batches WHERE dossier_id = ?
       UNION SELECT batch_id FROM batch_records WHERE archive_id = ?`,
    )
    .pluck()
    .all(recordId, recordId) as number[];
}

/** What an erased batch's title and file names read. */
export const ERASED_BATCH_TITLE = 'Lô đã xóa dữ liệu cá nhân';

/**
 * A batch's title, its record title, its folder and its files' names may name the applicant
 * (a clerk types "Hồ sơ Nguyễn Văn A", a scan is called after its owner): all overwritten for
 * the batches that made `recordId`, cells zeroed in the file (secure_delete) and the WAL emptied.
 * The batch rows stay so the queue's history keeps its shape. Returns how many batches.
 */
export function redactBatchesOfRecord(batchDb: Database.Database, recordId: number): number {
  const ids = batchesOfRecord(batchDb, recordId);
  if (ids.length === 0) return 0;
  const wasSecure = batchDb.pragma('secure_delete', { simple: true }) as number;
  batchDb.pragma('secure_delete = ON');
  try {
    batchDb.transaction(() => {
      for (const id of ids) {
        batchDb
          .prepare(
            `UPDATE batches SET title = ?, folder = NULL,
               dossier_title = CASE WHEN dossier_title IS NULL THEN NULL ELSE ? END WHERE id = ?`,
          )
          .run(ERASED_BATCH_TITLE, ERASED_BATCH_TITLE, id);
        batchDb
          .prepare(`UPDATE batch_files SET name = 'tep-' || ordinal WHERE batch_id = ?`)
          .run(id);
        batchDb
          .prepare(`UPDATE batch_stack SET name = 'trang-' || (idx + 1) WHERE batch_id = ?`)
          .run(id);
      }
    })();
  } finally {
    batchDb.pragma(`secure_delete = ${wasSecure ? 'ON' : 'OFF'}`);
  }
  batchDb.pragma('wal_checkpoint(TRUNCATE)');
  return ids.length;
}
