// The document-type catalogue against the legal texts it comes from: every administrative type
// of Nghị định 30/2020/NĐ-CP Art. 7 with its abbreviation of Phụ lục III, the legal normative
// types of Luật 64/2025/QH15, and a document laid out as the formatting rules prescribe typed
// from its own header, whatever the type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyText } from '../../electron/core/classify/classify';
import { catalogue } from '../../electron/core/classify/catalogue';
import { parseNumberLine } from '../../electron/core/classify/notation';
import {
  DOCUMENT_TYPE_INFO,
  DOCUMENT_TYPES,
  HIGH_CONFIDENCE,
  documentTypesOf,
  type DocumentType,
} from '../../shared/classification';

/** Phụ lục III of Nghị định 30/2020/NĐ-CP, and the normative types' codes. */
const ABBREVIATIONS: [string, DocumentType][] = [
  ['NQ', 'resolution'],
  ['QĐ', 'decision'],
  ['CT', 'directive'],
  ['QC', 'regulation'],
  ['QyĐ', 'provisions'],
  ['TC', 'communique'],
  ['TB', 'notice'],
  ['HD', 'guidance'],
  ['CTr', 'programme'],
  ['KH', 'plan'],
  ['PA', 'scheme'],
  ['ĐA', 'project_proposal'],
  ['DA', 'project'],
  ['BC', 'report'],
  ['BB', 'minutes'],
  ['TTr', 'submission'],
  ['HĐ', 'contract'],
  ['CĐ', 'telegram'],
  ['GN', 'memorandum'],
  ['TTh', 'agreement'],
  ['GUQ', 'authorization'],
  ['GM', 'invitation'],
  ['GGT', 'introduction_letter'],
  ['GNP', 'leave_permit'],
  ['PG', 'dispatch_slip'],
  ['PC', 'transfer_slip'],
  ['PB', 'notification_slip'],
  ['NĐ', 'decree'],
  ['TT', 'circular'],
  ['TTLT', 'joint_circular'],
  ['NQLT', 'joint_resolution'],
  ['AL', 'precedent'],
];

test('the catalogue covers every type, with the abbreviations of the clerical-work decree', () => {
  const cat = catalogue();
  assert.deepEqual(
    cat.types.map((t) => t.type),
    [...DOCUMENT_TYPES],
  );
  for (const [code, type] of ABBREVIATIONS)
    assert.deepEqual(cat.byCode.get(code.toUpperCase()), [type], code);
  // Administrative documents of Art. 7 (29 with công văn and thư công), and the normative ones.
  assert.equal(documentTypesOf('administrative').length, 29);
  assert.ok(documentTypesOf('normative').includes('circular'));
  for (const type of DOCUMENT_TYPES) {
    const entry = cat.types.find((t) => t.type === type)!;
    assert.ok(entry.titles.length > 0 || type === 'official_letter', type);
    assert.ok(DOCUMENT_TYPE_INFO[type].vi.length > 1);
  }
  // The label table: slugs of an evaluation set onto the catalogue.
  assert.deepEqual(cat.labels.get('quyet-dinh'), ['decision']);
  assert.deepEqual(cat.labels.get('thong-tu'), ['circular']);
  assert.deepEqual(cat.labels.get('decision'), ['decision']);
});

test('number lines as OCR reads them: number, notation, year, type code, "Luật số"', () => {
  const read = (t: string) => parseNumberLine(t);
  assert.deepEqual(
    { n: read('S6: 04 /CT-UBND Quảng Ngãi, ngày 15')?.number, k: read('Số: 04/CT-UBND')?.notation },
    { n: '04', k: 'CT-UBND' },
  );
  const circular = read('Số: 12/2024/TT-BTC')!;
  assert.equal(circular.notation, '2024/TT-BTC');
  assert.equal(circular.year, '2024');
  assert.deepEqual(circular.codeTypes, ['circular']);
  const law = read('Luật số: 41/2024/QH15 Hà Nội')!;
  assert.deepEqual(law.prefixTypes, ['law']);
  assert.equal(law.rest, 'Hà Nội');
  assert.deepEqual(read('ÁN LỆ SỐ 49/2021/AL1')?.notation, '2021/AL');
  // OCR lost the stroke of Đ: restored where only one code fits, both kept where two do.
  assert.equal(read('$6: 155/2020/ND-CP')?.notation, '2020/NĐ-CP');
  assert.deepEqual(read('Số: 5/DA-UBND')?.codeTypes.sort(), ['project', 'project_proposal']);
  // A decree's notation is always NĐ-CP: one slip away is repaired.
  assert.equal(read('Số: 28/2021/ND-C? Hà Nội')?.notation, '2021/NĐ-CP');
  assert.equal(read('Số: 157/ QĐ-NĐ-UB')?.notation, 'QĐ-NĐ-UB');
  // A cited document and a bilingual card number are not the document's number line.
  assert.equal(read('Căn cứ Nghị định số 61/2018/NĐ-CP'), null);
  assert.equal(read('Số / No: 038090123456'), null);
});

function document(title: string, code: string | undefined, subject: string): string {
  return [
    'ỦY BAN NHÂN DÂN',
    'TỈNH THÁI NGUYÊN',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    `Số: 15/${code ? `${code}-` : ''}UBND`,
    'Thái Nguyên, ngày 12 tháng 3 năm 2026',
    ...(title ? [title] : []),
    subject,
  ].join('\n');
}

test('a document laid out by the formatting rules is typed from its header, for every type', () => {
  const cat = catalogue();
  for (const entry of cat.types) {
    const group = DOCUMENT_TYPE_INFO[entry.type].group;
    if (group !== 'administrative' || entry.type === 'official_letter') continue;
    const title = entry.titles[0]!.text;
    const c = classifyText(document(title, entry.codes[0], 'Về việc triển khai nhiệm vụ năm 2026'));
    assert.equal(c.type, entry.type, `${title}: ${JSON.stringify(c.candidates)}`);
    assert.ok(c.confidence >= HIGH_CONFIDENCE, `${title} ${c.confidence}`);
  }
  const letter = classifyText(document('', undefined, 'V/v đôn đốc số hóa hồ sơ'));
  assert.equal(letter.type, 'official_letter');
  // Title and notation disagree: not a sure decision either way.
  const mixed = classifyText(document('KẾ HOẠCH', 'BC', 'Về việc triển khai'));
  assert.ok(mixed.confidence < HIGH_CONFIDENCE, String(mixed.confidence));
});

test('legal normative documents: the title, the notation and the word before "số"', () => {
  const decree = classifyText(
    'CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 118/2025/NĐ-CP\nHà Nội, ngày 09 tháng 6 năm 2025\nNGHỊ ĐỊNH\nVề thực hiện thủ tục hành chính theo cơ chế một cửa',
  );
  assert.equal(decree.type, 'decree');
  const law = classifyText(
    'QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLuật số: 64/2025/QH15\nHà Nội, ngày 19 tháng 02 năm 2025\nLUẬT\nBAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT',
  );
  assert.equal(law.type, 'law');
  const joint = classifyText(
    'BỘ TƯ PHÁP - BỘ CÔNG AN\nSố: 02/2024/TTLT-BTP-BCA\nTHÔNG TƯ LIÊN TỊCH\nHướng dẫn',
  );
  assert.equal(joint.type, 'joint_circular');
  const precedent = classifyText(
    'ÁN LỆ SỐ 71/2025/AL\nVề hiệu lực của hợp đồng\nĐược Hội đồng Thẩm phán Tòa án nhân dân tối cao thông qua',
  );
  assert.equal(precedent.type, 'precedent');
});
