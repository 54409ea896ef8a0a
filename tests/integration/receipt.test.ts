// The counter's slips read back by tools we did not write: poppler (pdftotext, pdftoppm), qpdf
// and zbar's QR decoder. A commune's Trung tâm Phục vụ hành chính công receives (its name from
// the settings, not a fixed one), the applicant chooses where to collect the result, and the
// appointment says whether its year follows an official holiday notice or an estimate.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { receiveDossier } from '../../electron/core/dossier/reception';
import { generateDocuments } from '../../electron/core/classify/sampleDocs';
import { renderRefusal, slipQrPayload } from '../../electron/core/receipt/slips';
import { isSohoaError } from '../../shared/errors';
import { pdftotext, run } from '../helpers/tools';

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-receipt-'));

async function readBack(pdf: Uint8Array, dir: string, name: string) {
  const file = path.join(dir, `${name}.pdf`);
  await fs.writeFile(file, pdf);
  const check = run('qpdf', ['--check', file]);
  assert.equal(check.status, 0, check.stdout + check.stderr);
  const info = run('pdfinfo', [file]).stdout;
  // A5 portrait: 419.53 x 595.28 pt.
  assert.match(info, /Page size:\s+419\.53 x 595\.28 pts/);
  // Only the page's top-left corner (a quarter of its width, a fifth of its height at 150 dpi):
  // the QR must be there for a reader to find it where the rules put it.
  const corner = ['-x', '0', '-y', '0', '-W', '220', '-H', '250'];
  const raster = run('pdftoppm', [
    '-r',
    '150',
    ...corner,
    '-png',
    '-singlefile',
    file,
    path.join(dir, name),
  ]);
  assert.equal(raster.status, 0, raster.stderr);
  const qr = run('zbarimg', ['-q', '--raw', path.join(dir, `${name}.png`)]);
  assert.equal(qr.status, 0, `no QR in the top-left corner: ${qr.stderr}`);
  // Lines wrap where the layout wraps them: compare with single spaces.
  return { text: pdftotext(file).replace(/\s+/g, ' '), qr: qr.stdout.trim() };
}

const PARTY = { agencyName: 'UBND xã Tân Hòa', place: 'Tân Hòa', clerkName: 'Nguyễn Văn Bình' };
const APPLICANT = {
  fullName: 'Trần Thị Ngọc Lan',
  idNumber: '036195000123',
  oldIdNumber: '162000123',
  address: 'Thôn Đông, xã Tân Hòa, tỉnh Thái Nguyên',
  source: 'qr' as const,
};
const CENTRE = 'Trung tâm Phục vụ hành chính công xã Tân Hòa';
const PROVINCE_CENTRE = 'Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên';
/** The commune centre's settings: its name and the places results can be collected from. */
const UNIT = {
  unitName: CENTRE,
  collectionPlaces: [
    { name: CENTRE, address: 'Số 1 đường Trung tâm, xã Tân Hòa, tỉnh Thái Nguyên' },
    { name: PROVINCE_CENTRE, address: 'Số 9 đường Cách Mạng Tháng Tám, phường Phan Đình Phùng' },
  ],
  postal: true,
};

test('a commune centre’s receipt: the centre, the chosen place, the appointment after Tết, read back by poppler and zbar', async () => {
  const dir = await tmp();
  const docs = generateDocuments({ seed: 41, perType: 1, noise: 0.2, titleLoss: 0 });
  const pick = (t: string) => docs.find((d) => d.type === t)!;
  const outcome = await receiveDossier({
    ...PARTY,
    dataDir: path.join(dir, 'data'),
    agencyId: 'H49.64.33',
    clerk: 'cb.binh',
    procedureCode: '1.004873', // 3 working days
    applicant: APPLICANT,
    unit: UNIT,
    delivery: { kind: 'place', name: PROVINCE_CENTRE, address: '' },
    documents: [
      { name: 'to-khai.txt', text: pick('application_form').text },
      { name: 'cccd.txt', text: pick('cccd_front').text },
    ],
    // Friday 24/01/2025, 10:00 in Vietnam; Tết off 25/01–02/02/2025.
    at: new Date('2025-01-24T03:00:00Z'),
  });
  assert.equal(outcome.checklist.complete, true);
  assert.equal(outcome.dossier.state, 'complete');
  assert.equal(outcome.due?.due, '2025-02-05');
  assert.equal(outcome.dossier.dueDate, '2025-02-05');
  assert.equal(outcome.dossier.dueEstimated, false);
  // The choice is recorded with the dossier, the place's address taken from the settings.
  assert.deepEqual(outcome.dossier.delivery, { kind: 'place', ...UNIT.collectionPlaces[1]! });
  assert.equal(outcome.slip.kind, 'receipt');
  const { text, qr } = await readBack(outcome.slip.pdf, dir, 'receipt');
  assert.equal(qr, `SOHOA1|H49.64.33-250124-0001|1.004873|036195000123`);
  for (const expected of [
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    'Mã hồ sơ: H49.64.33-250124-0001',
    `${CENTRE} tiếp nhận hồ sơ của:`,
    'Ông/Bà: Trần Thị Ngọc Lan',
    'Số định danh cá nhân: 036195000123',
    'Số chứng minh nhân dân đã cấp (đọc từ mã QR của thẻ): 162000123',
    'Cấp Giấy xác nhận tình trạng hôn nhân',
    '3 ngày làm việc',
    '10 giờ 00 phút, ngày 24/01/2025',
    'ngày 05/02/2025',
    '(Lịch nghỉ năm 2025 theo thông báo chính thức.)',
    `6. Nơi nhận kết quả: ${PROVINCE_CENTRE}, Số 9 đường Cách Mạng Tháng Tám`,
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT',
    'Nguyễn Văn Bình',
  ]) {
    assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
  }
  // The unit is the configured one: no fixed name, no citation of the decrees it replaced.
  for (const absent of ['BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', '61/2018', '01/2018', 'huyện']) {
    assert.ok(!text.includes(absent), `"${absent}" in:\n${text}`);
  }
});

test('by post, in a year without a notice: the receipt says the appointment is an estimate', async () => {
  const dir = await tmp();
  const docs = generateDocuments({ seed: 43, perType: 1, noise: 0.2, titleLoss: 0 });
  const pick = (t: string) => docs.find((d) => d.type === t)!;
  const outcome = await receiveDossier({
    ...PARTY,
    dataDir: path.join(dir, 'data'),
    agencyId: 'H49.64.33',
    clerk: 'cb.binh',
    procedureCode: '1.004873',
    applicant: APPLICANT,
    unit: UNIT,
    delivery: { kind: 'post', address: '' },
    documents: [
      { name: 'to-khai.txt', text: pick('application_form').text },
      { name: 'cccd.txt', text: pick('cccd_front').text },
    ],
    // Thursday 4/2/2027, 10:00: Tết 2027 has no notice yet.
    at: new Date('2027-02-04T03:00:00Z'),
  });
  assert.equal(outcome.due?.dueYear.status, 'estimated');
  assert.equal(outcome.dossier.dueEstimated, true);
  assert.deepEqual(outcome.dossier.delivery, { kind: 'post', address: APPLICANT.address });
  const { text } = await readBack(outcome.slip.pdf, dir, 'receipt-post');
  for (const expected of [
    'ngày 16/02/2027',
    'lịch nghỉ ước tính năm 2027 – chưa có thông báo chính thức',
    `6. Nơi nhận kết quả: gửi qua dịch vụ bưu chính công ích đến địa chỉ: ${APPLICANT.address}`,
  ]) {
    assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
  }
  // A place the unit does not offer is refused before anything is recorded.
  await assert.rejects(
    receiveDossier({
      ...PARTY,
      dataDir: path.join(dir, 'data'),
      agencyId: 'H49.64.33',
      clerk: 'cb.binh',
      procedureCode: '1.004873',
      applicant: APPLICANT,
      unit: UNIT,
      delivery: { kind: 'place', name: 'Nơi khác', address: '' },
      documents: [],
    }),
    (e) => isSohoaError(e) && e.code === 'DELIVERY_CHOICE_INVALID',
  );
});

test('an incomplete dossier gets the request for supplement listing what is missing', async () => {
  const dir = await tmp();
  const docs = generateDocuments({ seed: 42, perType: 1, noise: 0.2, titleLoss: 0 });
  const outcome = await receiveDossier({
    ...PARTY,
    dataDir: path.join(dir, 'data'),
    agencyId: 'H49.64.33',
    clerk: 'cb.binh',
    procedureCode: '1.001193',
    applicant: APPLICANT,
    documents: [
      { name: 'to-khai.txt', text: docs.find((d) => d.type === 'application_form')!.text },
    ],
    at: new Date('2026-11-23T02:00:00Z'),
  });
  assert.equal(outcome.dossier.state, 'returned_for_supplement');
  assert.equal(outcome.slip.kind, 'supplement');
  const { text, qr } = await readBack(outcome.slip.pdf, dir, 'supplement');
  assert.equal(
    qr,
    slipQrPayload({
      dossierCode: outcome.dossier.code,
      procedure: outcome.procedure,
      applicant: APPLICANT,
    }),
  );
  assert.ok(text.includes('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'), text);
  assert.ok(text.includes('Giấy chứng sinh'), text);
  assert.ok(!text.includes('Tờ khai đăng ký khai sinh'), 'the form was handed in');
});

test('the refusal slip states the reason', async () => {
  const dir = await tmp();
  const pdf = await renderRefusal({
    ...PARTY,
    dossierCode: 'H49.64.33-261123-0009',
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', processingDays: 0 },
    applicant: APPLICANT,
    issuedAt: new Date('2026-11-23T02:00:00Z'),
    reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã.',
  });
  const { text, qr } = await readBack(pdf, dir, 'refusal');
  assert.equal(qr, 'SOHOA1|H49.64.33-261123-0009|1.001193|036195000123');
  assert.ok(text.includes('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'), text);
  assert.ok(text.includes('không thuộc thẩm quyền'), text);
});
