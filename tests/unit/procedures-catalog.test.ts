import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  findProcedure,
  importCatalog,
  loadCatalog,
  shippedCatalogPath,
} from '../../electron/core/dossier/procedures';
import { isSohoaError } from '../../shared/errors';
import {
  matchChecklist,
  parseCatalogCsv,
  parseCatalogJson,
  parseCsvRecords,
} from '../../shared/procedures';

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-proc-'));

test('the shipped catalog is valid and covers the five fields', async () => {
  const { catalog, origin } = await loadCatalog();
  assert.equal(origin, 'shipped');
  assert.ok(catalog.procedures.length >= 12);
  const fields = new Set(catalog.procedures.map((p) => p.field));
  for (const f of ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Đăng ký, quản lý cư trú']) {
    assert.ok(fields.has(f), f);
  }
  assert.ok([...fields].some((f) => /kinh doanh|doanh nghiệp/.test(f)));
  const birth = findProcedure(catalog, '1.001193');
  assert.match(birth.name, /khai sinh/);
  assert.ok(
    birth.components.some((c) => c.mandatory && c.documentTypes.includes('application_form')),
  );
});

test('JSON import rejects duplicates and bad levels, keeping the current catalog', async () => {
  const dir = await tmp();
  const bad = JSON.parse(await fs.readFile(shippedCatalogPath(), 'utf8')) as {
    procedures: { code: string; level: string }[];
  };
  bad.procedures[1]!.code = bad.procedures[0]!.code;
  const duplicate = parseCatalogJson(JSON.stringify(bad));
  assert.ok(!duplicate.ok && duplicate.problems.some((p) => /trùng/.test(p.message)));
  bad.procedures[2]!.level = 'village';
  const parsed = parseCatalogJson(JSON.stringify(bad));
  assert.ok(!parsed.ok && parsed.problems.some((p) => p.where === 'procedures.2.level'));
  const file = path.join(dir, 'bad.json');
  await fs.writeFile(file, JSON.stringify(bad));
  await assert.rejects(
    importCatalog(dir, file),
    (e) => isSohoaError(e) && e.code === 'PROCEDURE_CATALOG_INVALID',
  );
  assert.equal((await loadCatalog(dir)).origin, 'shipped');
});

const CSV = `code,name,field,level,processingDays,componentId,componentName,form,count,mandatory,documentTypes
1.001193,Đăng ký khai sinh,Hộ tịch,commune,0,to_khai,"Tờ khai, theo mẫu",original,1,có,application_form
1.001193,Đăng ký khai sinh,Hộ tịch,commune,0,giay_chung_sinh,Giấy chứng sinh,original,1,1,other
9.999001,"Thủ tục ""thử""",Khác,province,5,don,Đơn,original,1,không,petition|other
`;

test('CSV with quoted commas and quotes imports and replaces the catalog', async () => {
  assert.deepEqual(
    parseCsvRecords('a,"b,""c"""\r\n"x\ny",z\n').map((r) => r.fields),
    [
      ['a', 'b,"c"'],
      ['x\ny', 'z'],
    ],
  );
  const dir = await tmp();
  const file = path.join(dir, 'tinh.csv');
  await fs.writeFile(file, CSV);
  const catalog = await importCatalog(dir, file);
  assert.equal(catalog.procedures.length, 2);
  const [birth, other] = catalog.procedures;
  assert.equal(birth?.components[0]?.name, 'Tờ khai, theo mẫu');
  assert.equal(other?.name, 'Thủ tục "thử"');
  assert.deepEqual(other?.components[0]?.documentTypes, ['petition', 'other']);
  const loaded = await loadCatalog(dir);
  assert.equal(loaded.origin, 'local');
  assert.equal(loaded.catalog.procedures.length, 2);
});

test('CSV errors name the line and the column', () => {
  const bad = CSV.replace('original,1,1,other', 'original,1,1,passport').replace(
    'province,5',
    'province,abc',
  );
  const parsed = parseCatalogCsv(bad);
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.ok(
    parsed.problems.some((p) => p.line === 3 && /documentTypes/.test(p.where)),
    JSON.stringify(parsed.problems),
  );
  assert.ok(parsed.problems.some((p) => p.line === 4 && /processingDays/.test(p.where)));
  const missing = parseCatalogCsv('code,name\n1.000001,x\n');
  assert.ok(!missing.ok && missing.problems.some((p) => p.where === 'level'));
});

test('checklist: missing mandatory components are listed; review items satisfy nothing', async () => {
  const { catalog } = await loadCatalog();
  const marriage = findProcedure(catalog, '1.000894');
  const partial = matchChecklist(marriage, [
    { id: 'd1', type: 'application_form' },
    { id: 'd2', type: 'cccd_front' },
    { id: 'd3', type: null },
  ]);
  assert.equal(partial.complete, false);
  const idMatch = partial.components.find((m) => m.component.id === 'giay_to_tuy_than')!;
  assert.equal(idMatch.missing, 1);
  assert.deepEqual(
    partial.missingMandatory.map((c) => c.id),
    ['giay_to_tuy_than'],
  );
  assert.deepEqual(partial.unmatched, ['d3']);
  const full = matchChecklist(marriage, [
    { id: 'd1', type: 'application_form' },
    { id: 'd2', type: 'cccd_front' },
    { id: 'd4', type: 'cccd_front' },
  ]);
  assert.equal(full.complete, true);
  assert.equal(full.missingMandatory.length, 0);
});

test('a province export with Vietnamese column names and values imports', () => {
  const csv = [
    'Mã TTHC;Tên thủ tục;Lĩnh vực;Cấp thực hiện;Thời hạn giải quyết;Mã thành phần;Tên thành phần;Loại bản sao;Số lượng;Bắt buộc;Loại giấy tờ',
    '1.004873;Cấp Giấy xác nhận tình trạng hôn nhân;Hộ tịch;Cấp xã;03 ngày làm việc;to_khai;Tờ khai;Bản chính;1;x;application_form',
    '1.004873;Cấp Giấy xác nhận tình trạng hôn nhân;Hộ tịch;Cấp xã;03 ngày làm việc;cccd;Căn cước;Xuất trình bản chính;1;có;cccd_front|cccd_back',
    '2.000815;Chứng thực bản sao;Chứng thực;Cấp xã;Trong ngày;ban_sao;Bản sao cần chứng thực;Bản chính hoặc bản sao;2;Bắt buộc;other',
  ].join('\r\n');
  const parsed = parseCatalogCsv(csv);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  if (!parsed.ok) return;
  const [marital, copy] = parsed.catalog.procedures;
  assert.equal(marital?.level, 'commune');
  assert.equal(marital?.processingDays, 3);
  assert.deepEqual(
    marital?.components.map((c) => c.form),
    ['original', 'shown'],
  );
  assert.equal(copy?.processingDays, 0);
  assert.equal(copy?.components[0]?.form, 'original_or_copy');
  assert.equal(copy?.components[0]?.count, 2);
  const bad = parseCatalogCsv(csv.replace('03 ngày làm việc', 'ba ngày'));
  assert.ok(
    !bad.ok && bad.problems.some((p) => p.line === 2 && p.where.includes('processingDays')),
  );
});
