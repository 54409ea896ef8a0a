// Backup and restore of the whole archive: the database through SQLite's online backup API (a
// consistent snapshot while the desk keeps working), every stored file re-hashed as it is
// copied, and a manifest written LAST, so a backup without its manifest is known to be unfinished.
// Restore checks everything before it touches the target and replaces nothing it cannot verify.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { dataPaths } from '../config/paths';
import { Archive } from './archive';
import { AuditLog, type AuditHead } from './audit';
import { BlobStore, sha256Hex } from './blobStore';
import { writeFileDurably, writeFileDurablySync } from './durableFile';
import { openDatabase, snapshotDatabase } from '../vault/sqlite';
import { readDataFile } from '../vault/files';
import { prepareRestore, vaultForBackup } from '../vault/backupVault';
import { openArchive, verifyFiles, type OpenedArchive } from './open';

export const BACKUP_MANIFEST = 'sohoa-backup.json';
const DB_NAME = 'archive.sqlite';

export interface BackupManifest {
  /** 'sohoa-backup/1'; read back as any string, so an unknown format can be named. */
  format: string;
  createdAt: string;
  schemaVersion: number;
  database: { name: string; sha256: string; bytes: number };
  auditHead: AuditHead;
  dossiers: number;
  files: { sha256: string; bytes: number }[];
}

/** Backs the archive up into a new folder `<targetDir>/sohoa-backup-<time>`; returns its path. */
export async function backupArchive(
  opened: OpenedArchive,
  targetDir: string,
  now: Date = new Date(),
): Promise<{ dir: string; manifest: BackupManifest }> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const dir = path.join(targetDir, `sohoa-backup-${stamp}`);
  try {
    await fsp.mkdir(dir, { recursive: true });
    if ((await fsp.readdir(dir)).length > 0) throw new Error(`${dir} is not empty`);
    vaultForBackup(opened.paths.root, dir);
    const dbFile = path.join(dir, DB_NAME);
    snapshotDatabase(opened.archive.database, dbFile);

    // What the snapshot holds, read from the snapshot itself (the live archive may have moved on).
    const snap = openDatabase(dbFile, { readonly: true });
    let files: { sha256: string; bytes: number }[];
    let dossiers: number;
    let schemaVersion: number;
    let auditHead: AuditHead;
    try {
      files = snap
        .prepare('SELECT sha256, max(bytes) AS bytes FROM files GROUP BY sha256 ORDER BY sha256')
        .all() as { sha256: string; bytes: number }[];
      dossiers = snap.prepare('SELECT count(*) FROM dossiers').pluck().get() as number;
      schemaVersion = snap.pragma('user_version', { simple: true }) as number;
      auditHead = new AuditLog(snap, dbFile).head();
    } finally {
      snap.close();
    }
    // The snapshot's chain must agree with the live anchor before it gets an anchor of its own.
    const live = opened.archive.audit.readAnchor();
    if (live && live.seq <= auditHead.seq) {
      const check = openDatabase(dbFile, { readonly: true });
      try {
        const at = check.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(live.seq);
        if (live.seq > 0 && at !== live.hash)
          throw new Error('audit log does not match its anchor');
      } finally {
        check.close();
      }
    }
    writeFileDurablySync(`${dbFile}.audit-head`, JSON.stringify(auditHead));

    const store = new BlobStore(path.join(dir, 'blobs'));
    for (const f of files) {
      const bytes = await opened.blobs.read(f.sha256);
      if (sha256Hex(bytes) !== f.sha256) throw new SohoaError('BLOB_MISSING', f.sha256);
      await store.put(bytes);
    }
    const dbBytes = await fsp.readFile(dbFile);
    const manifest: BackupManifest = {
      format: 'sohoa-backup/1',
      createdAt: now.toISOString(),
      schemaVersion,
      database: { name: DB_NAME, sha256: sha256Hex(dbBytes), bytes: dbBytes.length },
      auditHead,
      dossiers,
      files,
    };
    await writeFileDurably(
      path.join(dir, BACKUP_MANIFEST),
      Buffer.from(JSON.stringify(manifest, null, 2)),
    );
    opened.archive.logEvent({
      actor: 'system',
      action: 'archive.backed_up',
      recordType: 'archive',
      recordRef: path.basename(dir),
      details: { databaseSha256: manifest.database.sha256, files: files.length, auditHead },
    });
    return { dir, manifest };
  } catch (e) {
    if (e instanceof SohoaError) throw e;
    throw new SohoaError('BACKUP_FAILED', targetDir, { cause: e });
  }
}

export interface RestoreReport {
  dossiers: number;
  files: number;
  auditEntries: number;
}

/**
 * Restores a backup into `dataDir`. Every hash is checked first (manifest, database, files, audit
 * chain, record hashes); then the files go into the blob store and the database is renamed into
 * place last, so an interrupted restore leaves no half archive behind.
 */
export async function restoreArchive(
  backupDir: string,
  dataDir: string,
  options: { force?: boolean } = {},
): Promise<RestoreReport> {
  const corrupt = (why: string, cause?: unknown) =>
    new SohoaError('BACKUP_CORRUPT', `${path.basename(backupDir)}: ${why}`, { cause });
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(
      (await readDataFile(path.join(backupDir, BACKUP_MANIFEST))).toString('utf8'),
    ) as BackupManifest;
  } catch (e) {
    if (e instanceof SohoaError) throw e; // a locked vault: the recovery words are needed
    throw corrupt('no manifest (unfinished backup?)', e);
  }
  if (manifest.format !== 'sohoa-backup/1') throw corrupt(`unknown format ${manifest.format}`);
  const dbFile = path.join(backupDir, manifest.database.name);
  const dbBytes = await fsp.readFile(dbFile).catch((e: unknown) => {
    throw corrupt('database missing', e);
  });
  if (sha256Hex(dbBytes) !== manifest.database.sha256) throw corrupt('database hash differs');
  const source = new BlobStore(path.join(backupDir, 'blobs'));
  for (const f of manifest.files)
    if (!(await source.verify(f.sha256))) throw corrupt(`file ${f.sha256.slice(0, 12)}…`);

  // Check the database itself on a scratch copy: opening may write (WAL), the backup stays as is.
  const paths = dataPaths(dataDir);
  await fsp.mkdir(paths.root, { recursive: true });
  if (fs.existsSync(paths.database) && !options.force)
    throw new SohoaError('RESTORE_TARGET_NOT_EMPTY', dataDir);
  const staging = `${paths.database}.restoring`;
  (await prepareRestore(backupDir, dataDir)).stageDatabase(dbBytes, staging);
  writeFileDurablySync(`${staging}.audit-head`, JSON.stringify(manifest.auditHead));
  let report: RestoreReport;
  const check = new Archive(staging, { enqueueForUpload: false });
  try {
    if (check.integrityCheck() !== 'ok') throw corrupt('integrity_check failed');
    const v = check.verify();
    if (!v.ok) throw corrupt(`audit: ${JSON.stringify(v.chain.problems.slice(0, 3))}`);
    const listed = new Set(manifest.files.map((f) => f.sha256));
    for (const f of check.storedFiles())
      if (!listed.has(f.sha256)) throw corrupt(`file of ${f.dossierCode} not in the backup`);
    report = {
      dossiers: check.recordCount(),
      files: manifest.files.length,
      auditEntries: v.chain.entries,
    };
  } catch (e) {
    check.close();
    await fsp.rm(staging, { force: true });
    throw e instanceof SohoaError ? e : corrupt('database unreadable', e);
  }
  check.close();

  const target = new BlobStore(paths.blobsDir);
  for (const f of manifest.files) await target.put(await source.read(f.sha256));
  // The old database's WAL must not be replayed onto the restored one.
  for (const suffix of ['-wal', '-shm'])
    await fsp.rm(`${paths.database}${suffix}`, { force: true });
  for (const suffix of ['-wal', '-shm']) await fsp.rm(`${staging}${suffix}`, { force: true });
  await fsp.rename(`${staging}.audit-head`, `${paths.database}.audit-head.new`);
  await fsp.rename(staging, paths.database);
  await fsp.rename(`${paths.database}.audit-head.new`, `${paths.database}.audit-head`);

  const opened = openArchive(dataDir);
  try {
    const bad = await verifyFiles(opened);
    if (bad.length > 0) throw corrupt(`after restore: ${bad.join(', ')}`);
    opened.archive.logEvent({
      actor: 'system',
      action: 'archive.restored',
      recordType: 'archive',
      recordRef: path.basename(backupDir),
      details: { databaseSha256: manifest.database.sha256, backupHead: manifest.auditHead },
    });
  } finally {
    opened.close();
  }
  return report;
}
