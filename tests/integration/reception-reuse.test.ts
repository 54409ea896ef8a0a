// Signing at the counter reuses what the reception read when the pages were added: through the
// real reception handlers on a real core, the core's one OCR pool recognizes each page exactly
// once (its own counter, not a mock), the archived PDF is sound (qpdf), its text is found
// (pdftotext), and a page the clerk turned 90° carries its text layer turned with it (pdftotext
// -bbox over the ink).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { handlerContext } from '../../electron/core/api/context';
import { createReceptionHandlers } from '../../electron/core/api/receptionHandlers';
import { BlobStore } from '../../electron/core/archive/blobStore';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import { run } from '../helpers/tools';

const PAGES = [
  ['TỜ KHAI CẤP BẢN SAO TRÍCH LỤC', 'Kính gửi Ủy ban nhân dân xã Hải Minh'],
  ['Người yêu cầu Trần Thị Ngọc Lan', 'Nơi cư trú thôn Đông Hải'],
  ['CĂN CƯỚC CÔNG DÂN', 'Số định danh 036195000123'],
];
const SESSION = 'aaaaaaaa-reuse-01';

let work: string;
let core: Core;
let pdf: string;
let recognitionsAfterAdd: number;
let recognitionsAfterSign: number;

before(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-desk-reuse-'));
  core = await openCore({ dataDir: path.join(work, 'data'), ocrWorkers: 1 });
  const reception = createReceptionHandlers(handlerContext(core));
  const files = await Promise.all(
    PAGES.map(async (lines, i) => ({
      name: `trang-${i + 1}.png`,
      dataBase64: (
        await renderPage({ lines, widthMm: 150, heightMm: 100, dpi: 200, fontPt: 14 })
      ).toString('base64'),
    })),
  );
  const added = await reception.receptionAddPages({ sessionId: SESSION, files });
  assert.deepEqual(added.fileErrors, []);
  assert.equal(added.pages.length, 3);
  recognitionsAfterAdd = core.ocrStats().recognitions;
  const [p1, p2, p3] = added.pages.map((p) => p.id);
  const out = await reception.receptionReceive({
    sessionId: SESSION,
    procedureCode: '2.000635',
    applicant: { fullName: 'Trần Thị Ngọc Lan', idNumber: '036195000123', source: 'qr' },
    clerk: 'Cán bộ A',
    documents: [
      {
        pages: [
          { id: p1!, rotation: 0 },
          { id: p2!, rotation: 0 },
        ],
        type: 'application_form',
        confirmed: true,
        fields: [],
      },
      // The clerk turned the card's page a quarter clockwise.
      { pages: [{ id: p3!, rotation: 90 }], type: 'cccd_front', confirmed: true, fields: [] },
    ],
  });
  assert.deepEqual(out.fileErrors, []);
  assert.equal(out.state, 'signed');
  assert.equal(out.archived?.pageCount, 3);
  recognitionsAfterSign = core.ocrStats().recognitions;
  const dossier = core.archive.listRecords()[0]!;
  pdf = path.join(work, 'signed.pdf');
  await fs.writeFile(pdf, await new BlobStore(core.paths.blobsDir).read(dossier.sha256));
});

after(async () => {
  await core?.close();
  await fs.rm(work, { recursive: true, force: true });
});

test('each page is recognized once: when it is added, never again at signing', () => {
  assert.equal(recognitionsAfterAdd, PAGES.length);
  assert.equal(recognitionsAfterSign, PAGES.length);
});

test('the archived PDF is sound and its text is found', () => {
  const check = run('qpdf', ['--check', pdf]);
  assert.equal(check.status, 0, check.stdout + check.stderr);
  for (let page = 1; page <= 3; page++) {
    const text = run('pdftotext', [
      '-f',
      String(page),
      '-l',
      String(page),
      '-enc',
      'UTF-8',
      pdf,
      '-',
    ])
      .stdout.normalize('NFC')
      .replace(/\s+/g, ' ');
    for (const line of PAGES[page - 1]!)
      for (const word of line.split(' ').filter((w) => w.length >= 5))
        assert.ok(text.includes(word), `page ${page}: "${word}" not in "${text}"`);
  }
});

interface Word {
  text: string;
  box: [number, number, number, number];
}

function pageWords(page: number): { width: number; height: number; words: Word[] } {
  const out = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-']).stdout;
  const size = /<page width="([\d.]+)" height="([\d.]+)">/.exec(out)!;
  const words = [
    ...out.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    text: m[5]!.normalize('NFC'),
    box: m.slice(1, 5).map(Number) as Word['box'],
  }));
  return { width: Number(size[1]), height: Number(size[2]), words };
}

async function inkShares(page: number, words: Word[]): Promise<number[]> {
  // Rendered at 144 dpi: two pixels to the point.
  const prefix = path.join(work, `render-${page}`);
  const r = run('pdftoppm', [
    '-r',
    '144',
    '-gray',
    '-png',
    '-f',
    String(page),
    '-l',
    String(page),
    pdf,
    prefix,
  ]);
  assert.equal(r.status, 0, r.stderr);
  const png = (await fs.readdir(work)).find((f) => f.startsWith(`render-${page}`))!;
  const { data, info } = await sharp(path.join(work, png))
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return words.map(({ box: [x0, y0, x1, y1] }) => {
    let ink = 0;
    let all = 0;
    for (let y = Math.floor(y0 * 2); y < Math.min(info.height, Math.ceil(y1 * 2)); y++)
      for (let x = Math.floor(x0 * 2); x < Math.min(info.width, Math.ceil(x1 * 2)); x++) {
        all++;
        if (data[y * info.width + x]! < 160) ink++;
      }
    return all ? ink / all : 0;
  });
}

test('the page the clerk turned 90° has its text layer turned with it, over the turned ink', async () => {
  const upright = pageWords(1);
  const turned = pageWords(3);
  // The page box itself turned: 150 × 100 mm became 100 × 150 mm.
  assert.ok(upright.width > upright.height);
  assert.ok(Math.abs(turned.width - upright.height) < 1, `${turned.width} vs ${upright.height}`);
  assert.ok(Math.abs(turned.height - upright.width) < 1);
  const long = turned.words.filter((w) => w.text.length >= 3);
  assert.ok(long.length >= 5, JSON.stringify(turned.words));
  for (const {
    text,
    box: [x0, y0, x1, y1],
  } of long) {
    assert.ok(x0 >= 0 && y0 >= 0 && x1 <= turned.width + 0.5 && y1 <= turned.height + 0.5, text);
    // Lines that ran across the page now run down it, near the right edge (the old top).
    assert.ok(y1 - y0 > x1 - x0, `${text} is not vertical: ${[x0, y0, x1, y1].join(' ')}`);
    assert.ok(x0 > turned.width / 2, `${text} is not on the right half`);
  }
  const shares = await inkShares(3, long);
  const overInk = shares.filter((s) => s > 0.05).length;
  assert.equal(
    overInk,
    long.length,
    `word ink shares ${shares.map((s) => s.toFixed(2)).join(' ')}`,
  );
});
