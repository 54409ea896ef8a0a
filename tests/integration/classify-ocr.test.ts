// `sohoa eval-classify` on scans and PDFs, not only text: pages are typeset with pdf-lib
// (DejaVu from npm), rasterised by poppler, and read by the real offline OCR.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { main } from '../../electron/cli/main';
import { run } from '../helpers/tools';

const require = createRequire(import.meta.url);
const FONT = path.join(
  path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
  'DejaVuSans.ttf',
);

async function typeset(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await readFile(FONT), { subset: true });
  const page = doc.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 22, size: 13, font }));
  return doc.save();
}

const DOCS: { name: string; type: string; as: 'png' | 'pdf'; lines: string[] }[] = [
  {
    name: 'quyet-dinh',
    type: 'decision',
    as: 'png',
    lines: [
      'ỦY BAN NHÂN DÂN HUYỆN PHÚ BÌNH',
      'Số: 123/QĐ-UBND',
      'QUYẾT ĐỊNH',
      'Về việc thành lập Tổ công tác',
      'Căn cứ Luật Tổ chức chính quyền địa phương;',
      'Điều 1. Thành lập Tổ công tác.',
      'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
    ],
  },
  {
    name: 'hop-dong',
    type: 'contract',
    as: 'png',
    lines: [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'HỢP ĐỒNG THUÊ NHÀ',
      'Hôm nay, chúng tôi gồm:',
      'BÊN A (Bên cho thuê): Ông Lê Văn Nam',
      'BÊN B (Bên thuê): Bà Trần Thị Mai',
      'Hai bên thỏa thuận ký kết hợp đồng với các điều khoản sau:',
    ],
  },
  {
    name: 'khai-sinh',
    type: 'birth_certificate',
    as: 'pdf',
    lines: [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'GIẤY KHAI SINH',
      'Họ, chữ đệm, tên: NGUYỄN THỊ MAI',
      'Họ, chữ đệm, tên người mẹ: TRẦN THỊ HẠNH',
      'Người đi khai sinh: Trần Thị Hạnh',
    ],
  },
];

test('eval classify reads PNG scans through OCR and PDFs through their text layer', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-cls-ocr-'));
  for (const d of DOCS) {
    const pdf = path.join(dir, `${d.name}.pdf`);
    await writeFile(pdf, await typeset(d.lines));
    if (d.as === 'png') {
      const r = run('pdftoppm', [
        '-r',
        '200',
        '-gray',
        '-png',
        '-singlefile',
        pdf,
        path.join(dir, d.name),
      ]);
      assert.equal(r.status, 0, r.stderr);
      await rm(pdf); // only the scan remains for this one
    }
  }
  await writeFile(path.join(dir, 'labels.tsv'), DOCS.map((d) => `${d.name}\t${d.type}\n`).join(''));
  const out: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  try {
    const code = await main([
      'eval',
      'classify',
      '--dir',
      dir,
      '--rules-only',
      '--data-dir',
      path.join(dir, 'data'),
      '--lang',
      'en',
    ]);
    assert.equal(code, 0);
  } finally {
    console.log = log;
  }
  const last = out.at(-1) ?? '';
  const m = /^accuracy (\d+\.\d)% over 3 documents$/.exec(last);
  assert.ok(m, out.join('\n'));
  assert.ok(Number(m[1]) >= 66.6, out.join('\n'));
  console.log(last);
});
