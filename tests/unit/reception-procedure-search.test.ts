// Finding a procedure at the counter (renderer/src/components/reception/procedureSearch.ts):
// with or without diacritics, by code, recent ones first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ProcedureCatalog } from '../../shared/procedures';
import { rankProcedures } from '../../renderer/src/components/reception/procedureSearch';

const catalog = ProcedureCatalog.parse(
  JSON.parse(readFileSync('resources/procedures/catalog.json', 'utf8')),
);
const codes = (q: string, recent: string[] = []) =>
  rankProcedures(catalog.procedures, q, recent).map((h) => h.procedure.code);

test('words without diacritics find the procedure, every word must match', () => {
  assert.deepEqual(codes('dang ky khai sinh'), ['1.001193']);
  assert.deepEqual(codes('Đăng ký khai sinh'), ['1.001193']);
  assert.deepEqual(codes('khai sinh ket hon'), []);
});

test('a code finds its procedure first', () => {
  assert.equal(codes('2.000635')[0], '2.000635');
});

test('an empty query lists the catalog with the recent procedures first, newest first', () => {
  const all = codes('', ['1.004222', '2.000635']);
  assert.equal(all.length, catalog.procedures.length);
  assert.deepEqual(all.slice(0, 2), ['1.004222', '2.000635']);
  const hits = rankProcedures(catalog.procedures, '', ['1.004222']);
  assert.ok(hits[0]!.recent && !hits[1]!.recent);
});

test('among matches, recent ones come first', () => {
  const dang = codes('dang ky');
  assert.ok(dang.length > 3);
  assert.equal(codes('dang ky', [dang.at(-1)!])[0], dang.at(-1));
});
