// A record's content hash: SHA-256 over everything that makes it up (metadata, documents, pages
// with their text, the file's hash) as canonical JSON. The audit log keeps it after each change,
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
  const files = a
    .stmt(
      'SELECT name, sha256, bytes, signer, signed_at FROM files WHERE dossier_id = ? ORDER BY id',
    )
    .all(id);
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
