import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCardImage } from '../../electron/core/identity/cccd';
import {
  cardBackMrz,
  cccdQrPayload,
  renderCardFront,
  renderCardQrSide,
  SAMPLE_HOLDERS,
} from '../../electron/core/identity/sampleCard';
import { isSohoaError } from '../../shared/errors';
import {
  checkIdNumber,
  crossCheckCard,
  decodeIdNumber,
  formatMrzTd1,
  mrzCheckDigit,
  parseCccdQr,
  parseKeyboardWedge,
  parseMrzTd1,
} from '../../shared/identity';

// Invented people, one card of each generation (generated in code).
const LAN = SAMPLE_HOLDERS.cccd;
const MINH = SAMPLE_HOLDERS['can-cuoc'];

const failed = (checks: { id: string; ok: boolean }[]) =>
  checks.filter((c) => !c.ok).map((c) => c.id);

test('ID number structure: province, sex/century digit, birth year', () => {
  assert.deepEqual(decodeIdNumber('036195000123'), {
    provinceCode: '036',
    province: 'Nam Định',
    currentProvince: 'Ninh Bình',
    sex: 'F',
    century: 1900,
    yearDigits: '95',
  });
  assert.equal(decodeIdNumber('079203004567')?.century, 2000);
  assert.equal(decodeIdNumber('07920300456'), null);
  assert.deepEqual(failed(checkIdNumber(LAN.idNumber, LAN)), []);
  // Wrong sex, wrong year, unknown province: each flagged on its own.
  assert.deepEqual(failed(checkIdNumber('036195000123', { ...LAN, sex: 'M' })), ['id.sex']);
  assert.deepEqual(failed(checkIdNumber('036195000123', { ...LAN, dateOfBirth: '1996-07-14' })), [
    'id.birthYear',
  ]);
  // Not a province code: a note (maybe a country code), never an error.
  const abroad = checkIdNumber('003195000123', { sex: 'F' });
  assert.deepEqual(failed(abroad), ['id.province']);
  assert.equal(abroad.find((c) => c.id === 'id.province')?.severity, 'note');
  // A different address province is only a note.
  const moved = checkIdNumber(LAN.idNumber, { address: 'Quận 3, TP. Hồ Chí Minh' });
  assert.equal(moved.find((c) => c.id === 'id.addressProvince')?.severity, 'note');
  assert.deepEqual(failed(checkIdNumber('12345', {})), ['id.format']);
});

test('card QR: fields parsed, dates ISO, sex, missing old ID, extra fields kept', () => {
  const lan = parseCccdQr(cccdQrPayload(LAN));
  assert.ok(lan.ok);
  if (!lan.ok) return;
  assert.deepEqual(lan.holder, LAN);
  assert.deepEqual(
    failed(lan.checks),
    ['id.addressProvince'].filter(() => false),
  );
  const minh = parseCccdQr(cccdQrPayload(MINH) + '|extra|');
  assert.ok(minh.ok && minh.holder.oldIdNumber === '' && minh.extraFields.length === 6);
  assert.equal(parseCccdQr('hello').ok, false);
  assert.equal(parseCccdQr('0361950001|x|y|14071995|Nữ|a|10042021').ok, false);
  assert.equal(parseCccdQr('036195000123||y|31021995|Nữ|a|10042021').ok, false);
  // A mismatch inside the QR is reported, not hidden.
  const forged = parseCccdQr(cccdQrPayload({ ...LAN, sex: 'M' }));
  assert.ok(forged.ok && failed(forged.checks).includes('id.sex'));
});

test('keyboard-wedge input: NFD, trailing Enter, mapped separators, several scans', () => {
  const typed = `garbage\r\n${cccdQrPayload(LAN).normalize('NFD').replace(/\|/g, '¦')}\r\n`;
  const parsed = parseKeyboardWedge(typed);
  assert.ok(parsed.ok);
  if (parsed.ok) assert.equal(parsed.holder.fullName, 'Trần Thị Ngọc Lan');
  assert.equal(parseKeyboardWedge('\r\n').ok, false);
  if (parsed.ok) assert.equal(parsed.checks.find((c) => c.id === 'wedge.diacritics')?.ok, true);
  const stripped = parseKeyboardWedge(
    '036195000123|162000123|Tran Thi Ngoc Lan|14071995|Nu|Thon Dong, Tinh Nam Dinh|10042021\r',
  );
  assert.ok(stripped.ok);
  if (stripped.ok) {
    const note = stripped.checks.find((c) => c.id === 'wedge.diacritics');
    assert.equal(note?.ok, false);
    assert.equal(note?.severity, 'note');
    assert.equal(stripped.holder.sex, 'F');
  }
});

test('MRZ TD1: every check digit verified, OCR slips in digits repaired, tampering caught', () => {
  // ICAO 9303 Part 3 worked example.
  assert.equal(mrzCheckDigit('520727'), 3);
  assert.equal(mrzCheckDigit('D23145890'), 7);
  assert.equal(mrzCheckDigit('L898902C3'), 6);
  const icao = parseMrzTd1(
    'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    new Date('2010-01-01'),
  );
  assert.ok(icao.ok && icao.valid, JSON.stringify(icao));
  assert.equal(icao.ok && icao.data.dateOfBirth, '1974-08-12');
  assert.equal(icao.ok && icao.data.givenNames, 'ANNA MARIA');
  const text = cardBackMrz(LAN, '2035-07-14');
  const lines = text.split('\n');
  assert.ok(lines.every((l) => l.length === 30));
  const parsed = parseMrzTd1(text, new Date('2026-11-23'));
  assert.ok(parsed.ok && parsed.valid, JSON.stringify(parsed));
  if (!parsed.ok) return;
  assert.equal(parsed.data.idNumber, LAN.idNumber);
  assert.equal(parsed.data.dateOfBirth, '1995-07-14');
  assert.equal(parsed.data.dateOfExpiry, '2035-07-14');
  assert.equal(parsed.data.surname, 'TRAN');
  assert.equal(parsed.data.givenNames, 'THI NGOC LAN');
  assert.deepEqual(
    parsed.checks.filter((c) => c.id.startsWith('mrz.check')).map((c) => c.id),
    ['mrz.check.document', 'mrz.check.birth', 'mrz.check.expiry', 'mrz.check.composite'],
  );
  assert.deepEqual(failed(crossCheckCard(LAN, parsed.data)), []);
  // OCR read the birth date's 0 as O and added spaces and a chevron look-alike.
  const noisy =
    lines[0] +
    '\n' +
    lines[1]!.replace('0', 'O').replace(/^(.{5})/, '$1 ') +
    '\n' +
    lines[2]!.replace('<', '«');
  const repaired = parseMrzTd1(noisy, new Date('2026-11-23'));
  assert.ok(repaired.ok && repaired.valid);
  // A changed birth date fails the birth and composite digits, and the QR cross-check.
  const [l1, l2, l3] = formatMrzTd1(LAN, '2035-07-14');
  const tampered = parseMrzTd1(
    `${l1}\n${l2.replace('950714', '960714')}\n${l3}`,
    new Date('2026-11-23'),
  );
  assert.ok(tampered.ok && !tampered.valid);
  if (tampered.ok) {
    assert.deepEqual(
      failed(tampered.checks).filter((id) => id.startsWith('mrz.check')),
      ['mrz.check.birth', 'mrz.check.composite'],
    );
    assert.ok(failed(crossCheckCard(LAN, tampered.data)).includes('card.birth'));
  }
  assert.equal(parseMrzTd1('IDVNM\nshort').ok, false);
});

test('the QR is decoded from a generated card scan, also when the card lies skewed', async () => {
  const read = await readCardImage(await renderCardQrSide(MINH), 'mat-sau.jpg');
  assert.deepEqual(read.holder, MINH);
  assert.equal(read.source, 'qr-image');
  assert.ok(read.position && read.position.length === 4);
  const skewed = await readCardImage(await renderCardFront(LAN, { rotate: 7 }), 'lech.jpg');
  assert.equal(skewed.holder.idNumber, LAN.idNumber);
});

test('a scan without a card QR is a clear error', async () => {
  const sharp = (await import('sharp')).default;
  const blank = await sharp({
    create: { width: 300, height: 200, channels: 3, background: '#fff' },
  })
    .png()
    .toBuffer();
  await assert.rejects(
    readCardImage(blank, 'trang.png'),
    (e) => isSohoaError(e) && e.code === 'CCCD_QR_NOT_FOUND',
  );
});

test('card data becomes fields with their source and check-based confidence', async () => {
  const { fieldsFromMrz, fieldsFromQr } = await import('../../electron/core/identity/fields');
  const qr = parseCccdQr(cccdQrPayload(LAN));
  assert.ok(qr.ok);
  if (!qr.ok) return;
  const fromQr = fieldsFromQr(qr.holder, qr.checks);
  assert.ok(fromQr.every((f) => f.source === 'qr'));
  assert.equal(fromQr.find((f) => f.name === 'idNumber')?.confidence, 1);
  const forged = parseCccdQr(cccdQrPayload({ ...LAN, dateOfBirth: '1996-07-14' }));
  assert.ok(forged.ok);
  if (forged.ok)
    assert.equal(
      fieldsFromQr(forged.holder, forged.checks).find((f) => f.name === 'idNumber')?.confidence,
      0.5,
    );
  const mrz = parseMrzTd1(cardBackMrz(LAN, '2035-07-14'), new Date('2026-11-23'));
  assert.ok(mrz.ok);
  if (!mrz.ok) return;
  const fromMrz = fieldsFromMrz(mrz.data, mrz.checks);
  assert.deepEqual(
    fromMrz.map((f) => [f.name, f.value, f.source]),
    [
      ['idNumber', LAN.idNumber, 'mrz'],
      ['dateOfBirth', LAN.dateOfBirth, 'mrz'],
      ['fullName', 'TRAN THI NGOC LAN', 'mrz'],
    ],
  );
});

test('both card generations: the QR side, the field list, the generation told apart', async () => {
  for (const holder of Object.values(SAMPLE_HOLDERS)) {
    const payload = cccdQrPayload(holder);
    assert.equal(payload.split('|').length, holder.card === 'cccd' ? 7 : 11);
    const parsed = parseCccdQr(payload);
    assert.ok(parsed.ok);
    if (!parsed.ok) continue;
    assert.deepEqual(parsed.holder, holder);
    assert.deepEqual(failed(parsed.checks), []);
    const note = parsed.checks.find((c) => c.id === 'qr.card');
    assert.match(note!.message.vi, holder.card === 'cccd' ? /mặt trước/ : /mặt sau/);
    // The side with the QR reads back to the same holder.
    const read = await readCardImage(await renderCardQrSide(holder), 'mat-co-ma-qr.jpg');
    assert.deepEqual(read.holder, holder);
  }
  // A thẻ căn cước's front has no QR: the error tells the clerk to scan the side that has it.
  await assert.rejects(readCardImage(await renderCardFront(MINH), 'mat-truoc.jpg'), (e) => {
    assert.ok(isSohoaError(e) && e.code === 'CCCD_QR_NOT_FOUND');
    assert.match(e.info.message.vi, /mặt có mã QR/);
    assert.match(e.info.message.en, /side with the QR code/);
    return true;
  });
  // The shapes seen on real cards: a 7-field QR issued from 1 July 2024 is a thẻ căn cước; the
  // longer one carries a cancelled number among its trailing fields.
  const july = parseCccdQr(
    '001083009657|013000725|Vũ Văn An|12081983|Nam|Thanh Liệt, Hà Nội|06082024',
  );
  assert.ok(july.ok && july.holder.card === 'can-cuoc');
  const cancelled = parseCccdQr(`${cccdQrPayload({ ...MINH, cancelledIdNumber: '079203000001' })}`);
  assert.ok(cancelled.ok && cancelled.holder.cancelledIdNumber === '079203000001');
  const old = parseCccdQr(cccdQrPayload({ ...LAN, dateOfIssue: '2024-06-28' }));
  assert.ok(old.ok && old.holder.card === 'cccd');
});

test('the applicant is the 12-digit number; a 9-digit one is only the old number', () => {
  // A QR whose first field is a 9-digit CMND is not a card QR.
  const cmnd = parseCccdQr('162000123||Trần Thị Ngọc Lan|14071995|Nữ|Ninh Bình|10042021');
  assert.ok(!cmnd.ok && /12-digit/.test(cmnd.reason));
  const lan = parseCccdQr(cccdQrPayload(LAN));
  assert.ok(
    lan.ok && lan.holder.idNumber === '036195000123' && lan.holder.oldIdNumber === '162000123',
  );
  assert.deepEqual(failed(checkIdNumber('162000123')), ['id.format']);
});

test('the province cross-check knows the 2025 mergers; a country code is accepted with a note', () => {
  const merged = checkIdNumber(LAN.idNumber, { address: 'Thôn Đông, xã Hải Hậu, tỉnh Ninh Bình' });
  assert.deepEqual(failed(merged), []);
  assert.match(
    merged.find((c) => c.id === 'id.province')!.message.vi,
    /Nam Định, nay thuộc Ninh Bình/,
  );
  assert.equal(
    checkIdNumber(LAN.idNumber, { address: 'xã Hải Minh, huyện Hải Hậu, tỉnh Nam Định' }).find(
      (c) => c.id === 'id.addressProvince',
    )?.ok,
    true,
  );
  // "Huế" is a whole word, not inside "Thuế".
  const hue = checkIdNumber('046190000123', { address: 'Chi cục Thuế, Đà Nẵng' });
  assert.equal(hue.find((c) => c.id === 'id.addressProvince')?.ok, false);
  assert.equal(decodeIdNumber('046190000123')?.currentProvince, 'Huế');
  // Born abroad: the first three digits are not a province; the card is still read.
  const abroad = parseCccdQr(
    cccdQrPayload({ ...MINH, idNumber: '840203004567', address: 'Phường Sài Gòn, TP Hồ Chí Minh' }),
  );
  assert.ok(abroad.ok);
  if (!abroad.ok) return;
  const note = abroad.checks.find((c) => c.id === 'id.province')!;
  assert.deepEqual([note.ok, note.severity], [false, 'note']);
  assert.match(note.message.vi, /mã quốc gia nơi đăng ký khai sinh ở nước ngoài/);
  assert.deepEqual(
    abroad.checks.filter((c) => !c.ok && c.severity === 'error'),
    [],
  );
});
