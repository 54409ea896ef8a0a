// A record's content hash: SHA-256 over everything that makes it up (metadata, documents, pages
// with their text, the files' hashes) as canonical JSON. The audit log keeps it after each change,
// so a later edit of any row shows when the log is checked against the tables.
import { sha256Hex } from './blobStore';
import { canonicalJson } from './canonicalJson';
import type { ArchiveDb } from './connection';

export function recordHash(a: ArchiveDb, id: number): string {
  const d = a
    .stmt('SELECT code, title, created_at, metadata FROM dossiers WHERE id = ?')
    .get(id) as {
    code: string;
    title: string;
    created_at: string;
    metadata: string;
  };
  const docs = a
    .stmt(
      'SELECT id, ordinal, doc_code, metadata FROM documents WHERE dossier_id = ? ORDER BY ordinal',
    )
    .all(id) as { id: number; ordinal: number; doc_code: string; metadata: string }[];
  const pages = a
    .stmt(
      `SELECT p.ordinal, p.source_name, p.width_px, p.height_px, p.dpi, p.text, p.confidence,
              (SELECT ordinal FROM documents WHERE id = p.document_id) AS doc
       FROM pages p WHERE p.dossier_id = ? ORDER BY p.ordinal`,
    )
    .all(id);
  // A file's role and stored report count only when it is not the desk's own record file, so
  // the hashes the log holds for records made before roles existed still match.
  const files = (
    a
      .stmt(
        'SELECT name, sha256, bytes, signer, signed_at, role, report FROM files WHERE dossier_id = ? ORDER BY id',
      )
      .all(id) as { role: string; report: string | null }[]
  ).map(({ role, report, ...f }) =>
    role === 'record'
      ? f
      : { ...f, role, report: report === null ? null : (JSON.parse(report) as unknown) },
  );
  return sha256Hex(
    Buffer.from(
      canonicalJson({
        code: d.code,
        title: d.title,
        createdAt: d.created_at,
        metadata: JSON.parse(d.metadata) as unknown,
        documents: docs.map((x) => ({
          ordinal: x.ordinal,
          code: x.doc_code,
          metadata: JSON.parse(x.metadata) as unknown,
        })),
        pages,
        files,
      }),
    ),
  );
}
