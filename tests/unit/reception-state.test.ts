// One reception at the counter as data (renderer/src/components/reception/receptionState.ts and
// pageKeys.ts): the reducer the screen's useReception runs, what signing still needs, the notices
// worded in the language shown, and what a key does on the focused page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Classification } from '../../shared/classification';
import type { ReceptionPage } from '../../shared/contracts/reception';
import { errorInfo } from '../../shared/errors';
import type { Procedure } from '../../shared/procedures';
import { docSignature } from '../../renderer/src/components/reception/model';
import { pageKeyCommand } from '../../renderer/src/components/reception/pageKeys';
import {
  initialReception,
  noticeText,
  receptionReducer,
  signNeeds,
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
const classification: Classification = {
  type: 'cccd_front',
  confidence: 0.95,
  needsReview: false,
  candidates: [],
  source: 'rules',
  evidence: [],
};

const run = (state: ReceptionState, ...actions: ReceptionAction[]) =>
  actions.reduce(receptionReducer, state);

function ready(): ReceptionState {
  return run(
    initialReception(null, 'Nguyễn Văn A', 'session-1'),
    { type: 'procedure', procedure },
    {
      type: 'cardRead',
      holder: {
        fullName: 'Trần Thị B',
        idNumber: '001203004005',
        dateOfBirth: '1990-01-02',
        address: 'Hà Nội',
      },
      warnings: [],
    },
    { type: 'stackRead', pages: [page('a'), page('b')], groups: [[0], [1]], fileErrors: [] },
  );
}

test('a fresh reception, or the one a reload interrupted', () => {
  const fresh = initialReception(null, '', 'new');
  assert.equal(fresh.sessionId, 'new');
  assert.equal(fresh.procedure, null);
  assert.equal(fresh.ws.docs.length, 0);
  const back = initialReception(
    { sessionId: 'old', procedure, applicant: ready().applicant, ws: ready().ws, result: null },
    'clerk',
    'new',
  );
  assert.equal(back.sessionId, 'old');
  assert.equal(back.procedure?.code, procedure.code);
  assert.equal(back.ws.docs.length, 2);
  assert.equal(back.clerk, 'clerk');
});

test('signing needs, in order, until each is given', () => {
  const empty = initialReception(null, ' ', 's');
  assert.deepEqual(signNeeds(empty), ['needClerk', 'needProcedure', 'needApplicant', 'needPages']);
  let state = ready();
  // Both documents wait for the classifier.
  assert.deepEqual(signNeeds(state), ['needTypes']);
  for (const d of state.ws.docs) {
    state = run(state, {
      type: 'workspace',
      edit: {
        type: 'classified',
        key: d.key,
        signature: docSignature(d),
        classification,
        fields: [],
      },
    });
  }
  assert.deepEqual(signNeeds(state), []);
  const reading = { from: 'file' as const, file: 'x.pdf', index: 1, total: 1, since: 0 };
  assert.deepEqual(signNeeds(run(state, { type: 'reading', reading })), ['needReading']);
});

test("a classifier's answer for pages the clerk has since moved is dropped", () => {
  const state = ready();
  const [first] = state.ws.docs;
  const asked = docSignature(first!);
  const moved = run(state, {
    type: 'workspace',
    edit: { type: 'page', action: 'forward', pageId: 'a' },
  });
  const answered = run(moved, {
    type: 'workspace',
    edit: { type: 'classified', key: first!.key, signature: asked, classification, fields: [] },
  });
  assert.equal(answered.ws, moved.ws);
});

test('errors gather, a retry starts them afresh, a reset keeps only the clerk', () => {
  const fileError = errorInfo('FILE_EMPTY', 'x.png');
  let state = run(ready(), { type: 'failed', errors: [fileError] });
  state = run(state, { type: 'failed', errors: [fileError] });
  assert.equal(state.errors.length, 2);
  assert.deepEqual(run(state, { type: 'signStarted', since: 5, retry: true }).errors, []);
  const started = run(state, { type: 'signStarted', since: 5, retry: false });
  assert.equal(started.errors.length, 2);
  assert.equal(started.signing, 5);
  const reset = run(state, {
    type: 'reset',
    sessionId: 'session-2',
    notice: { kind: 'finished', dossierCode: 'X-1' },
  });
  assert.equal(reset.sessionId, 'session-2');
  assert.equal(reset.clerk, 'Nguyễn Văn A');
  assert.equal(reset.procedure, null);
  assert.equal(reset.applicant.fullName, '');
  assert.equal(reset.ws.docs.length, 0);
  assert.deepEqual(reset.errors, []);
});

test('a scanned card fills the applicant as from the QR and says whose it was', () => {
  const state = ready();
  assert.equal(state.applicant.source, 'qr');
  assert.equal(state.applicant.idNumber, '001203004005');
  assert.equal(noticeText(state.notice, vi.reception), vi.reception.applicantScanned('Trần Thị B'));
  // Worded when shown: the same notice reads in English after the switch.
  assert.equal(noticeText(state.notice, en.reception), en.reception.applicantScanned('Trần Thị B'));
});

test('a folder notice names the files left out after the pages added', () => {
  const text = noticeText(
    { kind: 'pagesAdded', pages: 3, skipped: { count: 2, names: 'a.txt, b.doc' } },
    vi.reception,
  );
  assert.equal(
    text,
    `${vi.reception.pagesAdded(3)} ${vi.reception.folderSkipped(2, 'a.txt, b.doc')}`,
  );
  assert.equal(noticeText(null, vi.reception), '');
});

test('keys on the focused page: walk, move, turn, delete, split, merge', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({
    key: k,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...mods,
  });
  // Page 5 of 12 in a grid of 4 columns.
  const at = (k: ReturnType<typeof key>) => pageKeyCommand(k, 5, 12, 4);
  assert.deepEqual(at(key('ArrowUp')), { kind: 'focus', index: 1 });
  assert.deepEqual(at(key('ArrowDown')), { kind: 'focus', index: 9 });
  assert.deepEqual(pageKeyCommand(key('ArrowDown'), 10, 12, 4), { kind: 'focus', index: 11 });
  assert.deepEqual(at(key('End')), { kind: 'focus', index: 11 });
  assert.deepEqual(at(key('ArrowLeft', { ctrlKey: true })), { kind: 'act', action: 'back' });
  assert.deepEqual(at(key('R', { shiftKey: true })), { kind: 'act', action: 'rotateLeft' });
  assert.deepEqual(at(key('r')), { kind: 'act', action: 'rotateRight' });
  assert.deepEqual(at(key('Backspace')), { kind: 'act', action: 'delete' });
  assert.deepEqual(at(key('m')), { kind: 'act', action: 'merge' });
  // Alt+letters belong to the screen, not to the page.
  assert.equal(at(key('s', { altKey: true })), null);
  assert.equal(at(key('x')), null);
});
