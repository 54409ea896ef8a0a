import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCardImage } from '../../electron/core/identity/cccd';
import {
  cardBackMrz,
  cccdQrPayload,
  renderCardFront,
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
  type CardHolder,
} from '../../shared/identity';

// Invented people: the numbers follow the structure but belong to no one.
const LAN: CardHolder = {
  idNumber: '036195000123',
  oldIdNumber: '162000123',
  fullName: 'Trần Thị Ngọc Lan',
  dateOfBirth: '1995-07-14',
  sex: 'F',
  address: 'Thôn Đông, Xã Hải Minh, Huyện Hải Hậu, Tỉnh Nam Định',
  dateOfIssue: '2021-04-10',
};
const MINH: CardHolder = {
  idNumber: '079203004567',
  oldIdNumber: '',
  fullName: 'Đỗ Quang Minh',
  dateOfBirth: '2003-12-01',
  sex: 'M',
  address: '12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
  dateOfIssue: '2022-08-30',
};

const failed = (checks: { id: string; ok: boolean }[]) =>
  checks.filter((c) => !c.ok).map((c) => c.id);

test('ID number structure: province, sex/century digit, birth year', () => {
  assert.deepEqual(decodeIdNumber('036195000123'), {
    provinceCode: '036',
    province: 'Nam Định',
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
  assert.deepEqual(failed(checkIdNumber('003195000123', { sex: 'F' })), ['id.province']);
  // A different address province is only a note.
  const moved = checkIdNumber(LAN.idNumber, { address: 'Quận 3, TP. Hồ Chí Minh' });
  assert.equal(moved.find((c) => c.id === 'id.addressProvince')?.severity, 'note');
  assert.deepEqual(failed(checkIdNumber('12345', {})), ['id.format']);
});

test('front QR: fields parsed, dates ISO, sex, missing old ID, extra fields kept', () => {
  const lan = parseCccdQr(cccdQrPayload(LAN));
  assert.ok(lan.ok);
  if (!lan.ok) return;
  assert.deepEqual(lan.holder, LAN);
  assert.deepEqual(
    failed(lan.checks),
    ['id.addressProvince'].filter(() => false),
  );
  const minh = parseCccdQr(cccdQrPayload(MINH) + '|extra|');
  assert.ok(minh.ok && minh.holder.oldIdNumber === '' && minh.extraFields.length === 2);
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
  const read = await readCardImage(await renderCardFront(MINH), 'mat-truoc.jpg');
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
