// A hot folder pointed at the batch queue: scans written into it become a batch per burst (the
// batch is queued after a quiet spell), run through the real pipeline; the wiring from Settings
// (target "batch") starts watching when the desk opens and stops when it closes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { HotFolderDriver, ledgerFileIn } from '../../electron/core/acquire/hotFolderDriver';
import { DEFAULT_SCAN_SETTINGS } from '../../electron/core/acquire/source';
import { createBatchHandlers } from '../../electron/core/api/batchHandlers';
import { handlerContext } from '../../electron/core/api/context';
import { BatchQueue } from '../../electron/core/batch/queue';
import { openCore } from '../../electron/core/pipeline/core';
import { saveSettings } from '../../electron/core/settings/store';
import { DEFAULT_SETTINGS } from '../../shared/settings';

let work: string;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-batch-hot-'));
});

/** A blank sheet; each one a little different, as the hot folder never takes the same scan twice. */
function sheet(n: number): Promise<Buffer> {
  return sharp({
    create: { width: 300, height: 420, channels: 3, background: { r: 250, g: 250, b: 240 + n } },
  })
    .withMetadata({ density: 100 })
    .png()
    .toBuffer();
}

after(() => fs.rmSync(work, { recursive: true, force: true }));

async function until(ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('each burst of scans in the hot folder becomes one batch, queued after a quiet spell', async () => {
  const inbox = path.join(work, 'inbox');
  fs.mkdirSync(inbox);
  const core = await openCore({ dataDir: path.join(work, 'data'), ocrWorkers: 1 });
  const queue = new BatchQueue(core);
  const driver = new HotFolderDriver([{ inbox }], ledgerFileIn(core.paths.root), {
    pollMs: 40,
    stableMs: 80,
    stablePolls: 2,
  });
  queue.feed(
    'Máy quét tầng 2',
    (signal) => driver.acquire(inbox, DEFAULT_SCAN_SETTINGS, { signal }),
    3000,
  );
  try {
    fs.writeFileSync(path.join(inbox, 'scan-001.png'), await sheet(1));
    fs.writeFileSync(path.join(inbox, 'scan-002.png'), await sheet(2));
    await until(() => queue.list(10).batches.some((b) => b.state === 'done'));
    const first = queue.list(10).batches[0]!;
    assert.match(first.title, /^Máy quét tầng 2 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    assert.equal(first.pagesDone, 2);
    assert.deepEqual(
      queue.detail(first.id).files.map((f) => f.name),
      ['scan-001.png', 'scan-002.png'],
    );
    // The scans left the inbox only once copied into the batch.
    await until(() => !fs.existsSync(path.join(inbox, 'scan-002.png')));

    fs.writeFileSync(path.join(inbox, 'scan-003.png'), await sheet(3));
    await until(() => queue.list(10).batches.filter((b) => b.state === 'done').length === 2);
    assert.equal(queue.list(10).batches[0]!.files, 1);
  } finally {
    await queue.close();
    await core.close();
  }
});

test('Settings with a hot folder targeted at batches: the desk watches it while open', async () => {
  const dataDir = path.join(work, 'wired');
  const inbox = path.join(work, 'inbox-2');
  fs.mkdirSync(inbox);
  const saved = saveSettings(
    { dataDir, keysDir: path.join(dataDir, 'keys') },
    {
      ...DEFAULT_SETTINGS,
      hotFolders: [{ path: inbox, label: 'Phòng lưu trữ', target: 'batch' }],
    },
  );
  assert.deepEqual(saved, { ok: true });
  const core = await openCore({ dataDir, ocrWorkers: 1 });
  createBatchHandlers(handlerContext(core));
  const active = new HotFolderDriver([], '').active;
  await until(() => active.has(inbox));
  await core.close();
  assert.equal(active.has(inbox), false);
});
