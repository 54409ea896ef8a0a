// Erasing an applicant's personal data once their dossier's retention period has ended: the
// applicant row (name, ID number, birth date, address, card data), the documents' OCR text and
// read fields, the archived record's page texts, title and search index rows, its signed file
// (the page images) with its copies and renders. The record itself stays, named by its code,
// and the audit chain logs what was erased (never the data) with the record's new hash, so the
// archive still verifies. State-change reasons are overwritten with a fixed text, the batch
// queue's titles and file names too, and packages exported outside the folder are listed for the
// user (the desk cannot reach them). Deleted rows are overwritten in the file (secure_delete) and
// the WAL is emptied, so the text does not linger in free pages; the search index drops the
// record's rows in place (only the index pages that held them are rewritten).
import fs from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ErasedPart, EraseOutcome } from '../../../shared/contracts/retention';
import { errorInfo, SohoaError, type ErrorInfo } from '../../../shared/errors';
import type { RetentionSettings } from '../../../shared/settings';
import type { Archive } from '../archive/archive';
import { withStatementCache } from '../archive/connection';
import { safeDirName } from '../archive/recordPackage';
import { indexRecordText, unindexRecordPages } from '../archive/recordIndex';
import {
  checkTarget,
  ERASED_ACTION,
  erasedAt,
  resolveTarget,
  targetName,
  type EraseTargetRef,
  type ResolvedTarget,
} from './eraseTarget';
import { exportsOutside } from './exportsOutside';

/** What an erased applicant row holds: valid for the dossier screens, naming nobody. */
export const ERASED_APPLICANT = {
  fullName: 'Đã xóa dữ liệu cá nhân',
  idNumber: '000000000000',
  source: 'typed',
} as const;

/** An erased record file's hash: no blob has it, so no backup or check looks for one. */
export const ERASED_FILE_SHA256 = '0'.repeat(64);

export interface EraseDeps {
  archive: Archive;
  dataDir: string;
  /** The folders of the batches that made a record (their copies of the scans, thumbnails). */
  batchDirsOf?: (recordId: number) => string[];
  /** Overwrites the titles and file names of those batches in the batch queue's database. */
  redactBatchesOf?: (recordId: number) => number;
  settings: () => RetentionSettings;
  clock?: () => Date;
}

export function checkErase(deps: EraseDeps, ref: EraseTargetRef) {
  const t = resolveTarget(deps.archive.database, ref);
  return checkTarget(deps.archive, t, deps.settings(), deps.clock?.() ?? new Date());
}

interface RecordFile {
  name: string;
  sha256: string;
}

/** The rows, in one transaction with its audit entry. */
function eraseRows(
  archive: Archive,
  t: ResolvedTarget,
  actor: string,
): { files: RecordFile[]; parts: ErasedPart[] } {
  const db = archive.database;
  const parts: ErasedPart[] = [];
  let files: RecordFile[] = [];
  archive.audit.write((audit) => {
    if (t.reception) {
      // A result sent by post carries the applicant's address: erased with them.
      db.prepare(
        `UPDATE reception_dossiers SET applicant = ?, delivery = CASE WHEN json_extract(delivery, '$.kind') = 'post' THEN json_object('kind', 'post', 'address', '') ELSE delivery END WHERE id = ?`,
      ).run(JSON.stringify(ERASED_APPLICANT), t.reception.id);
      db.prepare(
        `UPDATE reception_documents SET text = '', fields = '[]' WHERE dossier_id = ?`,
      ).run(t.reception.id);
      parts.push('applicant', 'documentTexts', 'documentFields');
      if (redactTransitionReasons(db, t.reception.id)) parts.push('transitionReasons');
    }
    if (t.record) {
      const id = t.record.id;
      unindexRecordPages(withStatementCache(db), id);
      db.prepare(`UPDATE pages SET text = '' WHERE dossier_id = ?`).run(id);
      const title = `Hồ sơ ${t.record.code} (đã xóa dữ liệu cá nhân)`;
      db.prepare(
        `UPDATE dossiers SET title = ?, metadata = json_set(metadata, '$.title', ?) WHERE id = ?`,
      ).run(title, title, id);
      files = db
        .prepare('SELECT name, sha256 FROM files WHERE dossier_id = ?')
        .all(id) as RecordFile[];
      db.prepare('UPDATE files SET sha256 = ? WHERE dossier_id = ?').run(ERASED_FILE_SHA256, id);
      // A received PDF's signer is a person (a personal certificate may carry the ID number):
      // its name, time and the report on it go with the file.
      db.prepare(
        `UPDATE files SET signer = NULL, signed_at = NULL, report = NULL
           WHERE dossier_id = ? AND role = 'received'`,
      ).run(id);
      indexRecordText(withStatementCache(db), id);
      parts.push(
        'recordTitle',
        'pageTexts',
        'searchIndex',
        'recordFile',
        'outputCopy',
        'renderCache',
        'exports',
        'batchFiles',
      );
    }
    audit({
      actor,
      action: ERASED_ACTION,
      recordType: 'dossier',
      recordRef: t.record?.code ?? targetName(t),
      details: {
        dossier: targetName(t),
        erased: parts,
        ...(t.record ? { recordHash: archive.recordHash(t.record.id) } : {}),
      },
    });
  });
  return { files, parts };
}

/** What an erased state change's reason reads (the change itself, its clerk and time stay). */
export const ERASED_REASON = 'Đã xóa dữ liệu cá nhân';

/**
 * A refusal's or a return's reason may name the applicant. reception_transitions is append-only
 * by trigger, but no hash chain covers it (the audit chain never copies a reason), so the reason
 * is overwritten in place: the trigger is lifted for that one statement, inside the erasure's
 * transaction, and put back from its own stored definition. True when a reason was erased.
 */
function redactTransitionReasons(db: Database.Database, dossierId: number): boolean {
  const name = 'reception_transitions_no_update';
  const trigger = db
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`)
    .pluck()
    .get(name) as string | undefined;
  if (trigger) db.exec(`DROP TRIGGER ${name}`);
  try {
    return (
      db
        .prepare(
          `UPDATE reception_transitions SET reason = ?
             WHERE dossier_id = ? AND reason IS NOT NULL AND reason <> ?`,
        )
        .run(ERASED_REASON, dossierId, ERASED_REASON).changes > 0
    );
  } finally {
    if (trigger) db.exec(trigger);
  }
}

/** WAL frames still hold the text: empty the WAL (the index was cleaned in place, see unindexPages). */
function scrubDatabase(archive: Archive): void {
  archive.database.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * The signed file's blob (unless another record shares it), its copy in output/, its package in
 * exports/, the batch folders that made it and its renders.
 */
async function eraseFiles(
  deps: EraseDeps,
  record: { id: number; code: string },
  files: RecordFile[],
  problems: ErrorInfo[],
) {
  const { code } = record;
  const db = deps.archive.database;
  const gone = async (p: string) => {
    try {
      await fs.rm(p, { force: true });
    } catch {
      problems.push(errorInfo('ERASE_FAILED', code));
    }
  };
  const removeDir = async (p: string) => {
    try {
      await fs.rm(p, { recursive: true, force: true });
    } catch {
      problems.push(errorInfo('ERASE_FAILED', code));
    }
  };
  await removeDir(path.join(deps.dataDir, 'exports', safeDirName(code)));
  for (const dir of deps.batchDirsOf?.(record.id) ?? []) await removeDir(dir);
  const cache = path.join(deps.dataDir, 'cache', 'pages');
  const renders = await fs.readdir(cache).catch(() => [] as string[]);
  for (const f of files) {
    const shared = db.prepare('SELECT 1 FROM files WHERE sha256 = ?').get(f.sha256);
    if (!shared) await gone(path.join(deps.dataDir, 'blobs', f.sha256.slice(0, 2), f.sha256));
    await gone(path.join(deps.dataDir, 'output', path.basename(f.name)));
    for (const r of renders.filter((n) => n.startsWith(`${f.sha256}-`)))
      await gone(path.join(cache, r));
  }
}

export async function erasePersonalData(
  deps: EraseDeps,
  ref: EraseTargetRef,
  actor: string,
): Promise<EraseOutcome> {
  const db = deps.archive.database;
  const t = resolveTarget(db, ref);
  const check = checkTarget(deps.archive, t, deps.settings(), deps.clock?.() ?? new Date());
  if (check.refusal) throw new SohoaError(check.refusal.code, targetName(t));
  // Deleted and overwritten cells are zeroed in the file, not left in free pages.
  const wasSecure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  const problems: ErrorInfo[] = [];
  let erased: ErasedPart[];
  try {
    const { files, parts } = eraseRows(deps.archive, t, actor);
    erased = parts;
    scrubDatabase(deps.archive);
    if (t.record && (deps.redactBatchesOf?.(t.record.id) ?? 0) > 0) erased.push('batchTitles');
    if (t.record) await eraseFiles(deps, t.record, files, problems);
  } finally {
    db.pragma(`secure_delete = ${wasSecure ? 'ON' : 'OFF'}`);
  }
  return {
    dossierCode: targetName(t),
    recordCode: t.record?.code ?? null,
    erasedAt: erasedAt(db, t) ?? '',
    erased,
    problems,
    // Copies handed out of the folder: the user is told where they are.
    exportsOutside: t.record ? exportsOutside(deps.dataDir, t.record.code) : [],
  };
}
