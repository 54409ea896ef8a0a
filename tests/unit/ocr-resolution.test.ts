// A page scanned finer than 250 dpi is read at 200, and its words come back where they are on the
// page as given: the engine sees the reduced copy, the caller never does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toPgm } from '../../electron/core/imaging/grey';
import { createWorkerPool, type PageJob } from '../../electron/core/ocr/workerPool';
import type { Box, OcrPage } from '../../electron/core/ocr/types';

/** A white page with one black bar where a word would be. */
function pageWithBar(width: number, height: number, bar: Box): Buffer {
  const data = Buffer.alloc(width * height, 255);
  for (let y = bar.y0; y < bar.y1; y++) data.fill(0, y * width + bar.x0, y * width + bar.x1);
  return toPgm({ width, height, data });
}

/** Parses the PGM the worker got and reports the dark pixels' bounding box as the one word. */
function darkBox(job: PageJob): Box {
  const header = `P5\n${job.widthPx} ${job.heightPx}\n255\n`;
  assert.equal(job.image.subarray(0, header.length).toString('latin1'), header, 'a grey PGM');
  const px = job.image.subarray(header.length);
  const box = { x0: Infinity, y0: Infinity, x1: -1, y1: -1 };
  for (let y = 0; y < job.heightPx; y++)
    for (let x = 0; x < job.widthPx; x++)
      if (px[y * job.widthPx + x]! < 128) {
        box.x0 = Math.min(box.x0, x);
        box.y0 = Math.min(box.y0, y);
        box.x1 = Math.max(box.x1, x + 1);
        box.y1 = Math.max(box.y1, y + 1);
      }
  return box;
}

function recordingPool() {
  const jobs: PageJob[] = [];
  const pool = createWorkerPool<object>(
    {
      start: () => Promise.resolve({}),
      read(_w, job): Promise<OcrPage> {
        jobs.push(job);
        const box = darkBox(job);
        return Promise.resolve({
          text: 'Hà Nội',
          confidence: 90,
          lines: [{ box, words: [{ text: 'Hà Nội', box, confidence: 90 }] }],
          widthPx: job.widthPx,
          heightPx: job.heightPx,
        });
      },
      stop: () => Promise.resolve(),
      pagesPerWorker: Infinity,
    },
    { size: 1, pageTimeoutMs: 10_000 },
  );
  return { pool, jobs };
}

test('a 300 dpi page is read at 200 dpi and its words land where they are on the page', async () => {
  const { pool, jobs } = recordingPool();
  const bar = { x0: 600, y0: 900, x1: 1500, y1: 960 };
  try {
    const page = await pool.recognize(pageWithBar(2480, 3508, bar), 2480, 3508, { dpi: 300 });
    const job = jobs[0]!;
    assert.equal(job.widthPx, 1653);
    assert.equal(job.heightPx, 2339);
    assert.ok(Math.abs(job.dpi! - 200) < 0.5, `read at ${job.dpi} dpi`);
    assert.deepEqual([page.widthPx, page.heightPx], [2480, 3508]);
    const box = page.lines[0]!.words[0]!.box;
    for (const k of ['x0', 'y0', 'x1', 'y1'] as const)
      assert.ok(Math.abs(box[k] - bar[k]) <= 3, `${k}: ${box[k]} for ${bar[k]}`);
  } finally {
    await pool.close();
  }
});

test('a 200 dpi page, and an image that is not a plain PGM, are read as given', async () => {
  const { pool, jobs } = recordingPool();
  try {
    const pgm = pageWithBar(1654, 2339, { x0: 100, y0: 100, x1: 400, y1: 140 });
    await pool.recognize(pgm, 1654, 2339, { dpi: 200 });
    assert.equal(jobs[0]!.image, pgm);
    // The right size but another header (a 16-bit PGM): left for the engine to read itself.
    const other = Buffer.from(pgm);
    other.write('P5\n1654 2339\n254\n', 'latin1');
    await pool.recognize(other, 1654, 2339, { dpi: 300 }).catch(() => undefined);
    assert.equal(jobs.at(-1)?.image ?? other, other);
  } finally {
    await pool.close();
  }
});
