// The counter's page workspace (renderer/src/components/reception/model.ts): pages grouped into
// documents, turned, moved across documents, deleted, split and merged; the checklist sees only
// documents whose type is known.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReceptionPage } from '../../shared/contracts/reception';
import { matchChecklist, type Procedure } from '../../shared/procedures';
import {
  addDocument,
  addDocuments,
  checklistDocuments,
  classified,
  deletePage,
  EMPTY_WORKSPACE,
  mergeWithPrevious,
  movePage,
  pageOrder,
  rotatePage,
  setField,
  setType,
  splitAt,
  type Workspace,
} from '../../renderer/src/components/reception/model';

const page = (id: string): ReceptionPage => ({
  id,
  sourceName: `${id}.png`,
  thumbnail: 'data:image/jpeg;base64,',
  widthPx: 100,
  heightPx: 140,
  text: `text of ${id}`,
  confidence: 90,
  blank: false,
});

function twoDocs(): Workspace {
  return addDocument(addDocument(EMPTY_WORKSPACE, [page('a'), page('b')]), [page('c')]);
}

const groups = (ws: Workspace) => ws.docs.map((d) => d.pageIds.join(''));

test('each added file is one document, pages in order, all to be classified', () => {
  const ws = twoDocs();
  assert.deepEqual(groups(ws), ['ab', 'c']);
  assert.deepEqual(pageOrder(ws), ['a', 'b', 'c']);
  assert.ok(ws.docs.every((d) => d.stale && d.type === null));
  assert.equal(addDocument(ws, []), ws);
});

test('rotation turns by quarters both ways and wraps', () => {
  let ws = twoDocs();
  ws = rotatePage(ws, 'a', -1);
  assert.equal(ws.pages.a!.rotation, 270);
  ws = rotatePage(rotatePage(ws, 'a', 1), 'a', 1);
  assert.equal(ws.pages.a!.rotation, 90);
  assert.equal(rotatePage(ws, 'zz', 1), ws);
});

test('moving a page swaps inside a document and crosses into the next at its edge', () => {
  let ws = twoDocs();
  ws = movePage(ws, 'a', 1);
  assert.deepEqual(groups(ws), ['ba', 'c']);
  ws = movePage(ws, 'a', 1);
  assert.deepEqual(groups(ws), ['b', 'ac']);
  assert.ok(ws.docs.every((d) => d.stale));
  ws = movePage(ws, 'b', 1);
  // The first document emptied: it disappears.
  assert.deepEqual(groups(ws), ['bac']);
  assert.equal(movePage(ws, 'b', -1), ws);
  assert.equal(movePage(ws, 'c', 1), ws);
});

test('delete, split and merge', () => {
  let ws = twoDocs();
  ws = splitAt(ws, 'b');
  assert.deepEqual(groups(ws), ['a', 'b', 'c']);
  assert.equal(splitAt(ws, 'a'), ws, 'a page that starts a document is not split again');
  ws = mergeWithPrevious(ws, 'c');
  assert.deepEqual(groups(ws), ['a', 'bc']);
  assert.equal(mergeWithPrevious(ws, 'a'), ws);
  ws = deletePage(ws, 'a');
  assert.deepEqual(groups(ws), ['bc']);
  assert.equal(ws.pages.a, undefined);
});

function classification(type: 'application_form' | null, needsReview = type === null) {
  return {
    type,
    confidence: type ? 0.9 : 0,
    needsReview,
    candidates: [],
    source: 'rules' as const,
    evidence: [],
  };
}

test("the machine's type counts only when it is sure; the clerk's choice always counts and stays", () => {
  const procedure: Procedure = {
    code: '2.000635',
    name: 'Cấp bản sao trích lục hộ tịch',
    field: 'Hộ tịch',
    level: 'commune',
    processingDays: 0,
    codeChecked: false,
    components: [
      {
        id: 'to_khai',
        name: 'Tờ khai',
        form: 'original',
        count: 1,
        mandatory: true,
        documentTypes: ['application_form'],
      },
      {
        id: 'cccd',
        name: 'CCCD',
        form: 'shown',
        count: 1,
        mandatory: true,
        documentTypes: ['cccd_front', 'cccd_back'],
      },
    ],
  };
  let ws = twoDocs();
  const [first, second] = ws.docs.map((d) => d.key) as [string, string];
  ws = classified(ws, first, classification('application_form'), []);
  ws = classified(ws, second, classification(null), []);
  assert.equal(matchChecklist(procedure, checklistDocuments(ws)).complete, false);
  ws = setType(ws, second, 'cccd_front');
  assert.equal(matchChecklist(procedure, checklistDocuments(ws)).complete, true);
  // A later re-classification (pages moved) does not undo the clerk's choice.
  ws = classified(ws, second, classification('application_form'), []);
  assert.equal(ws.docs[1]!.type, 'cccd_front');
  assert.ok(ws.docs[1]!.confirmed);
});

test('a corrected field is as sure as the clerk', () => {
  let ws = twoDocs();
  const key = ws.docs[0]!.key;
  ws = classified(ws, key, classification('application_form'), [
    { name: 'fullName', value: 'Tran Thi', raw: 'Tran Thi', confidence: 0.4, source: 'ocr' },
  ]);
  ws = setField(ws, key, 0, 'Trần Thị Ngọc Lan');
  assert.deepEqual(
    [ws.docs[0]!.fields[0]!.value, ws.docs[0]!.fields[0]!.confidence],
    ['Trần Thị Ngọc Lan', 1],
  );
});

test('a stack splits as separation planned; a page the plan left out joins the document before it', () => {
  const pages = ['p', 'q', 'r', 's', 't'].map(page);
  // Page 2 (a separator sheet) is in no document of the plan.
  const ws = addDocuments(EMPTY_WORKSPACE, pages, [
    [0, 1],
    [3, 4],
  ]);
  assert.deepEqual(groups(ws), ['pqr', 'st']);
  assert.deepEqual(groups(addDocuments(EMPTY_WORKSPACE, pages, [[1, 2, 3, 4]])), ['pqrst']);
  assert.deepEqual(groups(addDocuments(EMPTY_WORKSPACE, pages, [])), ['pqrst']);
});
