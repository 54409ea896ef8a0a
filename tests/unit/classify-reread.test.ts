// The second reading of the date and number lines: which parts of the page are cut again, how
// they are laid on one strip and matched back, and how the readings are weighed against the
// page's own (the cheapest wins; agreement between readings raises the confidence).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datelineFromSlots, readDatelines } from '../../electron/core/classify/dates';
import type { TextLine } from '../../electron/core/classify/extract';
import { headerFields } from '../../electron/core/classify/metadata';
import { analyseHeader } from '../../electron/core/classify/header';
import { assignReadings, composeStrip, rereadCrops } from '../../electron/core/classify/reread';
import type { OcrPage } from '../../electron/core/ocr/types';

/** A line of words laid out left to right from x, 40 px high, 22 px a letter. */
function row(y: number, ...parts: [number, string][]): TextLine {
  const words = parts.flatMap(([x, text]) => {
    let at = x;
    return text.split(' ').map((w) => {
      const box = { x0: at, y0: y, x1: at + w.length * 22, y1: y + 40 };
      at = box.x1 + 14;
      return { text: w, box };
    });
  });
  const box = { x0: words[0]!.box.x0, y0: y, x1: words.at(-1)!.box.x1, y1: y + 40 };
  return { text: words.map((w) => w.text).join(' '), page: 1, box, words };
}

const page = (number: string, date: string): TextLine[] => [
  row(100, [100, 'ỦY BAN NHÂN DÂN'], [1200, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']),
  row(150, [100, 'TỈNH QUẢNG NGÃI'], [1300, 'Độc lập - Tự do - Hạnh phúc']),
  row(250, [150, number], [1200, date]),
  row(400, [900, 'CHỈ THỊ']),
  row(450, [600, 'Về việc triển khai hóa đơn điện tử']),
];

test('only a date or number whose digits did not read cleanly is cut again', () => {
  const clean = page('Số: 01 /CT-UBND', 'Quảng Ngãi, ngày 04 tháng 01 năm 2021');
  assert.deepEqual(rereadCrops(clean, 2400), []);
  const messy = page('Số: Ø2 /CT-UBND', 'Quảng Ngãi, ngày 2# thángØ† năm 2021');
  const crops = rereadCrops(messy, 2400);
  assert.deepEqual(
    crops.map((c) => c.part),
    ['dateline', 'day', 'month', 'numberLine', 'number'],
  );
  const byPart = Object.fromEntries(crops.map((c) => [c.part, c.box]));
  // The day slot lies after the printed "ngày" and before "tháng…"; the number slot between
  // the label and the slash.
  const words = messy[2]!.words!;
  const ngay = words.find((w) => w.text === 'ngày')!.box;
  const thang = words.find((w) => w.text.startsWith('tháng'))!.box;
  assert.ok(byPart.day!.x0 >= ngay.x0 + 3 * 22 && byPart.day!.x1 <= thang.x0 + 1);
  const slash = words.find((w) => w.text.startsWith('/'))!.box;
  assert.ok(byPart.number!.x0 >= words[0]!.box.x0 + 2 * 22 && byPart.number!.x1 <= slash.x0 + 1);
});

test('crops are laid one under the other on a white strip and matched back by row', () => {
  const width = 300;
  const height = 200;
  const data = Buffer.alloc(width * height, 255);
  // A black bar where the "digits" are.
  for (let y = 50; y < 70; y++) data.fill(0, y * width + 100, y * width + 140);
  const strip = composeStrip({ data, width, height }, [
    { part: 'dateline', box: { x0: 20, y0: 50, x1: 280, y1: 70 } },
    { part: 'day', box: { x0: 100, y0: 50, x1: 140, y1: 70 } },
  ])!;
  const header = `P5\n${strip.width} ${strip.height}\n255\n`;
  assert.equal(strip.pgm.subarray(0, header.length).toString('latin1'), header);
  assert.equal(strip.pgm.length, header.length + strip.width * strip.height);
  assert.equal(strip.placed.length, 2);
  const line = strip.placed[0]!;
  const day = strip.placed[1]!;
  assert.ok(day.y0 > line.y1 + 20, 'a wide white gap between crops');
  const pixels = strip.pgm.subarray(header.length);
  const mid = Math.round((day.y0 + day.y1) / 2);
  const inked = [...pixels.subarray(mid * strip.width, (mid + 1) * strip.width)].filter(
    (v) => v === 0,
  ).length;
  assert.equal(inked, 40, 'the day slot carries its ink');
  const ocr: OcrPage = {
    text: '',
    confidence: 80,
    widthPx: strip.width,
    heightPx: strip.height,
    lines: [
      { box: { x0: 0, y0: line.y0, x1: 10, y1: line.y1 }, words: [w('ngay'), w('04')] },
      { box: { x0: 0, y0: day.y0 + 2, x1: 10, y1: day.y1 - 2 }, words: [w('04')] },
    ],
  };
  assert.deepEqual(assignReadings(ocr, strip.placed), { dateline: 'ngay 04', day: '04' });
});

function w(text: string) {
  return { text, confidence: 80, box: { x0: 0, y0: 0, x1: 1, y1: 1 } };
}

test('the cheapest reading wins; readings that agree are surer', () => {
  // The page lost the stamped day; the Latin model read it glued to "ngày".
  const lost = readDatelines([
    'Quảng Ngãi, ngày tháng 01 năm 2025',
    'Quang Ngai, ngay06 thang 01 nim 2025',
  ]);
  assert.deepEqual([lost?.iso, lost?.guessed], ['2025-01-06', false]);
  // A clean reading beats a guessed one.
  const clean = readDatelines(['ngày O† tháng 02 năm 2025', 'ngay 04 thdng 02 ndm 2025']);
  assert.equal(clean?.iso, '2025-02-04');
  // Two guesses that meet on one date: that date, surer than either alone.
  const alone = readDatelines(['ngày Ag tháng 01 năm 2025'])!;
  const both = readDatelines(['ngày Ag tháng 01 năm 2025', 'ngày 46 tháng 01 năm 2025'])!;
  assert.equal(both.iso, '2025-01-16');
  assert.ok(both.confidence > alone.confidence, `${both.confidence} > ${alone.confidence}`);
  assert.equal(readDatelines(['ngày tháng 01 năm 2025', 'ngày ## tháng năm']), null);
});

test('a date line is rebuilt from its day and month read alone', () => {
  assert.equal(
    datelineFromSlots('04 i', '01i', ['Quang Ngai, ngay 0 thdngo1 nam 2021']),
    'ngày 04 tháng 01 năm 2021',
  );
  // Only the day was cut: the month comes from the line.
  assert.equal(
    datelineFromSlots('20', undefined, ['ngay R0 thang 12 nam 2024']),
    'ngày 20 tháng 12 năm 2024',
  );
  assert.equal(datelineFromSlots(undefined, undefined, ['ngay 2 thang 1 nam 2024']), null);
  assert.equal(datelineFromSlots('20', '12', ['no date here']), null);
});

test('the header takes a second reading of a handwritten number and day', () => {
  const lines = page('Số: Ø2 /CT-UBND', 'Quảng Ngãi, ngày 2# thángØ† năm 2021');
  const header = analyseHeader(lines, 2400);
  const before = headerFields(header, 'ocr');
  assert.equal(before.issuedDate, undefined);
  const after = headerFields(header, 'ocr', [], undefined, {
    dateline: 'Quang Ngai, ngay 04 thdngo1 nam 2021',
    day: '04',
    month: 'Mi',
    numberLine: '86: 01 /CT-UBND',
    number: '01 /',
  });
  assert.equal(after.issuedDate?.value, '2021-01-04');
  assert.equal(after.codeNumber?.value, '01');
  assert.ok((after.codeNumber?.confidence ?? 0) >= 0.8, 'the number alone and the line agree');
  // The region stays the page's date line, for the review form.
  assert.equal(after.issuedDate?.region?.x0, 1200);
  assert.equal(after.issuedDate?.region?.y0, 250);
  // A clean printed number is never overridden by a second reading.
  const printed = analyseHeader(
    page('Số: 15 /CT-UBND', 'Quảng Ngãi, ngày 2# tháng 3 năm 2021'),
    2400,
  );
  assert.equal(
    headerFields(printed, 'ocr', [], undefined, { number: '45' }).codeNumber?.value,
    '15',
  );
});
