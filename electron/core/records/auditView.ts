// The audit log for the screen: entries newest first, a page at a time, and the full check
// (the chain, the anchor, every record's rows, every stored file) as `sohoa audit verify` runs it.
import type { AuditEntryView } from '../../../shared/contracts/records';
import type { Archive } from '../archive/archive';
import type { BlobStore } from '../archive/blobStore';

export function auditPage(
  archive: Archive,
  beforeSeq: number | undefined,
  limit: number,
): { entries: AuditEntryView[]; total: number } {
  const db = archive.database;
  const rows = db
    .prepare(
      `SELECT seq, at, actor, action, record_type AS recordType, record_ref AS recordRef, hash
       FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
    )
    .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as AuditEntryView[];
  const total = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  return { entries: rows, total };
}

export async function auditCheck(archive: Archive, blobs: BlobStore) {
  const report = archive.verify();
  const badFiles: string[] = [];
  for (const f of archive.storedFiles()) if (!(await blobs.verify(f.sha256))) badFiles.push(f.name);
  const seqs = report.chain.problems.map((p) => p.seq);
  return {
    ok: report.ok && badFiles.length === 0,
    entries: report.chain.entries,
    headSeq: report.chain.head.seq,
    headHash: report.chain.head.hash,
    problems: report.chain.problems,
    firstBrokenSeq: seqs.length > 0 ? Math.min(...seqs) : null,
    anchor: report.chain.anchor,
    alteredRecords: report.alteredRecords,
    missingRecords: report.missingRecords,
    unloggedRecords: report.unloggedRecords,
    badFiles,
  };
}
