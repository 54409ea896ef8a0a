// The thin real path end to end, through the `sohoa` command as a user runs it, with no network:
// scanned-looking pages (and bad files) in; a signed, searchable PDF and an archive record out,
// checked with tools we did not write (pdftotext, pdfsig, qpdf).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { offline } from '../helpers/offline';
import { pdftotext, run } from '../helpers/tools';

const KNOWN_LINE = 'Họ và tên người yêu cầu: Trần Thị Đào';

test('sohoa digitize: offline, bad files reported by name, the good page signed and archived', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-cli-'));
  const dataDir = path.join(dir, 'data');
  const outDir = path.join(dir, 'out');
  const good = path.join(dir, 'trang-1.jpg');
  fs.writeFileSync(
    good,
    await renderPage({
      lines: [
        '# TỜ KHAI ĐĂNG KÝ KHAI SINH',
        KNOWN_LINE,
        'Nơi cư trú: xã Tân Hòa, tỉnh Thái Nguyên',
      ],
      widthMm: 150,
      heightMm: 60,
      skewDeg: 0.5,
      noise: 8,
      format: 'jpeg',
    }),
  );
  const empty = path.join(dir, 'rong.png');
  fs.writeFileSync(empty, '');
  const notImage = path.join(dir, 'ghi-chu.png');
  fs.writeFileSync(notImage, 'Đây là văn bản, không phải ảnh quét');
  const truncated = path.join(dir, 'bi-cat.jpg');
  const full = fs.readFileSync(good);
  fs.writeFileSync(truncated, full.subarray(0, Math.floor(full.length / 2)));
  const missing = path.join(dir, 'khong-co.tif');

  // Run from an empty folder with an empty home: anything the engine writes outside its data
  // folder (a language cache, a temp file) would show up there.
  const workDir = path.join(dir, 'cwd');
  const home = path.join(dir, 'home');
  fs.mkdirSync(workDir);
  fs.mkdirSync(home);
  const cmd = offline(process.execPath, [
    path.resolve('bin/sohoa.mjs'),
    'digitize',
    empty,
    good,
    notImage,
    truncated,
    missing,
    '--out',
    outDir,
    '--data-dir',
    dataDir,
  ]);
  const r = spawnSync(cmd.command, cmd.args, {
    cwd: workDir,
    env: { ...cmd.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') },
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(
    r.status,
    1,
    `exit code is non-zero because some inputs failed\n${r.stdout}\n${r.stderr}`,
  );
  for (const name of ['rong.png', 'ghi-chu.png', 'bi-cat.jpg', 'khong-co.tif'])
    assert.equal(
      r.stderr.split('\n').filter((l) => l.includes(`"${name}"`)).length,
      1,
      `one error naming ${name}`,
    );
  assert.doesNotMatch(r.stderr, /trang-1\.jpg/, 'the good file has no error');
  assert.deepEqual(fs.readdirSync(workDir), [], 'nothing written to the working folder');
  assert.deepEqual(fs.readdirSync(home), [], 'nothing written to the home folder');
  const expected = ['archive.sqlite', 'blobs', 'keys', 'tessdata', 'tmp'];
  const unexpected = fs
    .readdirSync(dataDir)
    .filter(
      (f) => !expected.some((e) => f === e || f.startsWith(`${e}-`) || f.startsWith(`${e}.`)),
    );
  assert.deepEqual(unexpected, [], 'the data folder holds only what the engine owns');
  assert.deepEqual(fs.readdirSync(path.join(dataDir, 'tmp')), [], 'no draft left behind');
  assert.match(r.stdout, /Thời gian từng bước/);

  const pdfs = fs.readdirSync(outDir).filter((f) => f.endsWith('.pdf'));
  assert.equal(pdfs.length, 1);
  const pdf = path.join(outDir, pdfs[0]!);
  assert.match(pdfs[0]!, /^SOHOA\.DEMO-\d{6}-0001\.pdf$/);

  const text = pdftotext(pdf);
  assert.ok(
    text.includes(KNOWN_LINE),
    `pdftotext finds the Vietnamese line (run ${cmd.how}):\n${text}`,
  );
  assert.ok(text.includes('BẢN THỬ NGHIỆM'), 'the demo signature mark says it is a demo');

  const sig = run('pdfsig', [pdf]);
  assert.match(sig.stdout, /Signature Validation: Signature is Valid/, sig.stdout);
  assert.match(sig.stdout, /Total document signed/, sig.stdout);
  const qpdf = run('qpdf', ['--check', pdf]);
  assert.equal(qpdf.status, 0, qpdf.stdout + qpdf.stderr);

  const db = new Database(path.join(dataDir, 'archive.sqlite'), { readonly: true });
  const rows = db
    .prepare(
      'SELECT d.code, f.sha256, p.text FROM dossiers d JOIN files f ON f.dossier_id = d.id JOIN pages p ON p.dossier_id = d.id',
    )
    .all() as { code: string; sha256: string; text: string }[];
  db.close();
  assert.equal(rows.length, 1);
  assert.ok(rows[0]!.text.normalize('NFC').includes(KNOWN_LINE));
  const { createHash } = await import('node:crypto');
  assert.equal(rows[0]!.sha256, createHash('sha256').update(fs.readFileSync(pdf)).digest('hex'));
});

test('sohoa digitize exits 2 with usage when given no file, and 0 when every file is good', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-cli-'));
  const none = spawnSync(process.execPath, ['bin/sohoa.mjs', 'digitize', '--lang', 'en'], {
    encoding: 'utf8',
  });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /No image file given/);

  const png = path.join(dir, 'p.png');
  fs.writeFileSync(
    png,
    await renderPage({ lines: ['Việt Nam'], widthMm: 60, heightMm: 50, format: 'png' }),
  );
  const ok = spawnSync(
    process.execPath,
    ['bin/sohoa.mjs', 'digitize', png, '--data-dir', path.join(dir, 'd'), '--json'],
    { encoding: 'utf8', timeout: 180_000 },
  );
  assert.equal(ok.status, 0, ok.stderr);
  const outcome = JSON.parse(ok.stdout) as {
    record: { pageCount: number };
    fileErrors: unknown[];
    pdfPath: string;
  };
  assert.equal(outcome.record.pageCount, 1);
  assert.deepEqual(outcome.fileErrors, []);
  assert.ok(fs.existsSync(outcome.pdfPath));
});
