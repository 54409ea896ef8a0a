import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { evaluateExtraction, writeGeneratedSet } from '../../electron/core/classify/evaluate';
import { extractFields, findDate, linesOf } from '../../electron/core/classify/extract';
import { generateDocuments } from '../../electron/core/classify/sampleDocs';

const byName = (fields: ReturnType<typeof extractFields>) =>
  new Map(fields.map((f) => [f.name, f]));

test('dates in words and digits, with OCR slips', () => {
  assert.equal(findDate('Hà Nội, ngày 12 tháng 3 năm 2024')?.iso, '2024-03-12');
  assert.equal(findDate('ngay 05 thang 11 nam 2O23')?.iso, '2023-11-05');
  assert.equal(findDate('Sinh ngày: 07/11/ 2004')?.iso, '2004-11-07');
  assert.equal(findDate('ngày 31 tháng 02 năm 2024'), null);
  assert.equal(findDate('12.3.2024')?.iso, '2024-03-12');
});

test('administrative document: number, notation, date, issuer, subject', () => {
  const text = [
    'ỦY BAN NHÂN DÂN HUYỆN PHÚ BÌNH',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Số: 123/QĐ-UBND',
    'Phú Bình, ngày 12 tháng 3 năm 2024',
    'QUYẾT ĐỊNH',
    'Về việc thành lập Tổ công tác',
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  ].join('\n');
  const f = byName(extractFields(linesOf(text, 2), 'decision'));
  assert.equal(f.get('number')?.value, '123');
  assert.equal(f.get('notation')?.value, 'QĐ-UBND');
  assert.equal(f.get('issuedDate')?.value, '2024-03-12');
  assert.equal(f.get('issuer')?.value, 'ỦY BAN NHÂN DÂN HUYỆN PHÚ BÌNH');
  assert.equal(f.get('subject')?.value, 'Về việc thành lập Tổ công tác');
  assert.equal(f.get('number')?.source, 'ocr');
  assert.equal(f.get('number')?.page, 2);
  assert.ok((f.get('number')?.confidence ?? 0) > 0.8);
  // Without the dateline, a cited law's date is not taken as the issue date.
  const cropped = byName(extractFields(linesOf(text.split('\n').slice(4).join('\n')), 'decision'));
  assert.equal(cropped.get('issuedDate'), undefined);
});

test('civil status: holder not confused with parents; ID number with OCR O for 0', () => {
  const text = [
    'GIẤY KHAI SINH',
    'Họ, chữ đệm, tên: NGUYỄN THỊ MAI',
    'Ngày, tháng, năm sinh: 14/07/2019   ghi bằng chữ: ngày 14 tháng 07 năm 2019',
    'Nơi sinh: Bệnh viện đa khoa huyện Yên Thế',
    'Họ, chữ đệm, tên người mẹ: TRẦN THỊ HẠNH',
    'Giấy tờ tùy thân: CCCD số O36195000123',
    'Ngày, tháng, năm đăng ký: 20/07/2019',
  ].join('\n');
  const f = byName(extractFields(linesOf(text), 'birth_certificate'));
  assert.equal(f.get('fullName')?.value, 'NGUYỄN THỊ MAI');
  assert.equal(f.get('dateOfBirth')?.value, '2019-07-14');
  assert.equal(f.get('placeOfBirth')?.value, 'Bệnh viện đa khoa huyện Yên Thế');
  assert.equal(f.get('registeredDate')?.value, '2019-07-20');
  assert.equal(f.get('idNumber')?.value, '036195000123');
  const region = extractFields(
    [{ text: 'Họ và tên: Lê Văn Nam', page: 1, box: { x0: 10, y0: 20, x1: 300, y1: 40 } }],
    'petition',
  );
  assert.deepEqual(region[0]?.region, { x0: 10, y0: 20, x1: 300, y1: 40 });
});

test('per-field accuracy on a generated OCR-like set is measured, and mostly right', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-ext-'));
  await writeGeneratedSet(dir, generateDocuments({ seed: 9, perType: 3, noise: 1 }));
  const scores = await evaluateExtraction(dir);
  const total = scores.reduce((a, s) => a + s.n, 0);
  const folded = scores.reduce((a, s) => a + s.folded, 0);
  const wrong = scores.reduce((a, s) => a + s.wrong, 0);
  assert.ok(total >= 40);
  assert.ok(folded / total >= 0.6, `${folded}/${total}`);
  assert.ok(wrong / total <= 0.1, `${wrong}/${total}`);
  assert.equal(scores.find((s) => s.field === 'dateOfBirth')?.wrong, 0);
});

test('OCR page lines keep their boxes through extraction', async () => {
  const { linesFromOcrPage } = await import('../../electron/core/classify/extract');
  const box = (y: number) => ({ x0: 40, y0: y, x1: 900, y1: y + 30 });
  const page = {
    lines: [
      { words: [{ text: 'Số:' }, { text: '45/UBND-VP' }], box: box(100) },
      { words: [{ text: 'V/v' }, { text: 'đôn' }, { text: 'đốc' }], box: box(140) },
    ],
  };
  const f = byName(extractFields(linesFromOcrPage(page, 3), 'official_letter'));
  assert.deepEqual(f.get('notation')?.region, box(100));
  assert.equal(f.get('notation')?.value, 'UBND-VP');
  assert.deepEqual(f.get('subject')?.region, box(140));
  assert.equal(f.get('subject')?.page, 3);
});
