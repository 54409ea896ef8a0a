// TT 05/2025 metadata: code lists, DD/MM/YYYY dates, paperFileCode for digitized records, docCode.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DocumentMetadata,
  RecordMetadata,
  RecordMetadataInput,
  formatDocCode,
  MAINTENANCE_CODES,
} from '../../shared/archiveMetadata';

const complete = {
  fileCode: 'H49.64.33-261123-0001',
  title: 'Hồ sơ đăng ký khai sinh Nguyễn Văn An',
  maintenance: '06',
  mode: '02',
  language: 'vi',
  startDate: '23/11/2026',
  endDate: '23/11/2026',
  confidenceLevel: '02',
  paperFileCode: 'H49.64.33-261123-0001',
  totalDoc: 2,
  numberOfPage: 3,
};

test('a complete dossier record passes; the code lists are the circular’s', () => {
  assert.equal(RecordMetadata.safeParse(complete).success, true);
  assert.deepEqual(Object.keys(MAINTENANCE_CODES), ['01', '02', '03', '04', '05', '06', '07']);
  for (const [field, bad] of [
    ['maintenance', '08'],
    ['mode', '04'],
    ['confidenceLevel', '00'],
    ['startDate', '2026-11-23'],
    ['endDate', '31/02/2026'],
    ['totalDoc', -1],
  ] as const) {
    const r = RecordMetadata.safeParse({ ...complete, [field]: bad });
    assert.equal(r.success, false, `${field}=${bad} must be refused`);
    assert.deepEqual(r.error?.issues[0]?.path, [field]);
  }
});

test('a digitized dossier needs the paper dossier’s code; a born-digital one does not', () => {
  const withoutPaper: Partial<typeof complete> = { ...complete };
  delete withoutPaper.paperFileCode;
  const r = RecordMetadata.safeParse(withoutPaper);
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.issues[0]?.path, ['paperFileCode']);
  assert.equal(RecordMetadata.safeParse({ ...withoutPaper, confidenceLevel: '01' }).success, true);
});

test('inputs are partial and trimmed; unknown titles are refused when empty', () => {
  assert.deepEqual(RecordMetadataInput.parse({ keyword: '  khai sinh ' }), {
    keyword: 'khai sinh',
  });
  assert.equal(RecordMetadataInput.safeParse({ title: '   ' }).success, false);
});

test('document codes are fileCode + "." + 7 digits', () => {
  assert.equal(formatDocCode('H49.64.33-261123-0001', 12), 'H49.64.33-261123-0001.0000012');
  const doc = {
    docCode: formatDocCode('X-1', 1),
    docOrdinal: 1,
    maintenance: '01',
    language: 'vi',
    mode: '01',
    confidenceLevel: '02',
    numberOfPage: 1,
    issuedDate: '01/01/2026',
  };
  assert.equal(DocumentMetadata.safeParse(doc).success, true);
  assert.equal(DocumentMetadata.safeParse({ ...doc, docCode: 'X-1.12' }).success, false);
  assert.equal(DocumentMetadata.safeParse({ ...doc, issuedDate: '32/01/2026' }).success, false);
});
