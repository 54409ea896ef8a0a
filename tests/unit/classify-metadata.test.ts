// TT 05/2025 metadata read from a page as OCR and PDF text layers hand it over: header columns
// run together, handwritten days, marks lost on capitals, a text layer that leaves the number
// blank. Every value has a confidence and the page region it came from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyLines } from '../../electron/core/classify/classify';
import { readDateline } from '../../electron/core/classify/dates';
import type { TextLine } from '../../electron/core/classify/extract';
import { extractMetadata, restoreMarks } from '../../electron/core/classify/metadata';
import { parseBboxLayout } from '../../electron/core/classify/pdfText';
import { textLayerUsable } from '../../electron/core/classify/readDocument';
import { DocumentMetadataInput } from '../../shared/archiveMetadata';
import { toDocumentMetadataInput } from '../../shared/documentMetadata';

/** A line of words laid out left to right from x, 40 px high, as OCR gives them. */
function row(y: number, ...parts: [number, string][]): TextLine {
  const words = parts.flatMap(([x, text]) => {
    let at = x;
    return text.split(' ').map((w) => {
      const box = { x0: at, y0: y, x1: at + w.length * 22, y1: y + 40 };
      at = box.x1 + 14;
      return { text: w, box };
    });
  });
  const box = {
    x0: words[0]!.box.x0,
    y0: y,
    x1: words.at(-1)!.box.x1,
    y1: y + 40,
  };
  return { text: words.map((w) => w.text).join(' '), page: 1, box, words };
}

const PAGE = [
  // The body's name runs into the motto with no gutter, as on a tight scan.
  row(200, [300, 'ỦY BAN NHÂN DÂN'], [700, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']),
  row(250, [320, 'TINH QUANG NGAI'], [1100, 'Độc lập - Tự do - Hạnh phúc']),
  row(330, [300, 'S6: 86 /QĐ-UBND'], [1000, 'Quảng Ngãi, ngay Ag tháng 01 năm 2025']),
  row(430, [1050, 'QUYẾT ĐỊNH']),
  row(480, [700, 'Vê việc bổ nhiệm vào ngạch Thanh tra viên']),
  row(525, [900, 'và xếp lương']),
  row(610, [900, 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH']),
  row(700, [300, 'Căn cứ Luật Thanh tra ngày 14/11/2022;']),
];

test('a scanned decision: every TT 05/2025 field with its confidence and region', () => {
  const { classification, rules } = classifyLines(PAGE, { pageWidth: 2480 });
  assert.equal(classification.type, 'decision');
  const m = extractMetadata({
    header: rules.header,
    classification,
    lines: PAGE,
    pageCount: 2,
    textSource: 'ocr',
    signatures: [{ signer: 'Ủy ban nhân dân tỉnh Quảng Ngãi', time: '2025-01-17T06:33:13Z' }],
    redInk: true,
  });
  const f = m.fields;
  assert.equal(f.typeName?.value, 'Quyết định');
  assert.equal(f.codeNumber?.value, '86');
  assert.equal(f.codeNotation?.value, 'QĐ-UBND');
  assert.equal(f.organName?.value, 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI');
  // "Ag": a handwritten 16 or 19; signed on the 17th, so the 16th.
  assert.equal(f.issuedDate?.value, '2025-01-16');
  assert.ok(f.issuedDate.confidence < 0.8, 'a guessed day is flagged for review');
  assert.equal(f.subject?.value, 'Về việc bổ nhiệm vào ngạch Thanh tra viên và xếp lương');
  assert.equal(f.numberOfPage?.value, '2');
  assert.equal(f.language?.value, 'vi');
  assert.match(f.autograph?.value ?? '', /Chữ ký số: 1/);
  assert.match(f.inforSign?.value ?? '', /Quảng Ngãi, 2025-01-17/);
  assert.ok(f.keyword?.value.includes('Quảng Ngãi'));
  assert.equal(m.normative, false);
  // Regions: the date is read in the right column, the body's name in the left one.
  assert.ok(f.issuedDate.region!.x0 >= 1000 && f.organName.region!.x1 < 700);
  assert.equal(f.subject.region!.y0, 480);
  assert.equal(f.codeNotation?.page, 1);
  const stored = toDocumentMetadataInput(m);
  assert.equal(stored.issuedDate, '16/01/2025');
  assert.ok(DocumentMetadataInput.safeParse(stored).success);
});

test('handwritten days and months, bounded by the signing date', () => {
  const signed = (iso: string) => ({ signedOn: [iso] });
  assert.equal(readDateline('Hà Nội, ngày 3! tháng 12 năm 2020')?.iso, '2020-12-31');
  assert.equal(readDateline('ngày 45 tháng 3 năm 2024', signed('2024-03-18'))?.iso, '2024-03-15');
  assert.equal(readDateline('ngày 0F tháng 02 năm 2025', signed('2025-02-07'))?.iso, '2025-02-07');
  // A printed 09 after the signing date cannot be the issue date: read as a handwritten 05.
  assert.equal(readDateline('ngày 09 tháng 02 năm 2025', signed('2025-02-07'))?.iso, '2025-02-05');
  const clean = readDateline('Quảng Ngãi, ngày 05 tháng 02 năm 2025');
  assert.deepEqual([clean?.iso, clean?.guessed], ['2025-02-05', false]);
  assert.ok(clean!.confidence > 0.9);
  assert.equal(readDateline(', ngày tháng 01 năm 2025'), null);
  assert.equal(readDateline('ngày ## tháng 01 năm 2025'), null);
});

test('marks restored on known words only, old tone placement kept', () => {
  assert.equal(restoreMarks('UY BAN NHÂN DAN TINH CAO BANG'), 'ỦY BAN NHÂN DÂN TỈNH CAO BẰNG');
  assert.equal(restoreMarks('UỶ BAN NHÂN DÂN TỈNH HOÀ BÌNH'), 'UỶ BAN NHÂN DÂN TỈNH HOÀ BÌNH');
  assert.equal(restoreMarks('BAN CHI DAO 138'), 'BAN CHỈ ĐẠO 138');
  assert.equal(restoreMarks('CÔNG TY TNHH MINH PHAT'), 'CÔNG TY TNHH MINH PHAT');
});

test('poppler word boxes become lines in reading order; a stamp-only text layer is not the page', () => {
  const xhtml = `<page width="595.0" height="842.0"><flow><block>
    <line><word xMin="300" yMin="100" xMax="340" yMax="112">Quảng</word><word xMin="344" yMin="100" xMax="380" yMax="112">Ngãi,</word></line>
    </block><block><line><word xMin="118" yMin="99" xMax="137" yMax="113">Số:</word><word xMin="148" yMin="100" xMax="161" yMax="112">11</word><word xMin="171" yMin="100" xMax="238" yMax="113">/TB-UBND</word></line>
    </block></flow></page>`;
  const lines = parseBboxLayout(xhtml, 2, 1);
  assert.deepEqual(
    lines.map((l) => l.text),
    ['Số: 11 /TB-UBND', 'Quảng Ngãi,'],
  );
  assert.deepEqual(lines[0]!.words![1]!.box, { x0: 296, y0: 200, x1: 322, y1: 224 });
  const stamp = [
    { text: 'Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi' },
    { text: 'Thời gian ký: 18/03/2024' },
  ];
  assert.equal(textLayerUsable(stamp), false);
  const body = Array.from({ length: 20 }, () => ({
    text: 'Căn cứ Luật Tổ chức chính quyền địa phương',
  }));
  assert.equal(textLayerUsable(body), true);
  assert.equal(textLayerUsable([{ text: 'Số: /TB-UBND' }, ...body]), false);
});
