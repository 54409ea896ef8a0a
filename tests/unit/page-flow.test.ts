// The page flow streams: it never reads more than its window of files ahead of what the PDF
// writer has taken, keeps input order, and one bad file fails alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { runPageFlow, type FlowPage } from '../../electron/core/pipeline/pageFlow';
import type { OcrEngine } from '../../electron/core/ocr/types';

/** Blank paper: flagged blank, so no OCR runs and the test stays fast. */
async function blankPage(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 560, channels: 3, background: '#fdfdfb' } })
    .withMetadata({ density: 100 })
    .png()
    .toBuffer();
}

const noOcr = (): Promise<OcrEngine> =>
  Promise.reject(new Error('OCR must not run on blank pages'));

test('at most `window` pages are read ahead of the writer, in input order', async () => {
  const png = await blankPage();
  const WINDOW = 3;
  let reads = 0;
  let maxAhead = 0;
  const taken: string[] = [];
  const sources = Array.from({ length: 40 }, (_, i) => ({
    name: `trang-${String(i + 1).padStart(2, '0')}.png`,
    read: () => {
      reads++;
      return Promise.resolve(png);
    },
  }));
  const result = await runPageFlow(sources, {
    ocr: noOcr,
    prepare: { deskew: true, cropEdges: true },
    window: WINDOW,
    consume: (page: FlowPage) => {
      maxAhead = Math.max(maxAhead, reads - taken.length);
      taken.push(page.sourceName);
      assert.equal(page.analysis.blank, true);
      return Promise.resolve();
    },
  });
  assert.equal(result.pages, 40);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(
    taken,
    sources.map((s) => s.name),
  );
  assert.ok(maxAhead <= WINDOW, `read ${maxAhead} files ahead of the writer`);
});

test('a bad file among good ones fails alone, and progress counts every page', async () => {
  const png = await blankPage();
  const events: string[] = [];
  const taken: string[] = [];
  const result = await runPageFlow(
    [
      { name: 'a.png', read: () => Promise.resolve(png) },
      { name: 'hong.png', read: () => Promise.resolve(Buffer.from('không phải ảnh')) },
      {
        name: 'mat.png',
        read: () => Promise.reject(Object.assign(new Error(), { code: 'ENOENT' })),
      },
      { name: 'b.png', read: () => Promise.resolve(png) },
    ],
    {
      ocr: noOcr,
      prepare: {},
      window: 2,
      onProgress: (e) => events.push(`${e.done}/${e.total}`),
      consume: (page) => {
        taken.push(page.sourceName);
        return Promise.resolve();
      },
    },
  );
  assert.deepEqual(taken, ['a.png', 'b.png']);
  assert.deepEqual(
    result.errors.map((e) => [e.code, e.subject]),
    [
      ['FILE_NOT_IMAGE', 'hong.png'],
      ['FILE_NOT_FOUND', 'mat.png'],
    ],
  );
  assert.equal(events.at(-1), '2/2');
});

test('cancelling stops the flow with the abort reason', async () => {
  const png = await blankPage();
  const cancel = new AbortController();
  let taken = 0;
  await assert.rejects(
    runPageFlow(
      Array.from({ length: 20 }, (_, i) => ({
        name: `${i}.png`,
        read: () => Promise.resolve(png),
      })),
      {
        ocr: noOcr,
        prepare: {},
        window: 2,
        signal: cancel.signal,
        consume: () => {
          if (++taken === 3) cancel.abort();
          return Promise.resolve();
        },
      },
    ),
    (e: Error) => e.name === 'AbortError',
  );
  assert.ok(taken < 20);
});
