// The hot folder under real concurrent writers: child processes write scans in chunks with pauses
// (as a scanner writing over SMB does), many at once, one writes a temporary name and renames it
// in, and broken files land in error/ with a reason. Every good file must be taken exactly once,
// and only complete: the bytes handed on hash to what the writer meant to write.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import {
  HotFolder,
  HotFolderRelease,
  REASON_SUFFIX,
  WORK_DIR_NAME,
  type TakenFile,
} from '../../electron/core/acquire/hotFolder';
import { HotFolderLedger } from '../../electron/core/acquire/hotFolderLedger';

/** Writes argv[2] (a source file) to argv[1] in argv[3] chunks, argv[4] ms apart, fd kept open. */
const WRITER = `
const fs = require('node:fs');
const [target, source, chunks, pause, finalName] = process.argv.slice(1);
const data = fs.readFileSync(source);
const fd = fs.openSync(target, 'w');
const step = Math.ceil(data.length / Number(chunks));
let at = 0;
const tick = () => {
  if (at >= data.length) { fs.closeSync(fd); if (finalName) fs.renameSync(target, finalName); return; }
  fs.writeSync(fd, data, at, Math.min(step, data.length - at));
  at += step;
  setTimeout(tick, Number(pause));
};
tick();
`;

function writeSlowly(
  target: string,
  source: string,
  chunks: number,
  pauseMs: number,
  finalName?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['-e', WRITER, target, source, String(chunks), String(pauseMs)];
    if (finalName) args.push(finalName);
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exit ${code}`))));
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function scan(seed: number): Promise<Buffer> {
  // Distinct, incompressible-ish content per file so every hash differs.
  const raw = Buffer.alloc(240 * 180 * 3);
  let s = seed * 7919 + 1;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = s & 0xff;
  }
  return sharp(raw, { raw: { width: 240, height: 180, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function tmpDirs() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-hot-'));
  const inbox = path.join(root, 'inbox');
  const sources = path.join(root, 'src');
  await fs.mkdir(inbox);
  await fs.mkdir(sources);
  return { root, inbox, sources, ledgerFile: path.join(root, 'data', 'hotfolder.sqlite') };
}

const FAST = { pollMs: 80, stablePolls: 2, stableMs: 500 };

test('many slow concurrent writers: each file taken once, complete; broken files go to error/ with a reason', async (t) => {
  const { root, inbox, sources, ledgerFile } = await tmpDirs();
  const ledger = new HotFolderLedger(ledgerFile, inbox);
  const taken: { name: string; sha: string }[] = [];
  const hot = new HotFolder({
    inbox,
    ledger,
    ...FAST,
    concurrency: 3,
    handle: async (file: TakenFile) => {
      taken.push({ name: file.name, sha: sha(await file.read()) });
    },
  });
  await hot.start();
  try {
    const expected = new Map<string, string>();
    const writers: Promise<void>[] = [];
    for (let i = 0; i < 12; i++) {
      const data = await scan(i);
      const src = path.join(sources, `s${i}.jpg`);
      await fs.writeFile(src, data);
      const name = `scan_${String(i).padStart(4, '0')}.jpg`;
      expected.set(name, sha(data));
      // Pauses shorter than the stability window, total writing time well beyond it.
      writers.push(writeSlowly(path.join(inbox, name), src, 8, 150 + (i % 3) * 60));
    }
    // Written under a temporary name the hot folder ignores, then renamed in whole.
    const renamed = await scan(100);
    await fs.writeFile(path.join(sources, 'r.jpg'), renamed);
    expected.set('renamed-in.jpg', sha(renamed));
    writers.push(
      writeSlowly(
        path.join(inbox, 'renamed-in.jpg.part'),
        path.join(sources, 'r.jpg'),
        5,
        200,
        path.join(inbox, 'renamed-in.jpg'),
      ),
    );
    // Broken files: a JPEG cut off mid-way, and a "PDF" that is not one.
    const cut = await scan(200);
    await fs.writeFile(path.join(inbox, 'cut-short.jpg'), cut.subarray(0, cut.length >> 1));
    await fs.writeFile(path.join(inbox, 'not-a-scan.pdf'), 'this is not a PDF at all');
    await Promise.all(writers);
    await hot.idle();

    assert.equal(taken.length, expected.size, `taken: ${taken.map((t) => t.name).join(', ')}`);
    for (const t of taken) assert.equal(t.sha, expected.get(t.name), `${t.name} taken incomplete`);
    assert.deepEqual(new Set(taken.map((t) => t.name)), new Set(expected.keys()));
    const done = (await fs.readdir(path.join(inbox, 'done'))).sort();
    assert.deepEqual(done, [...expected.keys()].sort());
    const errors = (await fs.readdir(path.join(inbox, 'error'))).sort();
    assert.deepEqual(errors, [
      'cut-short.jpg',
      'cut-short.jpg' + REASON_SUFFIX,
      'not-a-scan.pdf',
      'not-a-scan.pdf' + REASON_SUFFIX,
    ]);
    const reason = await fs.readFile(
      path.join(inbox, 'error', 'cut-short.jpg' + REASON_SUFFIX),
      'utf8',
    );
    assert.match(reason, /HOTFOLDER_TRUNCATED/);
    assert.match(reason, /Lý do: Tệp "cut-short.jpg" bị cắt cụt/);
    assert.match(reason, /Reason: File "cut-short.jpg" is cut short/);
    const notPdf = await fs.readFile(
      path.join(inbox, 'error', 'not-a-scan.pdf' + REASON_SUFFIX),
      'utf8',
    );
    assert.match(notPdf, /FILE_NOT_IMAGE/);
    // Nothing left behind in the inbox or the work folder.
    assert.deepEqual(
      (await fs.readdir(inbox)).filter((n) => !['done', 'error', WORK_DIR_NAME].includes(n)),
      [],
    );
    assert.deepEqual(
      (await fs.readdir(hot.workDir)).filter((n) => n !== '.khoa'),
      [],
    );
    assert.deepEqual(ledger.counts(), { taken: 0, done: 13, failed: 2 });
    const feed = hot.status().feed;
    // How often a file looked stable while its writer was only paused (then it was put back).
    t.diagnostic(`put back while still being written: ${hot.status().putBack}`);
    assert.equal(feed.filter((e) => e.kind === 'done').length, 13);
    assert.equal(feed.filter((e) => e.kind === 'error').length, 2);
  } finally {
    await hot.stop();
    ledger.close();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('a failing handler sends the file to error/ with a reason; a released file goes back untaken', async () => {
  const { root, inbox, ledgerFile } = await tmpDirs();
  const ledger = new HotFolderLedger(ledgerFile, inbox);
  let release = true;
  const hot = new HotFolder({
    inbox,
    ledger,
    ...FAST,
    emptyTimeoutMs: 600,
    handle: (file) => {
      if (file.name.startsWith('boom')) return Promise.reject(new Error('pipeline exploded'));
      if (release) {
        release = false;
        return Promise.reject(new HotFolderRelease());
      }
      return Promise.resolve();
    },
  });
  await fs.writeFile(path.join(inbox, 'empty.jpg'), '');
  await fs.writeFile(path.join(inbox, 'boom.jpg'), await scan(1));
  await fs.writeFile(path.join(inbox, 'ok.jpg'), await scan(2));
  await hot.start();
  try {
    await hot.idle();
    assert.deepEqual(await fs.readdir(path.join(inbox, 'done')), ['ok.jpg']);
    const reason = await fs.readFile(path.join(inbox, 'error', 'boom.jpg' + REASON_SUFFIX), 'utf8');
    assert.match(reason, /HOTFOLDER_HANDLER_FAILED/);
    // A file that stayed empty: the scanner gave up on it.
    const empty = await fs.readFile(path.join(inbox, 'error', 'empty.jpg' + REASON_SUFFIX), 'utf8');
    assert.match(empty, /FILE_EMPTY/);
    const kinds = hot
      .status()
      .feed.filter((e) => e.name === 'ok.jpg')
      .map((e) => e.kind)
      .reverse();
    // Released once, then taken again and done: the ledger forgot the released take.
    assert.deepEqual(kinds, ['taken', 'released', 'taken', 'done']);
  } finally {
    await hot.stop();
    ledger.close();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test(
  'a writer that pauses longer than the stability window, file still open, is waited for (Linux)',
  { skip: process.platform !== 'linux' && 'Windows locks the file instead (rename fails)' },
  async () => {
    const { root, inbox, sources, ledgerFile } = await tmpDirs();
    const ledger = new HotFolderLedger(ledgerFile, inbox);
    const taken: string[] = [];
    const hot = new HotFolder({
      inbox,
      ledger,
      pollMs: 60,
      stablePolls: 2,
      stableMs: 250,
      handle: async (file) => {
        taken.push(sha(await file.read()));
      },
    });
    await hot.start();
    try {
      const data = await scan(300);
      await fs.writeFile(path.join(sources, 'p.jpg'), data);
      // Three chunks 900 ms apart: the file holds still for far longer than 250 ms, twice.
      await writeSlowly(path.join(inbox, 'paused.jpg'), path.join(sources, 'p.jpg'), 3, 900);
      await hot.idle();
      assert.deepEqual(taken, [sha(data)], 'taken once, whole');
    } finally {
      await hot.stop();
      ledger.close();
      await fs.rm(root, { recursive: true, force: true });
    }
  },
);
