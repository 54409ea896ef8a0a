// The counter shares the core's OCR pool with batches: a page someone is waiting for goes ahead
// of every queued batch page (behind the one a worker already holds), with real workers.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openImageFile } from '../../electron/core/imaging/loadPage';
import { createTesseractPool } from '../../electron/core/ocr/tesseractPool';

test('an interactive page overtakes queued batch pages; every page is counted once', async () => {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-priority-'));
  const pool = await createTesseractPool({ langDir: path.join(work, 'tessdata'), size: 1 });
  try {
    const png = await renderPage({ lines: ['Phường Đống Đa'], widthMm: 90, heightMm: 40 });
    const page = await (await openImageFile('p.png', png)).page(0);
    const finished: string[] = [];
    const read = (name: string, priority: 'interactive' | 'batch') =>
      pool
        .recognize(page.ocr, page.widthPx, page.heightPx, { dpi: page.dpi, priority })
        .then((r) => {
          assert.match(r.text, /Đống Đa/);
          finished.push(name);
        });
    const jobs = [read('b1', 'batch'), read('b2', 'batch'), read('b3', 'batch')];
    jobs.push(read('desk', 'interactive'));
    await Promise.all(jobs);
    // The desk's page came last but only a page already on the worker (b1, if the worker was up)
    // may finish before it; the queued batch pages keep their own order behind it.
    assert.deepEqual(finished.slice(-2), ['b2', 'b3']);
    assert.ok(finished.indexOf('desk') <= 1, finished.join(' '));
    assert.deepEqual(pool.stats(), { recognitions: 4, queued: 0 });
  } finally {
    await pool.close();
    await fs.rm(work, { recursive: true, force: true });
  }
});
