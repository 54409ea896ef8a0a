// An archive made by the first schema version (the foundation's) upgrades in place: its dossiers
// get TT 05/2025 metadata and one document, enter the search index, the audit log and the outbox.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Archive, migrate } from '../../electron/core/archive/archive';
import { MIGRATIONS } from '../../electron/core/archive/migrations';

function makeVersion1Database(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, MIGRATIONS.slice(0, 1));
  assert.equal(db.pragma('user_version', { simple: true }), 1);
  // Rows exactly as the first Archive.addRecord wrote them.
  const dossier = db
    .prepare('INSERT INTO dossiers (code, title, created_at) VALUES (?, ?, ?)')
    .run('H49.64.33-241103-0007', 'Đăng ký khai sinh', '2024-11-03T02:15:00.000Z');
  const id = Number(dossier.lastInsertRowid);
  const page = db.prepare(
    `INSERT INTO pages (dossier_id, ordinal, source_name, width_px, height_px, dpi, text, confidence)
     VALUES (?, ?, ?, 1654, 2339, 200, ?, 90)`,
  );
  page.run(id, 1, 'to-khai.jpg', 'TỜ KHAI ĐĂNG KÝ KHAI SINH\nHọ và tên: Nguyễn Văn An');
  page.run(id, 2, 'cccd.jpg', 'CĂN CƯỚC CÔNG DÂN Trần Thị Đào');
  db.prepare(`INSERT INTO files (dossier_id, name, sha256, bytes) VALUES (?, ?, ?, ?)`).run(
    id,
    'H49.64.33-241103-0007.pdf',
    'a'.repeat(64),
    1234,
  );
  db.prepare("INSERT INTO day_sequences VALUES ('H49.64.33', '241103', 7)").run();
  db.close();
}

test('a version-1 database is migrated in place to the latest schema without losing a row', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-mig-')), 'archive.sqlite');
  makeVersion1Database(file);
  const archive = new Archive(file, { clock: () => new Date('2026-11-23T03:00:00Z') });
  assert.equal(archive.schemaVersion, MIGRATIONS.length);
  assert.equal(archive.integrityCheck(), 'ok');

  const detail = archive.findByCode('H49.64.33-241103-0007');
  assert.ok(detail);
  assert.equal(detail.pages.length, 2);
  assert.equal(detail.pages[1]!.text, 'CĂN CƯỚC CÔNG DÂN Trần Thị Đào');

  const meta = archive.recordMetadata(detail.id);
  assert.equal(meta.fileCode, 'H49.64.33-241103-0007');
  assert.equal(meta.title, 'Đăng ký khai sinh');
  assert.equal(meta.startDate, '03/11/2024', 'receipt day in Vietnam time');
  assert.equal(meta.totalDoc, 1);
  assert.equal(meta.numberOfPage, 2);
  assert.equal(meta.confidenceLevel, '02');
  const docs = archive.documentsOf(detail.id);
  assert.deepEqual(
    docs.map((d) => [d.metadata.docCode, d.pages]),
    [['H49.64.33-241103-0007.0000001', [1, 2]]],
  );

  // Old pages are searchable, folded.
  const hits = archive.search('tran thi dao');
  assert.deepEqual(
    hits.map((h) => [h.dossierCode, h.page]),
    [['H49.64.33-241103-0007', 2]],
  );
  // Old dossiers enter the audit log once, and the outbox.
  const report = archive.verify();
  assert.equal(report.ok, true, JSON.stringify(report));
  assert.equal(report.chain.entries, 1);
  const outbox = archive.database.prepare('SELECT state FROM outbox').all();
  assert.deepEqual(outbox, [{ state: 'pending' }]);

  // The day sequence carries on where version 1 left it.
  const next = archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2024-11-03T05:00:00Z'),
    title: 'Hồ sơ mới',
    pages: [],
    file: { sha256: 'b'.repeat(64), bytes: 10, signature: null },
  });
  assert.equal(next.code, 'H49.64.33-241103-0008');
  archive.close();

  // Reopening migrates nothing again and logs nothing again.
  const again = new Archive(file);
  assert.equal(again.verify().chain.entries, 2);
  again.close();
});
