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
