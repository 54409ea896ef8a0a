// The two OCR engines behind one interface: the choice (native Tesseract where the machine has one
// with Vietnamese data, tesseract.js otherwise or when IT forces it), the native program's plumbing
// (one thread, the page on standard input, its resolution, TSV back, a stuck page killed), and
// both engines reading the page: a grey A4 JPEG whose JFIF density has no unit, with a
// title in capitals that must keep its marks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openImageFile } from '../../electron/core/imaging/loadPage';
import type { PreparedPage } from '../../electron/core/imaging/preparePage';
import { characterErrorRate } from '../../electron/core/ocr/cer';
import { createOcrEngine, createOrientation } from '../../electron/core/ocr/engine';
import { findNativeTesseract } from '../../electron/core/ocr/nativeTesseract';
import { createOrientationDetector } from '../../electron/core/ocr/orientation';
import { OcrTimeoutError } from '../../electron/core/ocr/tesseractPool';

const HEADER = [
  '# CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  '# Độc lập - Tự do - Hạnh phúc',
  '',
  '# TỜ KHAI ĐĂNG KÝ KHAI SINH',
  '',
  'Kính gửi: Ủy ban nhân dân xã Tân Hòa, huyện Phú Bình',
  'Họ, chữ đệm, tên người yêu cầu: Trần Thị Đào',
];
const TITLE = 'TỜ KHAI ĐĂNG KÝ KHAI SINH';

let dir: string;
let page: PreparedPage;
let fake: string;

/** A JFIF APP0 segment with units "none" (an aspect ratio only), as ImageMagick writes it. */
function withAspectOnlyJfif(jpeg: Buffer, density: number): Buffer {
  const app0 = Buffer.alloc(18);
  app0.writeUInt16BE(0xffe0, 0);
  app0.writeUInt16BE(16, 2);
  app0.write('JFIF\0', 4, 'latin1');
  app0.writeUInt16BE(0x0101, 9);
  app0[11] = 0;
  app0.writeUInt16BE(density, 12);
  app0.writeUInt16BE(density, 14);
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)]);
}

/**
 * A stand-in `tesseract`: answers --version and --list-langs, and for a page records its
 * arguments, OMP_THREAD_LIMIT and the bytes it read, then prints two words as TSV; with
 * FAKE_TESSERACT_SLEEP it hangs instead, as a stuck page would.
 */
function writeFakeTesseract(where: string): string {
  const file = path.join(where, 'tesseract');
  const out = path.dirname(where);
  fs.writeFileSync(
    file,
    `#!/bin/sh
case "$1" in
  --version) echo "tesseract 5.3.0"; exit 0;;
  --list-langs) printf 'List of available languages in "/x/" (2):\\nosd\\nvie\\n'; exit 0;;
esac
if [ -n "$FAKE_TESSERACT_SLEEP" ]; then echo $$ > "${out}/pid"; sleep 30; fi
echo "$OMP_THREAD_LIMIT $*" > "${out}/call"
wc -c > "${out}/bytes"
printf 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n'
printf '4\\t1\\t1\\t1\\t1\\t0\\t10\\t20\\t300\\t40\\t-1\\t\\n'
printf '5\\t1\\t1\\t1\\t1\\t1\\t10\\t20\\t100\\t40\\t91.5\\tHo\\314\\200a\\n'
printf '5\\t1\\t1\\t1\\t1\\t2\\t150\\t20\\t160\\t40\\t88\\tBi\\314\\200nh\\n'
`,
  );
  fs.chmodSync(file, 0o755);
  return file;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-engines-'));
  const png = await renderPage({ lines: HEADER, dpi: 200, fontPt: 12, noise: 6, format: 'png' });
  const grey = await sharp(png).toColourspace('b-w').jpeg({ quality: 80 }).toBuffer();
  const jpg = withAspectOnlyJfif(grey, 200);
  page = await (await openImageFile('to-khai.jpg', jpg)).page(0);
  // In a folder of its own: a `tessdata` folder beside a program is taken as its data.
  fs.mkdirSync(path.join(dir, 'bin'));
  fake = writeFakeTesseract(path.join(dir, 'bin'));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the page whose JPEG density has no unit is read at 200 dpi, not 72', () => {
  assert.equal(page.dpi, 200);
  assert.equal(page.resolution?.source, 'paper-size');
});

test('the WebAssembly engine keeps the marks of a title in capitals', async () => {
  const engine = await createOcrEngine({
    langDir: path.join(dir, 'tessdata'),
    size: 1,
    choice: 'wasm',
  });
  try {
    assert.equal(engine.info.kind, 'wasm');
    assert.deepEqual(engine.info.languages, ['vie']);
    const read = await engine.recognize(page.ocr, page.widthPx, page.heightPx, { dpi: page.dpi });
    assert.ok(read.text.split('\n').includes(TITLE), read.text);
    assert.match(read.text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    const title = read.lines.find((l) => l.words.map((w) => w.text).join(' ') === TITLE)!;
    assert.ok(title.words.every((w) => w.confidence > 50 && w.box.x1 > w.box.x0));
  } finally {
    await engine.close();
  }
});

test('auto: without a Tesseract program the WebAssembly engine is used, and says why', async () => {
  const env = { ...process.env, SOHOA_TESSERACT: path.join(dir, 'no-such-tesseract') };
  const engine = await createOcrEngine({ langDir: path.join(dir, 'tessdata'), size: 1, env });
  try {
    assert.equal(engine.info.kind, 'wasm');
    assert.match(engine.info.note ?? '', /no Tesseract program/);
  } finally {
    await engine.close();
  }
});

test('the native engine: one thread, the page on stdin at its resolution, TSV words back', async () => {
  const env = { ...process.env, SOHOA_TESSERACT: fake };
  assert.deepEqual((await findNativeTesseract(env))?.languages, ['osd', 'vie']);
  const engine = await createOcrEngine({ langDir: path.join(dir, 'tessdata'), size: 1, env });
  try {
    assert.equal(engine.info.kind, 'native');
    assert.equal(engine.info.program, fake);
    const read = await engine.recognize(page.ocr, page.widthPx, page.heightPx, { dpi: page.dpi });
    const call = fs.readFileSync(path.join(dir, 'call'), 'utf8').trim().split(' ');
    assert.equal(call[0], '1', 'OMP_THREAD_LIMIT=1');
    assert.deepEqual(call.slice(1, 3), ['stdin', 'stdout']);
    assert.equal(call[call.indexOf('--dpi') + 1], '200');
    assert.equal(call[call.indexOf('-l') + 1], 'vie');
    assert.equal(Number(fs.readFileSync(path.join(dir, 'bytes'), 'utf8')), page.ocr.length);
    // Words come back NFC, with their boxes and confidences, in one line.
    assert.equal(read.text, 'Hòa Bình');
    assert.deepEqual(read.lines[0]!.words[1], {
      text: 'Bình',
      box: { x0: 150, y0: 20, x1: 310, y1: 60 },
      confidence: 88,
    });
  } finally {
    await engine.close();
  }
});

test('a native page past its time limit is killed and fails with a timeout', async () => {
  const env = { ...process.env, SOHOA_TESSERACT: fake };
  // The program inherits this process' environment.
  process.env.FAKE_TESSERACT_SLEEP = '1';
  const engine = await createOcrEngine({
    langDir: path.join(dir, 'tessdata'),
    size: 1,
    env,
    pageTimeoutMs: 2000,
  });
  try {
    await assert.rejects(engine.recognize(page.ocr, page.widthPx, page.heightPx), OcrTimeoutError);
    const pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
    // The shell is killed; give the kernel a moment to reap it.
    await new Promise((r) => setTimeout(r, 200));
    assert.throws(() => process.kill(pid, 0), 'the stuck process is gone');
  } finally {
    delete process.env.FAKE_TESSERACT_SLEEP;
    await engine.close();
  }
});

const native = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
const hasNative = !native.error && /^vie$/m.test(`${native.stdout}${native.stderr}`);

test(
  'the real native engine reads the same page as the WebAssembly one',
  { skip: !hasNative && 'no tesseract with vie' },
  async () => {
    const env = { ...process.env, SOHOA_TESSERACT: 'tesseract' };
    const [nativeEngine, wasmEngine] = await Promise.all([
      createOcrEngine({ langDir: path.join(dir, 'tessdata'), size: 1, env }),
      createOcrEngine({ langDir: path.join(dir, 'tessdata'), size: 1, choice: 'wasm' }),
    ]);
    try {
      assert.equal(nativeEngine.info.kind, 'native');
      const opts = { dpi: page.dpi };
      const a = await nativeEngine.recognize(page.ocr, page.widthPx, page.heightPx, opts);
      const b = await wasmEngine.recognize(page.ocr, page.widthPx, page.heightPx, opts);
      assert.ok(a.text.split('\n').includes(TITLE), a.text);
      assert.ok(characterErrorRate(b.text, a.text).rate < 0.03, `${a.text}\n---\n${b.text}`);
      // The same word lands on the same pixels whichever engine read it.
      const box = (p: typeof a) =>
        p.lines.flatMap((l) => l.words).find((w) => w.text === 'KHAI')!.box;
      assert.ok(Math.abs(box(a).x0 - box(b).x0) <= 3 && Math.abs(box(a).y0 - box(b).y0) <= 3);
    } finally {
      await Promise.all([nativeEngine.close(), wasmEngine.close()]);
    }
  },
);

test('OSD, where the text lines leave doubt: both detectors turn a sideways page back', async () => {
  const png = await renderPage({ lines: HEADER.concat(HEADER, HEADER), dpi: 150, format: 'png' });
  const sideways = await sharp(png).rotate(90).png().withMetadata({ density: 150 }).toBuffer();
  const wasm = createOrientationDetector(path.join(dir, 'tessdata'));
  const detectors = [
    wasm,
    ...(hasNative ? [createOrientation(path.join(dir, 'tessdata'), 'native')] : []),
  ];
  try {
    for (const d of detectors) assert.equal((await d.detect(sideways, 150)).degrees, 270);
  } finally {
    await Promise.all(detectors.map((d) => d.close()));
  }
});
