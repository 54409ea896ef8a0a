// What a refused key says and where the keyboard goes (renderer/src/components/reception/
// nextStep.ts), and the session's discarded receptions behind the undo bar (discarded.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Classification } from '../../shared/classification';
import type { ReceptionPage } from '../../shared/contracts/reception';
import type { Procedure } from '../../shared/procedures';
import {
  hasWork,
  keepDiscarded,
  takeDiscarded,
} from '../../renderer/src/components/reception/discarded';
import type { ReceptionDraft } from '../../renderer/src/components/reception/draft';
import { docSignature } from '../../renderer/src/components/reception/model';
import {
  focusForNeeds,
  refusalText,
  signRefusal,
  untypedDocs,
} from '../../renderer/src/components/reception/nextStep';
import {
  initialReception,
  receptionReducer,
  type ReceptionAction,
  type ReceptionState,
} from '../../renderer/src/components/reception/receptionState';
import { en } from '../../renderer/src/i18n/en';
import { vi } from '../../renderer/src/i18n/vi';

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
const procedure = { code: '2.000635', name: 'Trích lục hộ tịch' } as Procedure;
const sure: Classification = {
  type: 'application_form',
  confidence: 0.95,
  needsReview: false,
  candidates: [],
  source: 'rules',
  evidence: [],
};
const unsure: Classification = { ...sure, type: null, confidence: 0.2, needsReview: true };

const run = (state: ReceptionState, ...actions: ReceptionAction[]) =>
  actions.reduce(receptionReducer, state);

/** Procedure, applicant and two documents: the first typed by the machine, the second not. */
function withUnsureSecond(): ReceptionState {
  let state = run(
    initialReception(null, 'Nguyễn Văn A', 'session-1'),
    { type: 'procedure', procedure },
    {
      type: 'cardRead',
      holder: { fullName: 'Trần Thị B', idNumber: '001203004005', dateOfBirth: '', address: '' },
      warnings: [],
    },
    { type: 'stackRead', pages: [page('a'), page('b')], groups: [[0], [1]], fileErrors: [] },
  );
  state.ws.docs.forEach((d, i) => {
    state = run(state, {
      type: 'workspace',
      edit: {
        type: 'classified',
        key: d.key,
        signature: docSignature(d),
        classification: i === 0 ? sure : unsure,
        fields: [],
      },
    });
  });
  return state;
}

test('Alt+K on an empty reception: everything missing is named, the keyboard goes to the first', () => {
  const empty = initialReception(null, '', 's');
  const refusal = signRefusal(empty);
  assert.ok(refusal?.kind === 'sign');
  assert.deepEqual(focusForNeeds(empty, refusal.needs), { kind: 'clerk' });
  const withClerk = initialReception(null, 'Lê Văn Minh', 's');
  const next = signRefusal(withClerk);
  assert.ok(next?.kind === 'sign');
  assert.deepEqual(focusForNeeds(withClerk, next.needs), { kind: 'search' });
  assert.match(refusalText(next, vi.reception, vi.desk), /^Chưa ký được, còn thiếu: /);
});

test('Alt+K with a document the machine could not type: which one, and its type list', () => {
  const state = withUnsureSecond();
  assert.deepEqual(untypedDocs(state), [2]);
  const refusal = signRefusal(state);
  assert.ok(refusal?.kind === 'sign');
  assert.deepEqual(refusal.needs, ['needTypes']);
  assert.deepEqual(focusForNeeds(state, refusal.needs), {
    kind: 'docType',
    key: state.ws.docs[1]!.key,
  });
  assert.match(refusalText(refusal, vi.reception, vi.desk), /loại của Giấy tờ 2/);
  assert.match(refusalText(refusal, en.reception, en.desk), /the type of Document 2/);
});

test('a name without a valid ID number sends the keyboard to the ID number', () => {
  const state = run(withUnsureSecond(), {
    type: 'applicant',
    applicant: { ...withUnsureSecond().applicant, idNumber: '12345' },
  });
  const refusal = signRefusal(state);
  assert.ok(refusal?.kind === 'sign');
  assert.deepEqual(focusForNeeds(state, refusal.needs), { kind: 'idNumber' });
});

test('discarded receptions: newest first, one entry per session, at most five, taken back out', () => {
  const draft = (sessionId: string): ReceptionDraft => ({
    sessionId,
    procedure,
    applicant: withUnsureSecond().applicant,
    ws: withUnsureSecond().ws,
    result: null,
  });
  let list = keepDiscarded([], draft('a'), 1);
  list = keepDiscarded(list, draft('b'), 2);
  list = keepDiscarded(list, draft('a'), 3);
  assert.deepEqual(
    list.map((d) => [d.draft.sessionId, d.at]),
    [
      ['a', 3],
      ['b', 2],
    ],
  );
  for (const id of ['c', 'd', 'e', 'f']) list = keepDiscarded(list, draft(id), 4);
  assert.deepEqual(
    list.map((d) => d.draft.sessionId),
    ['f', 'e', 'd', 'c', 'a'],
  );
  assert.deepEqual(
    takeDiscarded(list, 'd').map((d) => d.draft.sessionId),
    ['f', 'e', 'c', 'a'],
  );
  assert.ok(hasWork(draft('x')));
  const blank = initialReception(null, 'clerk', 'y');
  assert.ok(
    !hasWork({
      sessionId: 'y',
      procedure: null,
      applicant: blank.applicant,
      ws: blank.ws,
      result: null,
    }),
  );
});
