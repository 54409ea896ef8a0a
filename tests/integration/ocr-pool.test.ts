// The OCR pool with real tesseract.js workers: a page that runs too long or is cancelled costs
// only its worker, workers are replaced after their quota of pages, and every later page is read.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, before, after } from 'node:test';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openImageFile } from '../../electron/core/imaging/loadPage';
import type { PreparedPage } from '../../electron/core/imaging/preparePage';
import { createTesseractPool, OcrTimeoutError } from '../../electron/core/ocr/tesseractPool';

let langDir: string;
let page: PreparedPage;
const LINE = 'Phường Đống Đa';

before(async () => {
  langDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-pool-')), 'tessdata');
  const png = await renderPage({
    lines: [LINE],
    widthMm: 90,
    heightMm: 50,
    dpi: 200,
    format: 'png',
  });
  page = await (await openImageFile('dong.png', png)).page(0);
});

const read = (pool: Awaited<ReturnType<typeof createTesseractPool>>, signal?: AbortSignal) =>
  pool.recognize(page.ocr, page.widthPx, page.heightPx, { dpi: page.dpi, signal });

test('workers are replaced after their quota and every page is still read', async () => {
  const pool = await createTesseractPool({ langDir, size: 1, pagesPerWorker: 2 });
  try {
    for (let i = 0; i < 5; i++) assert.match((await read(pool)).text, /Đống Đa/);
  } finally {
    await pool.close();
  }
});

test('a batch-long signal holds no listener once its pages are read (they would keep the images)', async () => {
  const pool = await createTesseractPool({ langDir, size: 1 });
  try {
    const batch = new AbortController();
    await Promise.all([
      read(pool, batch.signal),
      read(pool, batch.signal),
      read(pool, batch.signal),
    ]);
    assert.equal(getEventListeners(batch.signal, 'abort').length, 0);
  } finally {
    await pool.close();
  }
});

test('a page past its time limit fails with a timeout, and the next page is read', async () => {
  const pool = await createTesseractPool({ langDir, size: 1, pageTimeoutMs: 1 });
  try {
    await assert.rejects(read(pool), OcrTimeoutError);
  } finally {
    await pool.close();
  }
  const patient = await createTesseractPool({ langDir, size: 1 });
  try {
    assert.match((await read(patient)).text, /Đống Đa/);
  } finally {
    await patient.close();
  }
});

test('cancelling a queued and a running page rejects both; the pool goes on', async () => {
  const pool = await createTesseractPool({ langDir, size: 1 });
  try {
    const cancel = new AbortController();
    const running = read(pool, cancel.signal);
    const queued = read(pool, cancel.signal);
    setTimeout(() => cancel.abort(), 50);
    await assert.rejects(running, (e: Error) => e.name === 'AbortError');
    await assert.rejects(queued, (e: Error) => e.name === 'AbortError');
    assert.match((await read(pool)).text, /Đống Đa/);
  } finally {
    await pool.close();
  }
});

after(async () => {
  await fs.rm(path.dirname(langDir), { recursive: true, force: true });
});
