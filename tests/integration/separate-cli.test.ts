// The commands end to end: `sohoa separator-sheet` prints sheets, poppler renders them as a scanner
// would see them, they go into a folder between generated pages, and `sohoa separate` splits the
// folder; `sohoa hotfolder watch --once --move-only` takes a folder's scans into done/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import type { SplitPlan } from '../../shared/contracts/intake';
import { run } from '../helpers/tools';

const BIN = path.resolve('bin/sohoa.mjs');

function sohoa(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

test('sohoa separator-sheet + sohoa separate: the printed sheets split a scanned folder', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sep-cli-'));
  try {
    const pdf = path.join(dir, 'sheets.pdf');
    const made = sohoa([
      'separator-sheet',
      '--out',
      pdf,
      '--type',
      'birth_certificate',
      '--dossier',
      'HS-7',
    ]);
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /Đã ghi 1 tờ phân tách/);
    assert.equal(
      run('pdftoppm', ['-r', '200', '-gray', '-png', pdf, path.join(dir, 'sheet')]).status,
      0,
    );
    const sheet = await sharp(path.join(dir, 'sheet-1.png'))
      .rotate(-1.2, { background: '#fff' })
      .withMetadata({ density: 200 })
      .jpeg({ quality: 85 })
      .toBuffer();
    const scans = path.join(dir, 'scans');
    await fs.mkdir(scans);
    const page = (title: string) =>
      renderPage({ lines: [`# ${title}`, 'Nội dung trang'], dpi: 200, noise: 10, format: 'jpeg' });
    // Natural order: trang2 before trang10.
    await fs.writeFile(path.join(scans, 'trang1.jpg'), await page('ĐƠN ĐỀ NGHỊ'));
    await fs.writeFile(path.join(scans, 'trang2.jpg'), sheet);
    await fs.writeFile(path.join(scans, 'trang3.jpg'), await page('GIẤY KHAI SINH'));
    await fs.writeFile(path.join(scans, 'trang10.jpg'), await page('GIẤY KHAI SINH (tiếp)'));

    const out = sohoa(['separate', scans, '--patch', 'T', '--codes', '--json']);
    assert.equal(out.status, 0, out.stderr);
    const { plan } = JSON.parse(out.stdout) as { plan: SplitPlan };
    assert.deepEqual(
      plan.pages.map((p) => p.name),
      ['trang1.jpg', 'trang2.jpg', 'trang3.jpg', 'trang10.jpg'],
    );
    assert.deepEqual(
      plan.documents.map((d) => [d.pages, d.type, d.dossierCode, d.reasons.map((r) => r.method)]),
      [
        [[0], null, null, ['start']],
        [[2, 3], 'birth_certificate', 'HS-7', ['patch', 'code']],
      ],
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('sohoa hotfolder watch --once --move-only takes the scans, then status reports them', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-hot-cli-'));
  try {
    const inbox = path.join(dir, 'inbox');
    await fs.mkdir(inbox);
    const img = (r: number) =>
      sharp({ create: { width: 50, height: 50, channels: 3, background: { r, g: 0, b: 0 } } })
        .png()
        .toBuffer();
    await fs.writeFile(path.join(inbox, 'a.png'), await img(1));
    await fs.writeFile(path.join(inbox, 'b.png'), await img(2));
    await fs.writeFile(path.join(inbox, 'broken.png'), 'nope');
    const data = path.join(dir, 'data');
    const args = ['--data-dir', data, '--poll-ms', '50', '--stable-ms', '200'];
    const r = sohoa(['hotfolder', 'watch', inbox, '--once', '--move-only', ...args]);
    assert.equal(r.status, 1, 'a failed file makes the exit code 1');
    assert.match(r.stdout, /✓ xong {2}a\.png/);
    assert.match(r.stdout, /✗ lỗi {2}broken\.png — Tệp "broken\.png"/);
    assert.deepEqual((await fs.readdir(path.join(inbox, 'done'))).sort(), ['a.png', 'b.png']);
    const status = sohoa(['hotfolder', 'status', inbox, '--data-dir', data, '--lang', 'en']);
    assert.match(status.stdout, /Done 2 · failed 1 · in progress 0/);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
