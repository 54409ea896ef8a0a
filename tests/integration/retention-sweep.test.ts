// The retention job on a real data folder with a clock the test sets: each store loses only what
// its rule says, nothing the archive still needs (an open session, a running scan, originals of a
// batch whose upload is not confirmed), and a link planted in a store is removed as a link without
// its target being touched.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Archive } from '../../electron/core/archive/archive';
import { BlobStore } from '../../electron/core/archive/blobStore';
import { openBatchDatabase } from '../../electron/core/batch/store/schema';
import { releasableBatches } from '../../electron/core/retention/batchOriginals';
import { RetentionJob } from '../../electron/core/retention/job';
import { DEFAULT_RETENTION } from '../../shared/settings';
import { addQueuedRecord } from '../helpers/outboxRecords';

const DAY = 24 * 3600 * 1000;
const NOW = new Date('2027-03-10T03:00:00Z');

async function put(file: string, text = 'x', daysAgo = 0): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  await age(file, daysAgo);
}

async function age(p: string, daysAgo: number): Promise<void> {
  const t = new Date(NOW.getTime() - daysAgo * DAY);
  await fs.utimes(p, t, t);
}

const exists = (p: string) =>
  fs.lstat(p).then(
    () => true,
    () => false,
  );

async function dataFolder() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-retention-'));
  const data = path.join(root, 'data');
  const outside = path.join(root, 'outside');
  await fs.mkdir(data);
  await put(path.join(outside, 'keep.txt'), 'not the desk’s');
  return { root, data, outside };
}

function job(data: string, over: Partial<ConstructorParameters<typeof RetentionJob>[0]> = {}) {
  return new RetentionJob({
    dataDir: data,
    settings: () => DEFAULT_RETENTION,
    hotFolderInboxes: () => [],
    clock: () => NOW,
    openSessions: new Set(),
    releasableBatches: () => [],
    ...over,
  });
}

test('sessions, scan jobs, staged files, copies and drafts go by their age; open and running ones stay', async (t) => {
  const { root, data, outside } = await dataFolder();
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const s = (id: string) => path.join(data, 'desk-sessions', id);
  await put(path.join(s('old-session-1'), 'p1.png'), 'page', 3);
  await age(s('old-session-1'), 3);
  await put(path.join(s('open-session-1'), 'p1.png'), 'page', 3);
  await age(s('open-session-1'), 3);
  await put(path.join(s('fresh-session'), 'p1.png'), 'page', 0);
  // A link planted among the sessions, pointing at a folder outside: removed as a link only.
  await fs.symlink(outside, s('planted-link-1'));
  await fs.lutimes(
    s('planted-link-1'),
    new Date(NOW.getTime() - 5 * DAY),
    new Date(NOW.getTime() - 5 * DAY),
  );

  const scan = (id: string, state: string, daysAgo: number) =>
    put(
      path.join(data, 'scans', id, 'manifest.json'),
      JSON.stringify({ state, updatedAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString() }),
    );
  await scan('job-done-old', 'done', 10);
  await scan('job-running', 'scanning', 30);
  await scan('job-done-new', 'done', 2);
  await put(path.join(data, 'desk-hotfolder', 'old.jpg'), 'scan', 20);
  await put(path.join(data, 'desk-hotfolder', 'new.jpg'), 'scan', 1);
  await put(path.join(data, 'output', 'HS-1.pdf'), 'pdf', 40);
  await put(path.join(data, 'exports', 'fresh-bag.zip'), 'zip', 3);
  await put(path.join(data, 'tmp', 'draft.pdf'), 'half', 2);

  const j = job(data, { openSessions: new Set(['open-session-1']) });
  await j.sweep();

  for (const gone of [
    s('old-session-1'),
    s('planted-link-1'),
    path.join(data, 'scans', 'job-done-old'),
    path.join(data, 'desk-hotfolder', 'old.jpg'),
    path.join(data, 'output', 'HS-1.pdf'),
    path.join(data, 'tmp', 'draft.pdf'),
  ])
    assert.equal(await exists(gone), false, `${gone} removed`);
  for (const kept of [
    s('open-session-1'),
    s('fresh-session'),
    path.join(data, 'scans', 'job-running'),
    path.join(data, 'scans', 'job-done-new'),
    path.join(data, 'desk-hotfolder', 'new.jpg'),
    path.join(data, 'exports', 'fresh-bag.zip'),
  ])
    assert.equal(await exists(kept), true, `${kept} kept`);
  assert.equal(await fs.readFile(path.join(outside, 'keep.txt'), 'utf8'), 'not the desk’s');

  const status = await j.status();
  const sessions = status.stores.find((x) => x.id === 'sessions');
  assert.deepEqual(sessions?.rule, { kind: 'days', days: DEFAULT_RETENTION.sessionDays });
  assert.equal(sessions?.files, 2, 'the two kept sessions’ pages');
  assert.equal(sessions?.removed?.files, 2, 'the old page and the link');
  assert.equal(status.lastSweepAt, NOW.toISOString());
  assert.equal(status.stores.find((x) => x.id === 'scans')?.removed?.files, 1);
});

test('the render cache keeps the most recently used pages within its cap', async (t) => {
  const { root, data } = await dataFolder();
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const dir = path.join(data, 'cache', 'pages');
  await fs.mkdir(dir, { recursive: true });
  const MB = 1024 * 1024;
  // Sparse files: sizes that count without writing them.
  for (const [name, daysAgo] of [
    ['a.png', 9],
    ['b.png', 1],
    ['c.png', 5],
  ] as const) {
    await fs.writeFile(path.join(dir, name), '');
    await fs.truncate(path.join(dir, name), 12 * MB);
    await age(path.join(dir, name), daysAgo);
  }
  const settings = { ...DEFAULT_RETENTION, renderCacheMb: 25 };
  await job(data, { settings: () => settings }).sweep();
  // 36 MB over a 25 MB cap: the least recently used page goes, the two others fit.
  assert.deepEqual((await fs.readdir(dir)).sort(), ['b.png', 'c.png']);
});

test('a batch’s originals go only when every record is archived and its upload confirmed', async (t) => {
  const { root, data } = await dataFolder();
  const archive = new Archive(path.join(data, 'archive.sqlite'));
  const blobs = new BlobStore(path.join(data, 'blobs'));
  const batches = openBatchDatabase(path.join(data, 'batches.sqlite'));
  t.after(() => {
    archive.close();
    batches.close();
    return fs.rm(root, { recursive: true, force: true });
  });
  await addQueuedRecord({ archive, blobs }, 1);
  await addQueuedRecord({ archive, blobs }, 2);
  const ids = archive.database
    .prepare('SELECT id FROM dossiers ORDER BY id')
    .pluck()
    .all() as number[];
  archive.database.prepare(`UPDATE outbox SET state = 'done' WHERE dossier_id = ?`).run(ids[0]);
  const batch = batches.prepare(
    `INSERT INTO batches (title, state, source, created_at, dossier_id) VALUES ('b', ?, 'files', '2027-01-01', ?)`,
  );
  const uploaded = Number(batch.run('done', ids[0]).lastInsertRowid);
  const pending = Number(batch.run('done', ids[1]).lastInsertRowid);
  const failed = Number(batch.run('failed', null).lastInsertRowid);
  // A separated batch: one document uploaded, one not archived at all.
  const separated = Number(batch.run('done', null).lastInsertRowid);
  const doc = batches.prepare(
    `INSERT INTO batch_records (batch_id, document, pages, grp, archive_id) VALUES (?, ?, 1, 0, ?)`,
  );
  doc.run(separated, 1, ids[0]);
  doc.run(separated, 2, null);
  for (const id of [uploaded, pending, failed, separated])
    await put(path.join(data, 'batches', String(id), 'inputs', 'scan.pdf'), 'original', 30);

  assert.deepEqual(releasableBatches(batches, archive.database), [uploaded]);
  const j = job(data, { releasableBatches: () => releasableBatches(batches, archive.database) });
  await j.sweep();
  const inputs = (id: number) => exists(path.join(data, 'batches', String(id), 'inputs'));
  assert.equal(await inputs(uploaded), false);
  for (const id of [pending, failed, separated]) assert.equal(await inputs(id), true);

  // The setting keeps them all.
  await put(path.join(data, 'batches', String(uploaded), 'inputs', 'scan.pdf'), 'again', 30);
  const keep = { ...DEFAULT_RETENTION, batchOriginals: 'keep' as const };
  await job(data, { settings: () => keep, releasableBatches: () => [uploaded] }).sweep();
  assert.equal(await inputs(uploaded), true);
});

test('a hot folder’s done/ is cleared by age, and refused when it is a link', async (t) => {
  const { root, data, outside } = await dataFolder();
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const inbox = path.join(root, 'share');
  await put(path.join(inbox, 'done', 'old.jpg'), 'scan', 40);
  await put(path.join(inbox, 'done', 'new.jpg'), 'scan', 2);
  const linked = path.join(root, 'share2');
  await fs.mkdir(linked);
  await put(path.join(outside, 'old.jpg'), 'the clerk’s own', 40);
  await fs.symlink(outside, path.join(linked, 'done'));

  const j = job(data, { hotFolderInboxes: () => [inbox, linked] });
  await j.sweep();
  assert.deepEqual(await fs.readdir(path.join(inbox, 'done')), ['new.jpg']);
  assert.equal(await fs.readFile(path.join(outside, 'old.jpg'), 'utf8'), 'the clerk’s own');
  const report = (await j.status()).stores.find((s) => s.id === 'hotFolderDone');
  assert.equal(report?.problem?.code, 'HOTFOLDER_LINK_REFUSED');
  assert.equal(report?.removed?.files, 1);
});

test('the job sweeps after start, reports it is sweeping, and stops with the core', async (t) => {
  const { root, data } = await dataFolder();
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  await put(path.join(data, 'tmp', 'draft.pdf'), 'half', 3);
  const j = job(data, { firstAfterMs: 10, everyMs: 60_000 });
  j.start();
  for (let i = 0; i < 100 && (await exists(path.join(data, 'tmp', 'draft.pdf'))); i++)
    await new Promise((r) => setTimeout(r, 20));
  assert.equal(await exists(path.join(data, 'tmp', 'draft.pdf')), false);
  await j.stop();
  await put(path.join(data, 'tmp', 'later.pdf'), 'half', 3);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(await exists(path.join(data, 'tmp', 'later.pdf')), true, 'no sweep after stop');
});
