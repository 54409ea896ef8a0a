// The signed two-layer PDF/A-2b the pipeline writes, checked by tools we did not write (qpdf,
// poppler): no validator installs here, so each PDF/A-2b rule we can check is checked on the final,
// signed file. docs/decisions/0012-pdfa-checks-without-verapdf.md lists what a veraPDF run would
// still check.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, before, after } from 'node:test';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import type { DigitizeOutcome } from '../../electron/core/pipeline/types';
import { run } from '../helpers/tools';

const LINES_A4 = [
  '# GIẤY ĐỀ NGHỊ CẤP BẢN SAO',
  'Kính gửi: Ủy ban nhân dân phường Hòa Khánh',
  'Họ và tên người đề nghị: Phạm Thị Thu Hường',
  'Số định danh cá nhân: 048190001122',
  'Nơi cư trú: tổ 12, phường Hòa Khánh, thành phố Đà Nẵng',
  'Giấy tờ đề nghị sao: Giấy khai sinh, bản chính',
  'Số lượng bản sao: 02 bản',
];
const LINES_A5 = ['# BIÊN NHẬN', 'Đã nhận đủ giấy tờ theo danh mục', 'Người nhận: Đỗ Quang Đức'];

let dir: string;
let core: Core;
let outcome: DigitizeOutcome;
let pdf: string;
/** The file with streams decompressed and objects spelled out, for byte-level checks. */
let qdf: string;

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-pdfa-'));
  const a4 = path.join(dir, 'a4-300dpi.png');
  await fs.writeFile(a4, await renderPage({ lines: LINES_A4, dpi: 300, noise: 6, format: 'png' }));
  const a5 = path.join(dir, 'a5-200dpi.jpg');
  await fs.writeFile(
    a5,
    await renderPage({ lines: LINES_A5, dpi: 200, widthMm: 148, heightMm: 210, format: 'jpeg' }),
  );
  core = await openCore({ dataDir: path.join(dir, 'data'), ocrWorkers: 2 });
  outcome = await core.digitize(
    [a4, a5].map((f) => ({ name: f, read: () => fs.readFile(f) })),
    { title: 'Hồ sơ <cấp bản sao> & chứng thực', outDir: path.join(dir, 'out') },
  );
  assert.deepEqual(outcome.fileErrors, []);
  assert.ok(outcome.pdfPath);
  pdf = outcome.pdfPath;
  const expanded = path.join(dir, 'expanded.pdf');
  const r = run('qpdf', ['--qdf', '--object-streams=disable', pdf, expanded]);
  assert.ok(r.status === 0 || r.status === 3, r.stderr);
  qdf = (await fs.readFile(expanded)).toString('latin1');
});

after(async () => {
  await core?.close();
});

test('qpdf finds no structural error; not encrypted; no JavaScript or actions', () => {
  const check = run('qpdf', ['--check', pdf]);
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /No syntax or stream encoding errors/);
  const info = run('pdfinfo', [pdf]);
  assert.match(info.stdout, /Encrypted:\s+no/);
  assert.doesNotMatch(qdf, /\/Encrypt\b/);
  assert.doesNotMatch(qdf, /\/JavaScript\b|\/JS\b|\/OpenAction\b|\/Launch\b/);
});

test('each page is its image at the true physical size', () => {
  const info = run('pdfinfo', ['-f', '1', '-l', '2', pdf]);
  const sizes = [...info.stdout.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(
    (m) => [Number(m[1]), Number(m[2])],
  );
  const mm = (pt: number) => (pt / 72) * 25.4;
  assert.equal(sizes.length, 2);
  assert.ok(Math.abs(mm(sizes[0]![0]!) - 210) < 0.5 && Math.abs(mm(sizes[0]![1]!) - 297) < 0.5);
  assert.ok(Math.abs(mm(sizes[1]![0]!) - 148) < 0.5 && Math.abs(mm(sizes[1]![1]!) - 210) < 0.5);
  const images = run('pdfimages', ['-list', pdf]).stdout;
  const rows = images.split('\n').filter((l) => /^\s+\d+\s+\d+\s+image/.test(l));
  assert.equal(rows.length, 2, images);
  // page num type width height color comp bpc enc interp object ID x-ppi y-ppi
  const cols = rows.map((r) => r.trim().split(/\s+/));
  assert.equal(cols[0]![5], 'rgb', 'colour kept (24 bit)');
  assert.equal(Number(cols[0]![12]), 300);
  assert.equal(Number(cols[1]![12]), 200);
});

test('PDF/A-2b identification, sRGB output intent, matching Info and XMP, fonts embedded', () => {
  assert.match(qdf, /<pdfaid:part>2<\/pdfaid:part>/);
  assert.match(qdf, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
  assert.match(qdf, /\/OutputIntents/);
  assert.match(qdf, /\/S \/GTS_PDFA1/);
  assert.match(qdf, /sRGB/);
  const fonts = run('pdffonts', [pdf]).stdout.split('\n').slice(2).filter(Boolean);
  assert.ok(fonts.length >= 1);
  for (const line of fonts) assert.match(line, /\byes\s+yes\s+yes\b/, `embedded: ${line}`);
  // Title went into XMP with markup characters swapped, the same text as in Info.
  const xmpTitle = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(qdf)?.[1];
  assert.ok(xmpTitle, 'dc:title in XMP');
  const infoTitle = run('pdfinfo', [pdf]).stdout.match(/^Title:\s+(.*)$/m)?.[1];
  assert.equal(Buffer.from(xmpTitle, 'latin1').toString('utf8'), infoTitle);
});

test('pdftotext returns the words in reading order, diacritics intact', () => {
  const text = run('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', pdf, '-']).stdout.normalize(
    'NFC',
  );
  let from = 0;
  for (const line of LINES_A4.map((l) => l.replace(/^# /, ''))) {
    const at = text.indexOf(line, from);
    assert.ok(at >= from, `"${line}" after position ${from} in:\n${text}`);
    from = at + line.length;
  }
});

test('each invisible word lies over its ink in the image', async () => {
  const bbox = run('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-']).stdout;
  const words = [
    ...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g),
  ].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
  assert.ok(words.length >= 30, `${words.length} words`);
  // Rendered at 144 dpi, two pixels to the point.
  const prefix = path.join(dir, 'page');
  assert.equal(
    run('pdftoppm', ['-r', '144', '-gray', '-png', '-f', '1', '-l', '1', pdf, prefix]).status,
    0,
  );
  const ppm = (await fs.readdir(dir)).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
  const { data, info } = await sharp(path.join(dir, ppm))
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const inkIn = ([x0, y0, x1, y1]: [number, number, number, number]) => {
    let ink = 0;
    let all = 0;
    for (let y = Math.floor(y0 * 2); y < Math.ceil(y1 * 2); y++)
      for (let x = Math.floor(x0 * 2); x < Math.ceil(x1 * 2); x++) {
        all++;
        if (data[y * info.width + x]! < 160) ink++;
      }
    return all ? ink / all : 0;
  };
  const overInk = words.filter((w) => inkIn(w) > 0.05).length;
  assert.ok(overInk >= words.length * 0.95, `${overInk}/${words.length} word boxes over ink`);
  // And the words are not just one box over the whole page.
  const tall = words.filter(([, y0, , y1]) => y1 - y0 > 40).length;
  assert.equal(tall, 0);
});
