// The reception's hot-folder feed on real folders and a real SQLite ledger: files written slowly
// and concurrently by other processes are staged once each, complete, and only then moved to
// done/; a broken one goes to error/ with its reason; the staged inbox survives a restart (and a
// copy cut short by one is dropped); taking hands files over in arrival order and removes only
// what was taken.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { ledgerFileIn } from '../../electron/core/acquire/hotFolderDriver';
import { HotFolderLedger } from '../../electron/core/acquire/hotFolderLedger';
import {
  FollowingFeed,
  ReceptionHotFolderFeed,
  receptionHotFolders,
  type StagedFile,
} from '../../electron/core/reception/hotFolderFeed';
import { writeSlowly } from '../helpers/slowWriter';

const FAST = { pollMs: 50, stablePolls: 2, stableMs: 300 };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A small distinct scan per seed (noise, so every hash differs). */
async function scan(seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(160 * 120 * 3);
  let s = seed * 7919 + 1;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = s & 0xff;
  }
  return sharp(raw, { raw: { width: 160, height: 120, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function setup() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-desk-hot-'));
  const inbox = path.join(root, 'quet');
  const data = path.join(root, 'data');
  await fs.mkdir(inbox);
  const options = {
    stagingDir: path.join(data, 'desk-hotfolder'),
    folders: [{ inbox, label: 'Máy quét quầy 1' }],
    ledgerFile: ledgerFileIn(data),
    tuning: FAST,
  };
  return { root, inbox, data, options };
}

test('files written slowly and at once are staged once each, complete, then moved to done/', async () => {
  const { root, inbox, options } = await setup();
  const feed = new ReceptionHotFolderFeed(options);
  try {
    await feed.start();
    const scans = await Promise.all([1, 2, 3, 4, 5].map(scan));
    const truncated = (await scan(9)).subarray(0, 2000);
    await Promise.all([
      ...scans.map((b, i) => writeSlowly(path.join(inbox, `trang-${i + 1}.jpg`), b, 4, 120)),
      writeSlowly(path.join(inbox, 'hong.jpg'), truncated, 2, 100),
      // The same content again under another name: never taken twice.
      writeSlowly(path.join(inbox, 'trang-1-lai.jpg'), scans[0]!, 2, 100),
    ]);
    const staged = await until('five staged files', async () => {
      const list = await feed.inbox();
      return list.length >= 5 ? list : null;
    });
    await until('the hot folder emptied', async () => {
      const left = (await fs.readdir(inbox)).filter((n) => n.endsWith('.jpg'));
      return left.length === 0 ? true : null;
    });
    // Settled: nothing more arrives.
    await new Promise((r) => setTimeout(r, 500));
    const final = await feed.inbox();
    assert.equal(final.length, 5);
    assert.deepEqual(
      new Set(final.map((f) => f.sha256)),
      new Set(scans.map(sha)),
      'every staged copy is exactly what was written',
    );
    assert.ok(final.every((f) => f.folder === 'Máy quét quầy 1' && f.pages === 1));
    assert.deepEqual(
      final.map((f) => f.arrivedAt),
      [...final.map((f) => f.arrivedAt)].sort(),
      'oldest first',
    );
    assert.ok(staged.every((f) => /^trang-\d(-lai)?\.jpg$/.test(f.name)));
    const done = (await fs.readdir(path.join(inbox, 'done'))).sort();
    assert.equal(done.filter((n) => n.startsWith('trang-')).length, 5);
    const errors = await fs.readdir(path.join(inbox, 'error'));
    assert.ok(errors.includes('hong.jpg'), `error/: ${errors.join(', ')}`);
    const reason = await fs.readFile(path.join(inbox, 'error', 'hong.jpg.ly-do.txt'), 'utf8');
    assert.match(reason, /Lý do: .+/);
    // Whichever of the two same-content files came second went to error/ as a duplicate.
    const twice = errors.filter((n) => n === 'trang-1.jpg' || n === 'trang-1-lai.jpg');
    assert.equal(twice.length, 1, `error/: ${errors.join(', ')}`);
    assert.match(
      await fs.readFile(path.join(inbox, 'error', `${twice[0]}.ly-do.txt`), 'utf8'),
      /HOTFOLDER_DUPLICATE/,
    );
    const ledger = new HotFolderLedger(options.ledgerFile, inbox);
    try {
      assert.deepEqual(ledger.counts(), { taken: 0, done: 5, failed: 1 });
    } finally {
      ledger.close();
    }
  } finally {
    await feed.close();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('the inbox survives a restart; a copy cut short is dropped; taking removes only what was used', async () => {
  const { root, inbox, options } = await setup();
  const a = await scan(11);
  const b = await scan(12);
  let feed = new ReceptionHotFolderFeed(options);
  try {
    await feed.start();
    // b arrives first; taking goes by name (scanners number their pages).
    await writeSlowly(path.join(inbox, 'b.jpg'), b, 3, 80);
    await until('b staged', async () => ((await feed.inbox()).length === 1 ? true : null));
    await writeSlowly(path.join(inbox, 'a.jpg'), a, 3, 80);
    await until('two staged', async () => ((await feed.inbox()).length === 2 ? true : null));
    await feed.close();
    // A stop in the middle of a copy leaves a half-written file and a file with no description.
    await fs.writeFile(path.join(options.stagingDir, '1700000000000-deadbeef.bin.tmp'), 'x');
    await fs.writeFile(path.join(options.stagingDir, '1700000000001-deadbeef.bin'), 'x');

    feed = new ReceptionHotFolderFeed(options);
    await feed.start();
    const list = await feed.inbox();
    assert.deepEqual(
      list.map((f) => f.name),
      ['b.jpg', 'a.jpg'],
      'the inbox lists them as they arrived',
    );
    assert.deepEqual(
      (await fs.readdir(options.stagingDir)).sort(),
      list.flatMap((f) => [`${f.id}.bin`, `${f.id}.json`]).sort(),
    );
    const [bEntry, aEntry] = list as [StagedFile, StagedFile];
    // Staging the same content again (stopped between the copy and done/) keeps one copy.
    assert.equal((await feed.stage('x', 'a-again.jpg', a)).id, aEntry.id);

    // A take that fails (the session cannot read) leaves the file in the inbox, and says where.
    const failed = await feed.take([bEntry.id], () => Promise.reject(new Error('session gone')));
    assert.deepEqual(failed, { results: [], stoppedAt: bEntry });
    assert.equal((await feed.inbox()).length, 2);

    const bytes = await feed.take([bEntry.id], (_f, data) => Promise.resolve(data));
    assert.equal(bytes.stoppedAt, null);
    assert.equal(sha(bytes.results[0]!), sha(b));
    assert.deepEqual(
      (await feed.inbox()).map((f) => f.name),
      ['a.jpg'],
    );
    // Taken already (another window): nothing to hand over.
    assert.deepEqual(await feed.take([bEntry.id], () => Promise.resolve(null)), {
      results: [],
      stoppedAt: null,
    });
    await feed.stage('Quầy 1', 'trang-10.jpg', await scan(13));
    await feed.stage('Quầy 1', 'trang-9.jpg', await scan(14));
    await feed.stage('Quầy 1', 'trang-11.jpg', await scan(15));
    // The session fails on the third file (a full disk): the first two are in the session and
    // answered; the third and the one after it still wait.
    const partial = await feed.take(undefined, (f) =>
      f.name === 'trang-10.jpg' ? Promise.reject(new Error('ENOSPC')) : Promise.resolve(f.name),
    );
    assert.deepEqual(partial.results, ['a.jpg', 'trang-9.jpg'], 'natural order of names');
    assert.equal(partial.stoppedAt?.name, 'trang-10.jpg');
    assert.deepEqual((await feed.inbox()).map((f) => f.name).sort(), [
      'trang-10.jpg',
      'trang-11.jpg',
    ]);
    const rest = await feed.take(undefined, (f) => Promise.resolve(f.name));
    assert.deepEqual(rest, { results: ['trang-10.jpg', 'trang-11.jpg'], stoppedAt: null });

    // The app closes while a file is being read into the session: close waits for that file,
    // and its staged copy stays (the window that would show its pages is gone).
    const last = await feed.stage('Quầy 1', 'trang-12.jpg', await scan(16));
    let release!: () => void;
    let entered!: () => void;
    const reading = new Promise<void>((resolve) => (release = resolve));
    const inHand = new Promise<void>((resolve) => (entered = resolve));
    const cut = feed.take(undefined, async (f) => {
      entered();
      await reading;
      return f.name;
    });
    await inHand;
    let closed = false;
    const closing = feed.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(closed, false, 'close waits for the file in hand');
    release();
    await closing;
    assert.deepEqual(await cut, { results: [], stoppedAt: last });
    assert.deepEqual((await fs.readdir(options.stagingDir)).sort(), [
      `${last.id}.bin`,
      `${last.id}.json`,
    ]);
  } finally {
    await feed.close();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('a folder that cannot be opened is named by its label (not its path) until it can', async () => {
  const { root, inbox, options } = await setup();
  const missing = path.join(root, 'o-mang-chua-noi');
  const feed = new ReceptionHotFolderFeed({
    ...options,
    folders: [{ inbox: missing, label: 'Ổ mạng quầy 2' }, ...options.folders],
    retryMs: 100,
  });
  try {
    await feed.start();
    const problems = await until('a problem', () =>
      Promise.resolve(feed.problems().length > 0 ? feed.problems() : null),
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.subject]),
      [['HOTFOLDER_UNREACHABLE', 'Ổ mạng quầy 2']],
    );
    assert.ok(!problems[0]!.message.vi.includes(root), 'no path in the message');
    // The share comes back: watched at the next try, the problem gone, its scans staged.
    await fs.mkdir(missing);
    await until('no problem', () => Promise.resolve(feed.problems().length === 0 ? true : null));
    await writeSlowly(path.join(missing, 'quay-2.jpg'), await scan(21), 2, 50);
    const staged = await until('staged', async () => {
      const list = await feed.inbox();
      return list.length === 1 ? list : null;
    });
    assert.equal(staged[0]!.folder, 'Ổ mạng quầy 2');
    assert.ok(inbox);
  } finally {
    await feed.close();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('a folder added in the settings is watched at the next look, without a restart', async () => {
  const { root, inbox, options } = await setup();
  let folders: { inbox: string; label?: string }[] = [];
  let made = 0;
  const feeds = new FollowingFeed(
    () => folders,
    (f) => {
      made++;
      return new ReceptionHotFolderFeed({ ...options, folders: f });
    },
  );
  try {
    assert.equal((await feeds.current()).folderCount, 0);
    await writeSlowly(path.join(inbox, 'truoc.jpg'), await scan(31), 2, 50);
    assert.equal((await feeds.current()).folderCount, 0, 'same settings, same feed');
    assert.equal(made, 1);
    folders = [{ inbox, label: 'Quầy 3' }];
    const feed = await feeds.current();
    assert.equal(feed.folderCount, 1);
    const staged = await until('the file written before, staged', async () => {
      const list = await feed.inbox();
      return list.length === 1 ? list : null;
    });
    assert.equal(staged[0]!.folder, 'Quầy 3');
    // Renamed: a new feed on the same folder (the old one let go of it first); the inbox stays.
    folders = [{ inbox, label: 'Quầy ba' }];
    const renamed = await feeds.current();
    assert.notEqual(renamed, feed);
    assert.equal((await renamed.inbox()).length, 1);
    await writeSlowly(path.join(inbox, 'sau.jpg'), await scan(32), 2, 50);
    await until('the next file under the new name', async () => {
      const list = await renamed.inbox();
      return list.some((f) => f.name === 'sau.jpg' && f.folder === 'Quầy ba') ? true : null;
    });
    assert.equal(made, 3);
  } finally {
    await feeds.close();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('which folders feed the reception: Settings target reception, and the environment unless sent to batches', () => {
  const saved = [
    { path: '/srv/quet/quay1', label: 'Quầy 1', target: 'reception' as const },
    { path: '/srv/quet/kho', label: '', target: 'batch' as const },
  ];
  const env = [{ inbox: '/srv/quet/kho' }, { inbox: '/srv/quet/may-rieng' }];
  assert.deepEqual(receptionHotFolders(saved, env), [
    { inbox: '/srv/quet/quay1', label: 'Quầy 1' },
    { inbox: '/srv/quet/may-rieng' },
  ]);
  assert.deepEqual(receptionHotFolders([], []), []);
});
