// The catalogue under two-level local government (from 1 July 2025): levels are province,
// commune and ministry; every procedure names its competent authority with the text that assigns
// it; the former district procedures are reassigned; a province's catalogue that still names a
// district level or authority is refused with its row, through the library and through
// `sohoa procedures`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findProcedure, loadCatalog } from '../../electron/core/dossier/procedures';
import {
  districtMention,
  PROCEDURE_LEVELS,
  parseCatalogCsv,
  parseCatalogJson,
  ProcedureCatalog,
} from '../../shared/procedures';

const HEADER =
  'Mã TTHC;Tên thủ tục;Lĩnh vực;Cấp thực hiện;Thời hạn giải quyết;Mã thành phần;Tên thành phần;Loại bản sao;Số lượng;Bắt buộc;Loại giấy tờ;Cơ quan thực hiện';
const ROW = (level: string, authority: string, code = '2.000720') =>
  `${code};Đăng ký thành lập hộ kinh doanh;Hộ kinh doanh;${level};03 ngày làm việc;giay_de_nghi;Giấy đề nghị;Bản chính;1;x;application_form;${authority}`;

test('the shipped catalogue: no district, each procedure with its authority and basis', async () => {
  const { catalog } = await loadCatalog();
  assert.deepEqual(PROCEDURE_LEVELS, ['province', 'commune', 'ministry']);
  for (const p of catalog.procedures) {
    assert.ok(PROCEDURE_LEVELS.includes(p.level), p.code);
    assert.ok(p.authority, `${p.code} has no authority`);
    assert.equal(districtMention(p.authority.name), null, p.authority.name);
    assert.match(p.authority.basis, /\[(tóm tắt|suy luận)\]$/, p.code);
  }
  const reassigned = Object.fromEntries(
    ['2.000720', '1.004227', '1.003003', '1.001757'].map((code) => {
      const p = findProcedure(catalog, code);
      return [code, [p.level, p.authority?.name, p.authority?.basis]];
    }),
  );
  assert.equal(reassigned['2.000720']![0], 'commune');
  assert.match(reassigned['2.000720']![2]!, /168\/2025/);
  assert.equal(reassigned['1.004227']![0], 'commune');
  assert.match(reassigned['1.004227']![1]!, /Chủ tịch Ủy ban nhân dân cấp xã/);
  assert.match(reassigned['1.004227']![2]!, /151\/2025.*49\/2026/);
  assert.equal(reassigned['1.003003']![0], 'province');
  assert.equal(reassigned['1.001757']![0], 'commune');
});

test('district words are found as words, with their diacritics', () => {
  assert.equal(districtMention('Ủy ban nhân dân huyện Phú Bình'), 'huyện');
  assert.equal(districtMention('UBND Quận 1'), 'Quận');
  assert.equal(districtMention('Thị xã Sơn Tây'), 'Thị xã');
  assert.equal(districtMention('Cơ quan đăng ký kinh doanh cấp xã'), null);
  assert.equal(districtMention('Bà Nguyễn Thị Huyền'), null);
  assert.equal(districtMention('Thị trấn'), null);
});

test('a CSV naming a district level or a district authority is refused with the rows', () => {
  const csv = [
    HEADER,
    ROW('Cấp xã', 'UBND cấp xã'),
    ROW('Cấp huyện', 'Phòng Tài chính - Kế hoạch', '1.004227'),
    ROW('Cấp tỉnh', 'Ủy ban nhân dân huyện Phú Bình', '1.003003'),
  ].join('\n');
  const parsed = parseCatalogCsv(csv);
  assert.ok(!parsed.ok);
  if (parsed.ok) return;
  assert.deepEqual(
    parsed.problems.map((p) => [p.line, p.where]),
    [
      [3, 'procedures.1.level'],
      [4, 'procedures.2.authority.name'],
    ],
  );
  assert.match(parsed.problems[0]!.message, /cấp huyện không còn từ 01\/7\/2025/);
  assert.match(parsed.problems[0]!.en!, /district level ended on 1 July 2025/);
  assert.match(parsed.problems[1]!.en!, /district authority \("huyện"\)/);
  // Without the district rows the same file imports, with its authorities.
  const ok = parseCatalogCsv([HEADER, ROW('Cấp xã', 'UBND cấp xã')].join('\n'));
  assert.ok(ok.ok && ok.catalog.procedures[0]?.authority?.name === 'UBND cấp xã');
});

test('a JSON catalogue with a district level is refused at that procedure', async () => {
  const { catalog } = await loadCatalog();
  const old = structuredClone(catalog) as { procedures: { level: string }[] };
  old.procedures[3]!.level = 'district';
  const parsed = parseCatalogJson(JSON.stringify(old));
  assert.ok(!parsed.ok && parsed.problems[0]?.where === 'procedures.3.level');
  assert.equal(ProcedureCatalog.safeParse(catalog).success, true);
});

test('`sohoa procedures list --json` has no district; an import naming one fails with its row', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-two-level-'));
  const sohoa = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/sohoa.mjs', ...args, '--data-dir', dir], {
      encoding: 'utf8',
      timeout: 120_000,
    });
  const list = sohoa('procedures', 'list', '--json');
  assert.equal(list.status, 0, list.stderr);
  const listed = JSON.parse(list.stdout) as { procedures: { level: string }[] };
  assert.ok(listed.procedures.length > 10);
  assert.ok(!list.stdout.includes('district'));
  assert.deepEqual([...new Set(listed.procedures.map((p) => p.level))].sort(), [
    'commune',
    'province',
  ]);
  const file = path.join(dir, 'tinh-cu.csv');
  await fs.writeFile(
    file,
    [HEADER, ROW('Cấp xã', 'UBND cấp xã'), ROW('Cấp huyện', 'x', '1.004227')].join('\n'),
  );
  const refused = sohoa('procedures', 'import', file, '--lang', 'en');
  assert.equal(refused.status, 1, refused.stdout);
  assert.match(
    refused.stderr,
    /line 3, procedures\.1\.level: the level must be province, commune or ministry/,
  );
  await fs.rm(dir, { recursive: true });
});
