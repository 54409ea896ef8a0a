// The hash-chained audit log: `sohoa audit verify` finds edited, deleted, inserted and reordered
// entries, rows edited behind the archive's back, and a truncated log.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Archive } from '../../electron/core/archive/archive';
import { entryHash, GENESIS_HASH, type AuditAction } from '../../electron/core/archive/audit';
import { sha256Hex } from '../../electron/core/archive/blobStore';
import { auditCommand } from '../../electron/cli/commands/audit';

function archiveWithRecords(n = 3): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-audit-'));
  const file = path.join(dir, 'archive.sqlite');
  const archive = new Archive(file);
  for (let i = 1; i <= n; i++)
    archive.addRecord({
      agencyId: 'H49.64.33',
      receivedAt: new Date('2026-11-23T02:00:00Z'),
      title: `Hồ sơ ${i}`,
      pages: [
        {
          ordinal: 1,
          sourceName: `p${i}.jpg`,
          widthPx: 100,
          heightPx: 100,
          dpi: 200,
          text: `Trang của hồ sơ ${i}: Nguyễn Văn An`,
          confidence: 90,
        },
      ],
      file: { sha256: sha256Hex(Buffer.from(`f${i}`)), bytes: 2, signature: null },
      actor: 'canbo01',
    });
  if (n >= 2)
    archive.updateRecordMetadata('H49.64.33-261123-0002', { keyword: 'khai sinh' }, 'canbo02');
  archive.close();
  return { dir, file };
}

/** What an attacker with the file does: drop the guards, then change rows directly. */
function tamper(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.exec(
    'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;',
  );
  db.prepare(sql).run(...params);
  db.close();
}

function verify(file: string) {
  const a = new Archive(file);
  try {
    return a.verify();
  } finally {
    a.close();
  }
}

test('an untouched archive verifies; each action is one entry chained to the one before', () => {
  const { file } = archiveWithRecords();
  const report = verify(file);
  assert.equal(report.ok, true, JSON.stringify(report));
  assert.equal(report.chain.entries, 4);
  const a = new Archive(file);
  const entries = [...a.audit.entries()];
  assert.equal(entries[0]!.prevHash, GENESIS_HASH);
  for (let i = 1; i < entries.length; i++) assert.equal(entries[i]!.prevHash, entries[i - 1]!.hash);
  assert.deepEqual(
    entries.map((e) => [e.actor, e.action, e.recordRef]),
    [
      ['canbo01', 'dossier.recorded', 'H49.64.33-261123-0001'],
      ['canbo01', 'dossier.recorded', 'H49.64.33-261123-0002'],
      ['canbo01', 'dossier.recorded', 'H49.64.33-261123-0003'],
      ['canbo02', 'dossier.metadata_changed', 'H49.64.33-261123-0002'],
    ],
  );
  assert.deepEqual(entries[3]!.details.changed, ['keyword']);
  assert.throws(
    () => a.database.prepare('DELETE FROM audit_log WHERE seq = 1').run(),
    /append-only/,
  );
  assert.throws(() => a.database.prepare("UPDATE audit_log SET actor = 'x'").run(), /append-only/);
  a.close();
});

test('an edited entry is found', () => {
  const { file } = archiveWithRecords();
  tamper(file, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2");
  const r = verify(file);
  assert.equal(r.ok, false);
  assert.deepEqual(r.chain.problems, [{ seq: 2, problem: 'hash_mismatch' }]);
});

test('a deleted entry is found', () => {
  const { file } = archiveWithRecords();
  tamper(file, 'DELETE FROM audit_log WHERE seq = 2');
  const r = verify(file);
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.chain.problems.map((p) => p.problem),
    ['sequence_gap', 'chain_broken'],
  );
});

test('reordered entries are found', () => {
  const { file } = archiveWithRecords();
  const db = new Database(file);
  db.exec('DROP TRIGGER audit_log_no_update;');
  // Swap entries 1 and 2 keeping everything else (their own hashes stay valid).
  db.exec(`UPDATE audit_log SET seq = -1 WHERE seq = 1;
           UPDATE audit_log SET seq = 1 WHERE seq = 2;
           UPDATE audit_log SET seq = 2 WHERE seq = -1;`);
  db.close();
  const r = verify(file);
  assert.equal(r.ok, false);
  assert.ok(r.chain.problems.some((p) => p.seq === 1 && p.problem === 'chain_broken'));
});

test('entries cut off the end are found by the anchor', () => {
  const { file } = archiveWithRecords();
  tamper(file, 'DELETE FROM audit_log WHERE seq = 4');
  const r = verify(file);
  assert.equal(r.ok, false);
  assert.equal(r.chain.anchor, 'truncated');
});

test('a rewritten, re-chained log still disagrees with the anchor', () => {
  const { file } = archiveWithRecords();
  const db = new Database(file);
  db.exec('DROP TRIGGER audit_log_no_update;');
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
    seq: number;
    at: string;
    actor: string;
    action: AuditAction;
    record_type: 'dossier';
    record_ref: string;
    details: string;
  }[];
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const e = {
      seq: row.seq,
      at: row.at,
      actor: row.seq === 1 ? 'forger' : row.actor,
      action: row.action,
      recordType: row.record_type,
      recordRef: row.record_ref,
      details: JSON.parse(row.details) as Record<string, unknown>,
      prevHash: prev,
    };
    prev = entryHash(e);
    db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
      e.actor,
      e.prevHash,
      prev,
      e.seq,
    );
  }
  db.close();
  const r = verify(file);
  assert.deepEqual(r.chain.problems, []);
  assert.equal(r.chain.anchor, 'mismatch');
  assert.equal(r.ok, false);
});

test('rows changed behind the archive’s back are found by their record hash', () => {
  const { file } = archiveWithRecords();
  tamper(file, "UPDATE pages SET text = 'Trần Văn B' WHERE dossier_id = 1");
  tamper(file, 'DELETE FROM outbox WHERE dossier_id = 3');
  tamper(file, 'DELETE FROM pages WHERE dossier_id = 3');
  tamper(file, 'DELETE FROM documents WHERE dossier_id = 3');
  tamper(file, 'DELETE FROM files WHERE dossier_id = 3');
  tamper(file, 'DELETE FROM dossiers WHERE id = 3');
  tamper(
    file,
    "INSERT INTO dossiers (code, title, created_at) VALUES ('H49.64.33-261123-0099', 'giả', '2026-11-23')",
  );
  const r = verify(file);
  assert.equal(r.ok, false);
  assert.deepEqual(r.alteredRecords, ['H49.64.33-261123-0001']);
  assert.deepEqual(r.missingRecords, ['H49.64.33-261123-0003']);
  assert.deepEqual(r.unloggedRecords, ['H49.64.33-261123-0099']);
});

test('sohoa audit verify exits 0 on an intact archive and 1 on a tampered one', async () => {
  const { dir, file } = archiveWithRecords(1);
  const quiet = (fn: () => Promise<number>) => {
    const log = console.log;
    const err = console.error;
    console.log = console.error = () => undefined;
    return fn().finally(() => {
      console.log = log;
      console.error = err;
    });
  };
  // The dossier's file is not in the blob store: verify reports it.
  assert.equal(
    await quiet(() => auditCommand.run(['verify', '--data-dir', dir], { lang: 'vi' })),
    1,
  );
  const a = new Archive(file);
  const sha = a.storedFiles()[0]!.sha256;
  a.close();
  fs.mkdirSync(path.join(dir, 'blobs', sha.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(dir, 'blobs', sha.slice(0, 2), sha), 'f1');
  fs.renameSync(file, path.join(dir, 'archive.sqlite')); // already the data-dir layout
  assert.equal(
    await quiet(() => auditCommand.run(['verify', '--data-dir', dir], { lang: 'vi' })),
    0,
  );
  tamper(path.join(dir, 'archive.sqlite'), "UPDATE audit_log SET action = 'x' WHERE seq = 1");
  assert.equal(
    await quiet(() => auditCommand.run(['verify', '--data-dir', dir], { lang: 'en' })),
    1,
  );
});
