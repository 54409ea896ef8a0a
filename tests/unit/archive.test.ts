// The archive on a real SQLite file: migrations, WAL, dossier codes without gaps or duplicates.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Archive, migrate } from '../../electron/core/archive/archive';
import { BlobStore, sha256Hex } from '../../electron/core/archive/blobStore';
import { MIGRATIONS } from '../../electron/core/archive/migrations';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-archive-'));

const newDossier = (title: string, at = new Date('2026-11-23T02:00:00Z')) => ({
  agencyId: 'H49.64.33',
  receivedAt: at,
  title,
  pages: [
    {
      ordinal: 1,
      sourceName: 'a.jpg',
      widthPx: 1654,
      heightPx: 2339,
      dpi: 200,
      text: 'Nguyễn Văn An',
      confidence: 91.5,
    },
  ],
  file: { sha256: sha256Hex(Buffer.from(title)), bytes: 10, signature: null },
});

test('a new database is migrated to the latest version, in WAL mode with foreign keys', () => {
  const dir = tmp();
  const archive = new Archive(path.join(dir, 'a.sqlite'));
  assert.equal(archive.schemaVersion, MIGRATIONS.length);
  archive.close();
  const db = new Database(path.join(dir, 'a.sqlite'));
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});

test('migrate() applies only the missing steps, in order', () => {
  const db = new Database(':memory:');
  const steps = ['CREATE TABLE t (a INTEGER);', 'ALTER TABLE t ADD COLUMN b TEXT;'];
  migrate(db, steps.slice(0, 1));
  db.prepare('INSERT INTO t (a) VALUES (1)').run();
  migrate(db, steps);
  assert.equal(db.pragma('user_version', { simple: true }), 2);
  assert.deepEqual(db.prepare('SELECT a, b FROM t').all(), [{ a: 1, b: null }]);
});

test('dossier codes follow <agency>-<YYMMDD>-<NNNN> with a daily sequence, across connections', () => {
  const file = path.join(tmp(), 'a.sqlite');
  const a = new Archive(file);
  const b = new Archive(file);
  const codes = [
    a.addRecord(newDossier('một')).code,
    b.addRecord(newDossier('hai')).code,
    a.addRecord(newDossier('ba')).code,
    a.addRecord(newDossier('ngày sau', new Date('2026-11-23T18:00:00Z'))).code,
  ];
  assert.deepEqual(codes, [
    'H49.64.33-261123-0001',
    'H49.64.33-261123-0002',
    'H49.64.33-261123-0003',
    'H49.64.33-261124-0001',
  ]);
  const detail = b.findByCode('H49.64.33-261123-0002');
  assert.equal(detail?.title, 'hai');
  assert.equal(detail?.pages[0]?.text, 'Nguyễn Văn An');
  assert.equal(detail?.fileName, 'H49.64.33-261123-0002.pdf');
  assert.equal(a.listRecords(10).length, 4);
  assert.equal(a.integrityCheck(), 'ok');
  a.close();
  b.close();
});

test('the blob store writes by content hash and detects a changed file', async () => {
  const store = new BlobStore(tmp());
  const bytes = Buffer.from('%PDF-1.7 giả lập');
  const sha = await store.put(bytes);
  assert.equal(sha, sha256Hex(bytes));
  assert.ok(await store.verify(sha));
  assert.equal(await store.put(bytes), sha, 'idempotent');
  fs.appendFileSync(store.pathOf(sha), 'x');
  assert.equal(await store.verify(sha), false);
  assert.deepEqual(
    fs.readdirSync(path.dirname(store.pathOf(sha))).filter((f) => f.endsWith('.tmp')),
    [],
    'no temp files left behind',
  );
});
