// What runs on a core stops before the core does: close() awaits the registered stops, the last
// registered first, while the archive is still open; a stop that fails does not keep the archive
// open or the other stops from running, and its error still reaches the caller.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openCore } from '../../electron/core/pipeline/core';

test('close() runs the stops last-registered first, with the archive open, then closes it', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-core-close-'));
  try {
    const core = await openCore({ dataDir });
    const order: string[] = [];
    const stop =
      (name: string, fail = false) =>
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        // The archive still answers while work stops (e.g. a batch marks itself queued again).
        core.archive.listRecords();
        order.push(name);
        if (fail) throw new Error(`${name} failed`);
      };
    core.onClose(stop('batch queue'));
    core.onClose(stop('uploader', true));
    core.onClose(stop('hot folders'));
    await assert.rejects(core.close(), /uploader failed/);
    assert.deepEqual(order, ['hot folders', 'uploader', 'batch queue']);
    // The archive is closed despite the failure.
    assert.throws(() => core.archive.listRecords());
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
