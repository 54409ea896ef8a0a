// `sohoa eval ocr` end to end, offline, through the real digitize pipeline: pages we render with
// known text, one page whose "ground truth" is deliberately wrong (its CER must be high, so the
// figures are computed, not assumed), files without a partner ignored, and the fixed last line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { offline } from '../helpers/offline';

const PAGES: Record<string, string[]> = {
  'trang-a': ['# GIẤY BIÊN NHẬN HỒ SƠ', 'Người nộp: Trần Thị Đào', 'Thủ tục: đăng ký khai sinh'],
  'trang-b': ['Nơi cư trú: xã Tân Hòa, huyện Phú Bình', 'Số điện thoại: 0912 345 678'],
};
const WRONG_TRUTH = 'Nội dung này không hề có trên trang ảnh: mười bốn con voi xanh lá cây.';

function sohoa(args: string[]) {
  const cmd = offline(process.execPath, ['bin/sohoa.mjs', ...args]);
  return spawnSync(cmd.command, cmd.args, { env: cmd.env, encoding: 'utf8', timeout: 180_000 });
}

test('sohoa eval ocr: CER/WER per page and overall, last line fixed, JSON on request', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-eval-'));
  const pagesDir = path.join(dir, 'pages');
  fs.mkdirSync(pagesDir);
  for (const [name, lines] of Object.entries(PAGES)) {
    const image = await renderPage({ lines, widthMm: 150, heightMm: 60, noise: 6, dpi: 300 });
    fs.writeFileSync(path.join(pagesDir, `${name}.png`), image);
    fs.writeFileSync(
      path.join(pagesDir, `${name}.gt.txt`),
      `${lines.map((l) => l.replace(/^# /, '')).join('\n')}\n`,
    );
  }
  // A real page with the wrong ground truth, an image without truth, a truth without image.
  fs.copyFileSync(path.join(pagesDir, 'trang-a.png'), path.join(pagesDir, 'trang-sai.png'));
  fs.writeFileSync(path.join(pagesDir, 'trang-sai.gt.txt'), WRONG_TRUTH);
  fs.copyFileSync(path.join(pagesDir, 'trang-b.png'), path.join(pagesDir, 'khong-co-chuan.png'));
  fs.writeFileSync(path.join(pagesDir, 'khong-co-anh.gt.txt'), 'x');

  const r = sohoa(['eval', 'ocr', '--dir', pagesDir, '--data-dir', path.join(dir, 'data')]);
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  const last = /^CER (\d+\.\d\d)% over (\d+) pages$/.exec(lines.at(-1) ?? '');
  assert.ok(last, `last line is the summary: ${lines.at(-1)}`);
  assert.equal(last[2], '3', 'three pages have ground truth');
  assert.doesNotMatch(r.stdout, /khong-co-chuan|khong-co-anh/);

  const perPage = (name: string) => {
    const line = lines.find((l) => l.startsWith(`${name} `));
    assert.ok(line, `a line for ${name}`);
    const [cer, wer] = line.trim().split(/\s+/).slice(1, 3).map(Number);
    return { cer: cer!, wer: wer! };
  };
  for (const name of Object.keys(PAGES)) {
    const { cer, wer } = perPage(name);
    assert.ok(cer < 5, `${name} read well: CER ${cer}%`);
    assert.ok(wer >= cer / 2 && wer < 30, `${name} WER ${wer}%`);
  }
  assert.ok(perPage('trang-sai').cer > 50, 'the wrong truth gives a high CER');
  assert.match(r.stdout, /^WER \d+\.\d\d% trên 3 trang$/m);

  const j = sohoa(['eval', 'ocr', '--dir', pagesDir, '--json', '--lang', 'en']);
  assert.equal(j.status, 0, j.stderr);
  const report = JSON.parse(j.stdout) as {
    pages: {
      name: string;
      text: string;
      cer: { errors: number; referenceLength: number; rate: number };
    }[];
    cer: { errors: number; referenceLength: number; rate: number };
  };
  assert.deepEqual(
    report.pages.map((p) => p.name),
    ['trang-a', 'trang-b', 'trang-sai'],
  );
  assert.match(report.pages[0]!.text.normalize('NFC'), /Trần Thị Đào/);
  // Overall = all errors over all reference characters, not a mean of page rates.
  const errors = report.pages.reduce((s, p) => s + p.cer.errors, 0);
  const chars = report.pages.reduce((s, p) => s + p.cer.referenceLength, 0);
  assert.equal(report.cer.errors, errors);
  assert.equal(report.cer.referenceLength, chars);
  assert.equal(report.cer.rate, errors / chars);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('sohoa eval ocr: a folder without ground truth is a usage error, in Vietnamese', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-eval-empty-'));
  const r = sohoa(['eval', 'ocr', '--dir', dir]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Không có trang nào kèm văn bản chuẩn/);
  const u = sohoa(['eval', 'nothing']);
  assert.equal(u.status, 2);
  assert.match(u.stderr, /sohoa eval ocr --dir/);
  fs.rmSync(dir, { recursive: true, force: true });
});
