// Which dossier an erasure is about and whether its retention period has ended. A reception
// dossier (by its code) and the archived record made from it are one target; a record not made
// at the counter has no applicant row but still carries page texts. The check answers the typed
// error the erasure itself would, so the screen can say why not (yet) before the clerk asks.
import type Database from 'better-sqlite3';
import type { EraseCheck } from '../../../shared/contracts/retention';
import { errorInfo, SohoaError, type ErrorCode } from '../../../shared/errors';
import type { RetentionSettings } from '../../../shared/settings';
import type { Archive } from '../archive/archive';
import { vnDate } from '../archive/recordInput';
import { recordRetentionEnd, unarchivedRetentionEnd, type RetentionEnd } from './period';

export interface EraseTargetRef {
  recordId?: number | undefined;
  dossierCode?: string | undefined;
}

export interface ResolvedTarget {
  /** The reception dossier (null: a record made by digitizing, without an applicant). */
  reception: { id: number; code: string; state: string; updatedAt: string } | null;
  /** The archived record (null: the dossier never became one). */
  record: { id: number; code: string } | null;
}

/** States in which a reception dossier is over: nothing will be added to it any more. */
const CLOSED_WITHOUT_RECORD = new Set(['refused']);
const OUTBOX_DONE = 'done';

export const ERASED_ACTION = 'dossier.personal_data_erased';

export function resolveTarget(db: Database.Database, t: EraseTargetRef): ResolvedTarget {
  type Row = { id: number; code: string; state: string; updated_at: string; record: number | null };
  const select =
    'SELECT id, code, state, updated_at, archive_dossier_id AS record FROM reception_dossiers';
  const row = (
    t.dossierCode !== undefined
      ? db.prepare(`${select} WHERE code = ?`).get(t.dossierCode)
      : db.prepare(`${select} WHERE archive_dossier_id = ?`).get(t.recordId)
  ) as Row | undefined;
  const recordId = row ? row.record : (t.recordId ?? null);
  const record =
    recordId === null
      ? null
      : ((db.prepare('SELECT id, code FROM dossiers WHERE id = ?').get(recordId) as
          { id: number; code: string } | undefined) ?? null);
  if (!row && !record)
    throw new SohoaError('DOSSIER_NOT_FOUND', t.dossierCode ?? String(t.recordId));
  return {
    reception: row
      ? { id: row.id, code: row.code, state: row.state, updatedAt: row.updated_at }
      : null,
    record,
  };
}

export function targetName(t: ResolvedTarget): string {
  return t.reception?.code ?? t.record?.code ?? '';
}

function retentionEnd(archive: Archive, t: ResolvedTarget, s: RetentionSettings): RetentionEnd {
  if (t.record) {
    const m = archive.recordMetadata(t.record.id);
    const docs = archive.documentsOf(t.record.id).map((d) => d.metadata);
    return recordRetentionEnd(m, docs);
  }
  return unarchivedRetentionEnd(new Date(t.reception?.updatedAt ?? NaN), s.unarchivedDossierYears);
}

/** Why the target may not be erased now (null: it may). */
function refusal(
  archive: Archive,
  t: ResolvedTarget,
  end: RetentionEnd,
  now: Date,
): ErrorCode | null {
  const db = archive.database;
  if (!t.record && !CLOSED_WITHOUT_RECORD.has(t.reception?.state ?? ''))
    return 'ERASE_DOSSIER_OPEN';
  if (t.record) {
    // The records store must hold its copy first: an upload still to come reads the file.
    const upload = db
      .prepare('SELECT state FROM outbox WHERE dossier_id = ?')
      .pluck()
      .get(t.record.id);
    if (upload !== undefined && upload !== OUTBOX_DONE) return 'ERASE_DOSSIER_OPEN';
  }
  if (end.kind === 'permanent') return 'RETENTION_PERMANENT';
  if (end.kind === 'unknown') return 'RETENTION_UNKNOWN';
  return now < end.at ? 'RETENTION_NOT_ENDED' : null;
}

export function erasedAt(db: Database.Database, t: ResolvedTarget): string | null {
  return (
    (db
      .prepare(
        `SELECT max(at) FROM audit_log WHERE action = ? AND json_extract(details, '$.dossier') = ?`,
      )
      .pluck()
      .get(ERASED_ACTION, targetName(t)) as string | null) ?? null
  );
}

export function checkTarget(
  archive: Archive,
  t: ResolvedTarget,
  settings: RetentionSettings,
  now: Date,
): EraseCheck {
  const end = retentionEnd(archive, t, settings);
  const code = refusal(archive, t, end, now);
  return {
    dossierCode: t.reception?.code ?? null,
    retentionEnds: end.kind === 'ends' ? vnDate(end.at) : null,
    erasable: code === null,
    refusal: code === null ? null : errorInfo(code, targetName(t)),
    erasedAt: erasedAt(archive.database, t),
  };
}
