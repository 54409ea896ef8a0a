// Is the archive still what its audit log says it is? The chain is walked, then every record's
// rows are hashed and compared with the hash the log holds for it: an edited entry, an edited
// row, a deleted or an unlogged record all show. Records made before the log existed enter it
// once, at the upgrade that created it.
import { verifyChain, type AuditLog, type ChainReport } from './audit';
import type { ArchiveDb } from './connection';
import { recordHash } from './recordHash';

/** What `sohoa audit verify` reports; `ok` only when nothing at all is wrong. */
export interface ArchiveVerifyReport {
  ok: boolean;
  chain: Omit<ChainReport, 'lastRecordHash'>;
  /** Records whose rows no longer hash to what the log recorded last. */
  alteredRecords: string[];
  /** Records the log recorded that are gone from the tables. */
  missingRecords: string[];
  /** Records in the tables that the log never recorded. */
  unloggedRecords: string[];
}

function allRecords(a: ArchiveDb): { id: number; code: string }[] {
  return a.db.prepare('SELECT id, code FROM dossiers ORDER BY id').all() as {
    id: number;
    code: string;
  }[];
}

export function verifyArchive(a: ArchiveDb, audit: AuditLog): ArchiveVerifyReport {
  const { lastRecordHash, ...chain } = verifyChain(audit);
  const alteredRecords: string[] = [];
  const unloggedRecords: string[] = [];
  const present = new Set<string>();
  for (const d of allRecords(a)) {
    present.add(d.code);
    const logged = lastRecordHash.get(d.code);
    if (logged === undefined) unloggedRecords.push(d.code);
    else if (logged !== recordHash(a, d.id)) alteredRecords.push(d.code);
  }
  const missingRecords = [...lastRecordHash.keys()].filter((c) => !present.has(c));
  const ok =
    chain.problems.length === 0 &&
    (chain.anchor === 'ok' || chain.anchor === 'behind') &&
    alteredRecords.length + missingRecords.length + unloggedRecords.length === 0;
  return { ok, chain, alteredRecords, missingRecords, unloggedRecords };
}

/** Records made before the audit log existed enter it as they are, once, at the upgrade. */
export function logExistingRecords(a: ArchiveDb, audit: AuditLog, auditVersion: number): void {
  audit.write((log) => {
    for (const d of allRecords(a))
      log({
        actor: 'migration',
        action: 'dossier.recorded',
        recordType: 'dossier',
        recordRef: d.code,
        details: { recordHash: recordHash(a, d.id), migratedFromVersion: auditVersion - 1 },
      });
  });
}
