// The ledger survives a restart: the same content dropped again is never taken twice, and files a
// crash left in the work folder are finished by what the ledger says (moved, not re-handled, when
// done; handled once more when their handler never finished).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { HotFolder, REASON_SUFFIX, workDirOf } from '../../electron/core/acquire/hotFolder';
import { HotFolderLedger } from '../../electron/core/acquire/hotFolderLedger';
import { SohoaError } from '../../shared/errors';

const FAST = { pollMs: 60, stablePolls: 2, stableMs: 250 };

async function scan(shade: number): Promise<Buffer> {
  return sharp({
    create: { width: 120, height: 90, channels: 3, background: { r: shade, g: 40, b: 90 } },
  })
    .jpeg()
    .toBuffer();
}

test('restart: nothing is taken twice, and a crash mid-way is finished by the ledger', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-hot-restart-'));
  const inbox = path.join(root, 'inbox');
  const ledgerFile = path.join(root, 'data', 'hotfolder.sqlite');
  await fs.mkdir(inbox);
  const handled: string[] = [];
  const run = async (setup?: () => Promise<void>) => {
    const ledger = new HotFolderLedger(ledgerFile, inbox);
    const hot = new HotFolder({
      inbox,
      ledger,
      ...FAST,
      handle: (f) => {
        handled.push(f.name);
        return Promise.resolve();
      },
    });
    try {
      await setup?.();
      await hot.start();
      await hot.idle();
      return hot.status();
    } finally {
      await hot.stop();
      ledger.close();
    }
  };
  try {
    const a = await scan(10);
    const b = await scan(20);
    await fs.writeFile(path.join(inbox, 'a.jpg'), a);
    await fs.writeFile(path.join(inbox, 'b.jpg'), b);
    await run();
    assert.deepEqual(handled.sort(), ['a.jpg', 'b.jpg']);

    // Second run, new process state, same ledger file: the scanner sends a.jpg's content again
    // under another name, and a crash left two files in the work folder.
    handled.length = 0;
    await fs.writeFile(path.join(inbox, 'a-again.jpg'), a);
    const c = await scan(30);
    const d = await scan(40);
    const work = workDirOf(inbox);
    await fs.mkdir(work, { recursive: true });
    await fs.writeFile(path.join(work, 'c.jpg'), c);
    await fs.writeFile(path.join(work, 'd.jpg'), d);
    // Another desk's file in progress on the same share: never touched by this one.
    const other = workDirOf(inbox, 'BAN-2');
    await fs.mkdir(other, { recursive: true });
    await fs.writeFile(path.join(other, 'e.jpg'), await scan(50));
    const status = await run(async () => {
      // c.jpg was handled and recorded done just before the crash; d.jpg was taken, not finished.
      const ledger = new HotFolderLedger(ledgerFile, inbox);
      const { createHash } = await import('node:crypto');
      const h = (x: Buffer) => createHash('sha256').update(x).digest('hex');
      const cEntry = ledger.take('c.jpg', h(c), c.length, new Date());
      ledger.finish(cEntry!.id, 'done', null, new Date());
      ledger.take('d.jpg', h(d), d.length, new Date());
      ledger.close();
    });
    assert.deepEqual(handled, ['d.jpg'], 'only the unfinished take is handled again');
    assert.deepEqual(await fs.readdir(other), ['e.jpg']);
    assert.deepEqual((await fs.readdir(path.join(inbox, 'done'))).sort(), [
      'a.jpg',
      'b.jpg',
      'c.jpg',
      'd.jpg',
    ]);
    const reason = await fs.readFile(
      path.join(inbox, 'error', 'a-again.jpg' + REASON_SUFFIX),
      'utf8',
    );
    assert.match(reason, /HOTFOLDER_DUPLICATE/);
    assert.match(reason, /đã được nhận trước đó/);
    assert.ok(status.feed.some((e) => e.kind === 'duplicate' && e.name === 'a-again.jpg'));

    // One watcher per folder per machine; a lock left by a dead process is taken over.
    const first = new HotFolderLedger(ledgerFile, inbox);
    const one = new HotFolder({ inbox, ledger: first, ...FAST, handle: () => Promise.resolve() });
    await one.start();
    const two = new HotFolder({ inbox, ledger: first, ...FAST, handle: () => Promise.resolve() });
    await assert.rejects(
      two.start(),
      (e: unknown) => e instanceof SohoaError && e.code === 'HOTFOLDER_BUSY',
    );
    await one.stop();
    first.close();
    await fs.writeFile(path.join(workDirOf(inbox), '.khoa'), '2147483646');

    // Third run: nothing new, nothing handled.
    handled.length = 0;
    await run();
    assert.deepEqual(handled, []);
    const ledger = new HotFolderLedger(ledgerFile, inbox);
    assert.deepEqual(ledger.counts(), { taken: 0, done: 4, failed: 0 });
    ledger.close();
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});
