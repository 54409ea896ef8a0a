// What a separated batch archives for a plan: one record per planned document, titled with its
// type and paper dossier code (unique in the batch, so a restart can find what was made), in
// dossier groups that start at the plan's startsDossier documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plannedRecords } from '../../electron/core/batch/applyPlan';
import type { StackRow } from '../../electron/core/batch/store';
import { adjustSplits, planSeparation } from '../../electron/core/separate/splitPlan';

const stackOf = (n: number): StackRow[] =>
  Array.from({ length: n }, (_, idx) => ({
    idx,
    fileId: 1 + Math.floor(idx / 2),
    pageInFile: idx % 2,
    name: `hop.pdf#${idx + 1}`,
    path: `/read/${idx + 1}.json`,
  }));

test('records follow the plan: pages, type from the separator, dossier groups, unique titles', () => {
  const plan = planSeparation(
    [
      { name: 'p0' },
      { name: 'p1', patch: 'T' },
      { name: 'p2' },
      { name: 'p3', separator: { type: 'birth_certificate', dossierCode: 'HS-9' } },
      { name: 'p4' },
      { name: 'p5' },
      { name: 'p6', patch: '2' },
      { name: 'p7' },
    ],
    { patchCodes: ['T', '2'], codes: true },
  );
  const records = plannedRecords(plan, stackOf(8), { id: 12, title: 'Hộp 3' }, 'batch:q:12');
  assert.deepEqual(
    records.map((r) => [r.stack.map((s) => s.idx), r.type, r.dossierCode, r.group]),
    [
      [[0], null, null, 1],
      [[2], null, null, 1],
      [[4, 5], 'birth_certificate', 'HS-9', 2],
      [[7], null, null, 3],
    ],
  );
  assert.deepEqual(
    records.map((r) => r.title),
    [
      'Hộp 3 (lô 12, tài liệu 1/4)',
      'Hộp 3 (lô 12, tài liệu 2/4)',
      'Giấy khai sinh – Hộp 3 – HS HS-9 (lô 12, tài liệu 3/4)',
      'Hộp 3 (lô 12, tài liệu 4/4)',
    ],
  );
  assert.equal(new Set(records.map((r) => r.title)).size, records.length);
  // The archive keys: one per document, under the batch's key, the same for the same plan.
  assert.equal(new Set(records.map((r) => r.sourceRef)).size, records.length);
  for (const r of records) assert.match(r.sourceRef, /^batch:q:12:doc:[0-9a-f]{16}$/);
  assert.deepEqual(
    plannedRecords(plan, stackOf(8), { id: 12, title: 'Hộp 3' }, 'batch:q:12').map(
      (r) => r.sourceRef,
    ),
    records.map((r) => r.sourceRef),
  );
});

test('kept separator sheets are archived with the document they introduce; an edit re-derives the records', () => {
  const signals = [{ name: 'a' }, { name: 's', patch: 'T' as const }, { name: 'b' }, { name: 'c' }];
  const plan = planSeparation(signals, { patchCodes: ['T'], keepSeparators: true });
  const records = plannedRecords(plan, stackOf(4), { id: 1, title: 'Lô' }, 'batch:q:1');
  assert.deepEqual(
    records.map((r) => r.stack.map((s) => s.idx)),
    [[0], [1, 2, 3]],
  );
  const moved = adjustSplits(plan, { op: 'move', from: 2, to: 3 });
  const remade = plannedRecords(moved, stackOf(4), { id: 1, title: 'Lô' }, 'batch:q:1');
  assert.deepEqual(
    remade.map((r) => r.stack.map((s) => s.idx)),
    [[0, 1, 2], [3]],
  );
  // Documents whose pages changed get new keys: an edited plan never maps onto an old record.
  assert.notEqual(remade[0]!.sourceRef, records[0]!.sourceRef);
  assert.notEqual(remade[1]!.sourceRef, records[1]!.sourceRef);
});
