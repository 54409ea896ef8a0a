// The hot folder through the one source interface (SourceDriver): files stream out as they become
// complete; a file is done once the consumer asks for the next; stopping hands back the file in
// hand, which is taken again by the next acquisition, not lost and not doubled.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { HotFolderDriver } from '../../electron/core/acquire/hotFolderDriver';
import { HotFolderLedger } from '../../electron/core/acquire/hotFolderLedger';
import { DEFAULT_SCAN_SETTINGS } from '../../electron/core/acquire/source';

const png = (r: number) =>
  sharp({ create: { width: 40, height: 40, channels: 3, background: { r, g: 9, b: 9 } } })
    .png()
    .toBuffer();

test('hot folder as a SourceDriver: streamed, acknowledged by the next pull, released on stop', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-hot-driver-'));
  const inbox = path.join(root, 'scans');
  await fs.mkdir(inbox);
  const ledgerFile = path.join(root, 'hotfolder.sqlite');
  const driver = new HotFolderDriver([{ inbox, label: 'Máy quét' }], ledgerFile, {
    pollMs: 50,
    stableMs: 200,
  });
  try {
    const devices = await driver.listDevices();
    assert.deepEqual(devices, [{ id: inbox, kind: 'hotfolder', name: 'Máy quét' }]);
    assert.deepEqual((await driver.capabilities()).sources, ['feeder']);

    await fs.writeFile(path.join(inbox, 'a.png'), await png(1));
    const got: string[] = [];
    const progress: number[] = [];
    const stream = driver.acquire(devices[0]!.id, DEFAULT_SCAN_SETTINGS, {
      onProgress: (p) => progress.push(p.pagesDone),
    });
    for await (const page of stream) {
      got.push(`${page.index}:${page.name}:${(await page.read()).length > 0}`);
      assert.ok(driver.active.has(inbox), 'the status feed sees the folder being watched');
      if (got.length === 1) await fs.writeFile(path.join(inbox, 'b.png'), await png(2));
      // The consumer stops while holding b.png: it must go back to the folder, untaken.
      if (got.length === 2) break;
    }
    assert.deepEqual(got, ['0:a.png:true', '1:b.png:true']);
    assert.deepEqual(progress, [1]);
    assert.equal(driver.active.size, 0);
    assert.deepEqual(await fs.readdir(path.join(inbox, 'done')), ['a.png']);
    assert.ok((await fs.readdir(inbox)).includes('b.png'), 'b.png handed back');
    const ledger = new HotFolderLedger(ledgerFile, inbox);
    assert.deepEqual(ledger.counts(), { taken: 0, done: 1, failed: 0 });
    ledger.close();

    // The next acquisition takes b.png (once) and never a.png again.
    const again = new AbortController();
    const second: string[] = [];
    for await (const page of driver.acquire(inbox, DEFAULT_SCAN_SETTINGS, {
      signal: again.signal,
    })) {
      second.push(page.name);
      setTimeout(() => again.abort(), 300);
    }
    assert.deepEqual(second, ['b.png']);
    assert.deepEqual((await fs.readdir(path.join(inbox, 'done'))).sort(), ['a.png', 'b.png']);

    const unknown = async () => {
      for await (const p of driver.acquire('/nope', DEFAULT_SCAN_SETTINGS)) void p;
    };
    await assert.rejects(unknown(), /not configured/);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});
