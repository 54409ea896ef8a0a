// The split plan: each method on a stack with known truth, methods combined, separators kept or
// dropped, duplex sheets, and the clerk's edits (add, remove, move, change a page's role).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PageSignalsInput, SplitPlan } from '../../shared/contracts/intake';
import { SohoaError } from '../../shared/errors';
import { adjustSplits, planSeparation } from '../../electron/core/separate/splitPlan';

const page = (name: string, extra: Partial<PageSignalsInput> = {}): PageSignalsInput => ({
  name,
  ...extra,
});
const docsOf = (plan: SplitPlan) => plan.documents.map((d) => d.pages);

test('blank separator sheets split; the blank pages are dropped from documents but flagged', () => {
  const pages = [
    page('p0'),
    page('p1'),
    page('sep', { blank: true }),
    page('p3'),
    page('sep2', { blank: true }),
    page('p5'),
  ];
  const plan = planSeparation(pages, { blank: true });
  assert.deepEqual(docsOf(plan), [[0, 1], [3], [5]]);
  assert.deepEqual(
    plan.pages.map((p) => p.role),
    ['content', 'content', 'separator', 'content', 'separator', 'content'],
  );
  assert.deepEqual(plan.documents[1]!.reasons, [{ method: 'blank', evidencePage: 2 }]);
  assert.equal(plan.pages[2]!.blank, true);
  // Without the blank method a blank page is content: flagged, never dropped.
  const none = planSeparation(pages, {});
  assert.deepEqual(docsOf(none), [[0, 1, 2, 3, 4, 5]]);
});

test('patch codes split only for the chosen codes; Patch 2 starts a dossier', () => {
  const pages = [
    page('a'),
    page('t', { patch: 'T' }),
    page('b'),
    page('p2', { patch: '2' }),
    page('c'),
    page('p3', { patch: '3' }),
    page('d'),
  ];
  const plan = planSeparation(pages, { patchCodes: ['T', '2'] });
  assert.deepEqual(docsOf(plan), [[0], [2], [4, 5, 6]]);
  assert.equal(plan.documents[1]!.reasons[0]!.detail, 'Patch T');
  assert.equal(plan.documents[2]!.startsDossier, true);
  assert.equal(plan.documents[1]!.startsDossier, false);
  const kept = planSeparation(pages, { patchCodes: ['T', '2', '3'], keepSeparators: true });
  assert.deepEqual(docsOf(kept), [[0], [1, 2], [3, 4], [5, 6]]);
});

test('QR separators carry the type and the dossier code to the documents that follow', () => {
  const pages = [
    page('s0', { separator: { dossierCode: 'H49.64.33-261123-0001' } }),
    page('a'),
    page('s1', { separator: { type: 'birth_certificate' } }),
    page('b'),
    page('b2'),
    page('s2', { separator: { dossierCode: 'H49.64.33-261123-0002', type: 'application_form' } }),
    page('c'),
  ];
  const plan = planSeparation(pages, { codes: true });
  assert.deepEqual(docsOf(plan), [[1], [3, 4], [6]]);
  assert.deepEqual(
    plan.documents.map((d) => [d.type, d.dossierCode, d.startsDossier]),
    [
      [null, 'H49.64.33-261123-0001', true],
      ['birth_certificate', 'H49.64.33-261123-0001', false],
      ['application_form', 'H49.64.33-261123-0002', true],
    ],
  );
  assert.equal(plan.documents[1]!.typeFrom, 'separator');
  // With codes off, the separator pages are content.
  assert.equal(planSeparation(pages, {}).documents.length, 1);
});

test('fixed page count, counted on content pages only', () => {
  const pages = Array.from({ length: 7 }, (_, i) => page(`p${i}`));
  assert.deepEqual(docsOf(planSeparation(pages, { fixedCount: 3 })), [[0, 1, 2], [3, 4, 5], [6]]);
  const withSep = [...pages.slice(0, 2), page('t', { patch: 'T' }), ...pages.slice(2)];
  const plan = planSeparation(withSep, { fixedCount: 2, patchCodes: ['T'] });
  assert.deepEqual(docsOf(plan), [[0, 1], [3, 4], [5, 6], [7]]);
  assert.deepEqual(
    plan.documents.map((d) => d.reasons[0]!.method),
    ['start', 'patch', 'count', 'count'],
  );
});

test("the classifier's type change splits; unsure pages continue the document", () => {
  const pages = [
    page('a1', { docType: 'application_form' }),
    page('a2'),
    page('b1', { docType: 'birth_certificate' }),
    page('b2', { docType: 'birth_certificate' }),
    page('c1', { docType: 'marriage_certificate' }),
  ];
  const plan = planSeparation(pages, { classifier: true });
  assert.deepEqual(docsOf(plan), [[0, 1], [2, 3], [4]]);
  assert.equal(plan.documents[1]!.reasons[0]!.detail, 'application_form → birth_certificate');
  assert.deepEqual(
    plan.documents.map((d) => [d.type, d.typeFrom]),
    [
      ['application_form', 'pages'],
      ['birth_certificate', 'pages'],
      ['marriage_certificate', 'pages'],
    ],
  );
});

test('duplex: a separator sheet takes its back with it; a blank back is flagged and kept', () => {
  const pages = [
    page('f0'),
    page('b0', { blank: true }),
    page('sepF', { patch: 'T' }),
    page('sepB', { blank: true }),
    page('f2'),
    page('b2'),
    page('blankF', { blank: true }),
    page('blankB', { blank: true }),
    page('f4'),
    page('b4', { blank: true }),
  ];
  const plan = planSeparation(pages, { duplex: true, patchCodes: ['T'], blank: true });
  assert.deepEqual(docsOf(plan), [
    [0, 1],
    [4, 5],
    [8, 9],
  ]);
  assert.deepEqual(
    plan.pages.filter((p) => p.blankBack).map((p) => p.name),
    ['b0', 'b4'],
  );
  assert.deepEqual(
    plan.documents.map((d) => d.reasons[0]!.method),
    ['start', 'patch', 'blank'],
  );
});

test('several methods at one boundary record every reason once', () => {
  const pages = [
    page('a'),
    page('sep', { patch: 'T', separator: { type: 'cccd_front' } }),
    page('b'),
  ];
  const plan = planSeparation(pages, { patchCodes: ['T'], codes: true });
  assert.deepEqual(
    plan.documents[1]!.reasons.map((r) => r.method),
    ['patch', 'code'],
  );
  assert.equal(plan.documents[1]!.type, 'cccd_front');
});

test('the clerk adds, moves and removes splits; reasons say what happened', () => {
  const pages = Array.from({ length: 6 }, (_, i) => page(`p${i}`));
  let plan = planSeparation(pages, { fixedCount: 3 });
  assert.deepEqual(docsOf(plan), [
    [0, 1, 2],
    [3, 4, 5],
  ]);
  plan = adjustSplits(plan, { op: 'move', from: 3, to: 2 });
  assert.deepEqual(docsOf(plan), [
    [0, 1],
    [2, 3, 4, 5],
  ]);
  assert.deepEqual(plan.documents[1]!.reasons, [
    { method: 'count', detail: '3' },
    { method: 'manual', movedFrom: 3 },
  ]);
  plan = adjustSplits(plan, { op: 'add', at: 5 });
  assert.deepEqual(docsOf(plan), [[0, 1], [2, 3, 4], [5]]);
  assert.deepEqual(plan.documents[2]!.reasons, [{ method: 'manual' }]);
  plan = adjustSplits(plan, { op: 'remove', at: 2 });
  assert.deepEqual(docsOf(plan), [[0, 1, 2, 3, 4], [5]]);
  // Marking a page as a separator sheet takes it out of its document.
  plan = adjustSplits(plan, { op: 'role', at: 1, role: 'separator' });
  assert.deepEqual(docsOf(plan), [[0, 2, 3, 4], [5]]);

  const bad = (edit: Parameters<typeof adjustSplits>[1]) =>
    assert.throws(
      () => adjustSplits(plan, edit),
      (e: unknown) => e instanceof SohoaError && e.code === 'SPLIT_INVALID',
    );
  bad({ op: 'remove', at: 0 }); // the first document always starts on the first page
  bad({ op: 'add', at: 5 }); // already a split
  bad({ op: 'add', at: 1 }); // a separator page
  bad({ op: 'add', at: 99 });
  bad({ op: 'move', from: 5, to: 0 }); // past the previous split
  bad({ op: 'move', from: 4, to: 3 }); // not a split
});

test('edits keep the dossier code a separator gave and the type it declared', () => {
  const pages = [
    page('s', { separator: { dossierCode: 'HS-1', type: 'birth_certificate' } }),
    page('a'),
    page('b'),
    page('c'),
  ];
  let plan = planSeparation(pages, { codes: true });
  plan = adjustSplits(plan, { op: 'add', at: 3 });
  assert.deepEqual(
    plan.documents.map((d) => [d.pages, d.type, d.dossierCode]),
    [
      [[1, 2], 'birth_certificate', 'HS-1'],
      [[3], null, 'HS-1'],
    ],
  );
});
